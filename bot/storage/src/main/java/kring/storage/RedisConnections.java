package kring.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens Kring's pooled connection to Redis from a URL: one server, a Redis Cluster, or a master
 * watched by Redis Sentinel. Every form has the same timeouts and the same pool (per server, for a
 * cluster), and each {@code rediss} form speaks TLS, checking the server's certificate and host
 * name against the JVM's trust store.
 */
public final class RedisConnections {

  /** The URL forms Kring accepts, for the messages that refuse another. */
  static final String FORMS =
      "Expected a Redis URL such as redis://localhost:6379 or"
          + " rediss://user:password@host:6380/0 for one server,"
          + " redis-cluster://[user:password@]host:port[,host:port...] for a Redis Cluster, or"
          + " redis-sentinel://[user:password@]host:port[,host:port...]/masterName[/database]"
          + "[?sentinelUser=...&sentinelPassword=...] for a master watched by Redis Sentinel"
          + " (rediss-cluster:// and rediss-sentinel:// for TLS)";

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int SOCKET_TIMEOUT_MS = 5_000;
  private static final int POOL_SIZE = 16;
  private static final Duration POOL_WAIT = Duration.ofSeconds(5);
  // A cluster command follows MOVED and ASK redirections and retries on another connection while
  // a failover settles, within as long as a command may take anyway.
  private static final int CLUSTER_ATTEMPTS = 5;
  private static final Duration CLUSTER_RETRIES_WITHIN =
      Duration.ofMillis((long) SOCKET_TIMEOUT_MS * CLUSTER_ATTEMPTS);
  private static final int DEFAULT_PORT = 6379;
  private static final int DEFAULT_SENTINEL_PORT = 26379;
  private static final String CLIENT_NAME = "kring";
  private static final Pattern DATABASE = Pattern.compile("[0-9]{1,5}");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(password=)[^&#]*", Pattern.CASE_INSENSITIVE);

  private RedisConnections() {}

  /**
   * A client for one of these URLs; close it when the application stops.
   *
   * <ul>
   *   <li>{@code redis://[user:password@]host[:port][/database]}: one server;
   *   <li>{@code redis-cluster://[user:password@]host:port[,host:port...]}: a Redis Cluster, found
   *       from any of these seed nodes (a cluster has only database 0);
   *   <li>{@code redis-sentinel://[user:password@]host:port[,host:port...]/masterName[/database]}:
   *       the master that these sentinels name {@code masterName}, followed through failovers; the
   *       user and password are the data nodes'. Sentinels that ask for a password of their own get
   *       it from {@code ?sentinelPassword=...} (and {@code &sentinelUser=...}).
   * </ul>
   *
   * <p>{@code rediss}, {@code rediss-cluster} and {@code rediss-sentinel} are the same over TLS
   * (for a sentinel set: to the sentinels and to the data nodes). A port left out is 6379, or 26379
   * for a sentinel. A user name or password with {@code @ : / ? # & %} in it is written
   * percent-encoded.
   *
   * @throws IllegalArgumentException when the URL is not one of these; the message never repeats a
   *     password
   */
  public static UnifiedJedis open(String url) {
    return open(url, null);
  }

  /**
   * As {@link #open(String)}, trusting for TLS the certificates that {@code tls} trusts instead of
   * the JVM's trust store (the tests' throwaway certificate authority).
   */
  static UnifiedJedis open(String url, SSLSocketFactory tls) {
    Target target = Target.parse(url);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(POOL_SIZE);
    pool.setMaxIdle(POOL_SIZE);
    // A full pool should fail a request after a while instead of hanging it forever.
    pool.setMaxWait(POOL_WAIT);
    pool.setTestWhileIdle(true);
    JedisClientConfig data =
        config(target.tls(), tls, target.user(), target.password())
            .database(target.database())
            .build();
    return switch (target.topology()) {
      case STANDALONE ->
          RedisClient.builder()
              .hostAndPort(target.nodes().iterator().next())
              .clientConfig(data)
              .poolConfig(pool)
              .build();
      case CLUSTER ->
          RedisClusterClient.builder()
              .nodes(target.nodes())
              .clientConfig(data)
              .poolConfig(pool)
              .maxAttempts(CLUSTER_ATTEMPTS)
              .maxTotalRetriesDuration(CLUSTER_RETRIES_WITHIN)
              .build();
      case SENTINEL ->
          RedisSentinelClient.builder()
              .masterName(target.masterName())
              .sentinels(target.nodes())
              .clientConfig(data)
              .sentinelClientConfig(
                  config(target.tls(), tls, target.sentinelUser(), target.sentinelPassword())
                      // Sentinels speak the protocol they choose; they do not negotiate RESP3.
                      .serverDefaultProtocol()
                      .build())
              .poolConfig(pool)
              .build();
    };
  }

  private static DefaultJedisClientConfig.Builder config(
      boolean tls, SSLSocketFactory trust, String user, String password) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .clientName(CLIENT_NAME)
            .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
            .socketTimeoutMillis(SOCKET_TIMEOUT_MS)
            .ssl(tls);
    if (tls && trust != null) {
      config.sslSocketFactory(trust);
    }
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    return config;
  }

  /** How the servers a URL names are laid out. */
  enum Topology {
    STANDALONE,
    CLUSTER,
    SENTINEL
  }

  /**
   * What a Redis URL says. Its {@link #toString()} never shows a password.
   *
   * @param nodes the server, the cluster's seed nodes, or the sentinels
   */
  record Target(
      Topology topology,
      boolean tls,
      Set<HostAndPort> nodes,
      String user,
      String password,
      int database,
      String masterName,
      String sentinelUser,
      String sentinelPassword) {

    static Target parse(String url) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("No Redis URL given. " + FORMS);
      }
      String text = url.strip();
      if (text.chars().anyMatch(Character::isWhitespace)) {
        throw refused(text, "it has a space in it; write one as %20");
      }
      int schemeEnd = text.indexOf("://");
      String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      boolean tls = scheme.startsWith("rediss");
      Topology topology =
          switch (scheme) {
            case "redis", "rediss" -> Topology.STANDALONE;
            case "redis-cluster", "rediss-cluster" -> Topology.CLUSTER;
            case "redis-sentinel", "rediss-sentinel" -> Topology.SENTINEL;
            default -> throw refused(text, null);
          };
      // As in any URL, the servers end at the first '/', '?' or '#'; the path at '?' or '#'.
      String rest = text.substring(schemeEnd + 3);
      int authorityEnd = firstOf(rest, "/?#", 0);
      int pathEnd = firstOf(rest, "?#", authorityEnd);
      int queryEnd = firstOf(rest, "#", pathEnd);
      String authority = rest.substring(0, authorityEnd);
      String rawPath = rest.substring(authorityEnd, pathEnd);
      String query = pathEnd < queryEnd ? rest.substring(pathEnd + 1, queryEnd) : null;
      if (queryEnd < rest.length()) {
        throw refused(text, "a Redis URL has no #fragment");
      }
      if (authority.isEmpty() || authority.endsWith("@")) {
        throw refused(text, "it names no server");
      }
      int at = authority.lastIndexOf('@');
      String user = null;
      String password = null;
      if (at >= 0) {
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
          throw refused(
              text, "it names a user but no password (write user:password@, or :password@)");
        }
        user = userInfo.substring(0, colon).isEmpty() ? null : decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      }
      Set<HostAndPort> nodes =
          nodes(
              text,
              authority.substring(at + 1),
              topology == Topology.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT);
      if (topology == Topology.STANDALONE && nodes.size() > 1) {
        throw refused(
            text,
            "a "
                + scheme
                + ":// URL names one server; for several use the cluster or sentinel"
                + " form");
      }
      List<String> path = segments(rawPath);
      String masterName = null;
      int database = 0;
      switch (topology) {
        case STANDALONE -> {
          if (path.size() > 1) {
            throw refused(text, "after the server comes at most a database number");
          }
          database = path.isEmpty() ? 0 : database(text, path.get(0));
        }
        case CLUSTER -> {
          if (!path.isEmpty()) {
            throw refused(text, "a Redis Cluster has only database 0, so its URL names none");
          }
        }
        case SENTINEL -> {
          if (path.isEmpty() || path.size() > 2 || path.get(0).isEmpty()) {
            throw refused(
                text,
                "after the sentinels comes the master's name, and optionally a database"
                    + " number: /masterName or /masterName/0");
          }
          masterName = decode(path.get(0));
          database = path.size() == 2 ? database(text, path.get(1)) : 0;
        }
      }
      String sentinelUser = null;
      String sentinelPassword = null;
      if (query != null && !query.isEmpty()) {
        for (String parameter : query.split("&", -1)) {
          int equals = parameter.indexOf('=');
          String name = equals < 0 ? parameter : parameter.substring(0, equals);
          String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
          if (topology != Topology.SENTINEL) {
            throw refused(text, "only the sentinel form takes parameters after ?");
          }
          switch (name) {
            case "sentinelUser" -> sentinelUser = value;
            case "sentinelPassword" -> sentinelPassword = value;
            default ->
                throw refused(
                    text,
                    "it has the parameter '"
                        + decode(name)
                        + "', but only sentinelUser and sentinelPassword are known");
          }
        }
      }
      if (sentinelUser != null && sentinelPassword == null) {
        throw refused(text, "it names a sentinelUser but no sentinelPassword");
      }
      return new Target(
          topology,
          tls,
          nodes,
          user,
          password,
          database,
          masterName,
          sentinelUser,
          sentinelPassword);
    }

    @Override
    public String toString() {
      return topology
          + (tls ? " over TLS" : "")
          + " "
          + nodes
          + (user == null ? "" : " as " + user)
          + (masterName == null ? "" : " master " + masterName)
          + " database "
          + database;
    }

    /** Where in {@code text}, from {@code from}, the first of {@code chars} is; else its end. */
    private static int firstOf(String text, String chars, int from) {
      for (int i = from; i < text.length(); i++) {
        if (chars.indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return text.length();
    }

    private static Set<HostAndPort> nodes(String url, String list, int defaultPort) {
      Set<HostAndPort> nodes = new LinkedHashSet<>();
      for (String node : list.split(",", -1)) {
        nodes.add(node(url, node, defaultPort));
      }
      return nodes;
    }

    private static HostAndPort node(String url, String node, int defaultPort) {
      String host;
      String port;
      if (node.startsWith("[")) {
        int close = node.indexOf(']');
        if (close < 0) {
          throw refused(url, "an IPv6 address in it is missing its ]");
        }
        host = node.substring(1, close);
        String rest = node.substring(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(":")) {
          throw refused(url, "a server in it is not host:port");
        }
        port = rest.isEmpty() ? "" : rest.substring(1);
      } else {
        int colon = node.indexOf(':');
        host = colon < 0 ? node : node.substring(0, colon);
        port = colon < 0 ? "" : node.substring(colon + 1);
      }
      if (host.isEmpty()) {
        throw refused(url, "a server in it has no host, or is not host:port");
      }
      if (port.isEmpty()) {
        return new HostAndPort(host, defaultPort);
      }
      try {
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
          throw new NumberFormatException();
        }
        return new HostAndPort(host, number);
      } catch (NumberFormatException e) {
        throw refused(url, "a port in it is not a number from 1 to 65535");
      }
    }

    private static List<String> segments(String rawPath) {
      if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
        return List.of();
      }
      String path = rawPath.substring(1);
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return List.of(path.split("/", -1));
    }

    private static int database(String url, String segment) {
      if (!DATABASE.matcher(segment).matches()) {
        throw refused(url, "the database must be a number, such as /0");
      }
      return Integer.parseInt(segment);
    }

    private static IllegalArgumentException refused(String url, String reason) {
      return new IllegalArgumentException(
          "Not a Redis URL: "
              + withoutSecret(url)
              + (reason == null ? "" : " (" + reason + ")")
              + ". "
              + FORMS);
    }
  }

  /** Percent-decodes a part of a URL as UTF-8; unlike a form, '+' stays '+'. */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length()) {
      int end = raw.indexOf('%', i);
      if (end < 0) {
        end = raw.length();
      }
      bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
      i = end;
      if (i < raw.length()) {
        if (i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
          bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
          i += 3;
        } else {
          bytes.write('%');
          i++;
        }
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /**
   * The URL with its user and password masked, and the value of any password parameter, so that an
   * error message never shows them.
   */
  static String withoutSecret(String url) {
    String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
    int at = masked.lastIndexOf('@');
    if (at >= 0) {
      int scheme = masked.indexOf("://");
      String kept = scheme >= 0 && scheme < at ? masked.substring(0, scheme + 3) : "";
      masked = kept + "***" + masked.substring(at);
    }
    // A Redis URL has no fragment; what follows a '#' may be the end of a password.
    int hash = masked.indexOf('#');
    return hash < 0 ? masked : masked.substring(0, hash) + "#***";
  }
}
