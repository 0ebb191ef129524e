package kring.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Opens Kring's pooled connection to Redis from a URL. */
public final class RedisConnections {

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int SOCKET_TIMEOUT_MS = 5_000;
  private static final int POOL_SIZE = 16;
  private static final Duration POOL_WAIT = Duration.ofSeconds(5);
  private static final int DEFAULT_PORT = 6379;

  private RedisConnections() {}

  /**
   * A client for {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://} for
   * TLS; the port is 6379 unless given. Close it when the application stops.
   *
   * @throws IllegalArgumentException when the URL is not a Redis URL
   */
  public static UnifiedJedis open(String url) {
    URI uri = parse(url);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(POOL_SIZE);
    pool.setMaxIdle(POOL_SIZE);
    // A full pool should fail a request after a while instead of hanging it forever.
    pool.setMaxWait(POOL_WAIT);
    pool.setTestWhileIdle(true);
    return RedisClient.builder()
        .clientConfig(
            DefaultJedisClientConfig.builder()
                .clientName("kring")
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(SOCKET_TIMEOUT_MS)
                .build())
        .fromURI(uri)
        .poolConfig(pool)
        .build();
  }

  private static URI parse(String url) {
    String expected =
        "Expected a Redis URL such as redis://localhost:6379 or rediss://user:password@host:6380/0";
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("No Redis URL given. " + expected);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Not a Redis URL: " + withoutSecret(url) + ". " + expected);
    }
    String scheme = uri.getScheme();
    if (!("redis".equals(scheme) || "rediss".equals(scheme)) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Not a Redis URL: " + withoutSecret(url) + ". " + expected);
    }
    if (uri.getPort() != -1) {
      return uri;
    }
    return URI.create(
        scheme
            + "://"
            + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
            + uri.getHost()
            + ":"
            + DEFAULT_PORT
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  /** The URL with its user and password masked, so that an error message never shows them. */
  static String withoutSecret(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    String kept = scheme >= 0 && scheme < at ? url.substring(0, scheme + 3) : "";
    return kept + "***" + url.substring(at);
  }
}
