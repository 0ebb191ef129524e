package kring.testing;

import java.util.Locale;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The plain Redis that most tests share, each under a key prefix of its own: the one that a
 * development machine or CI runs on 127.0.0.1:6379 when it answers there, else one standalone
 * {@code redis-server} that this test JVM starts on a free loopback port (the machine's binary, or
 * the bundled one) and stops when it exits. Neither persists, and neither has a password.
 *
 * <p>The address probed is {@value #DEFAULT_ADDRESS} unless the system property {@value #PROPERTY}
 * or the environment variable {@value #VARIABLE} names another {@code host:port}; pointing it at a
 * port where nothing listens makes the tests start their own Redis, as on a machine without one.
 */
public final class MachineRedis {

  /** The system property naming the address to probe. */
  public static final String PROPERTY = "kring.testing.redis";

  /** The environment variable naming the address to probe. */
  public static final String VARIABLE = "KRING_TESTING_REDIS";

  static final String DEFAULT_ADDRESS = "127.0.0.1:6379";

  private static String url;

  private MachineRedis() {}

  /** The URL of the shared Redis: the probed one when it answers, else one started for this JVM. */
  public static synchronized String url() {
    if (url == null) {
      HostAndPort probed = probed();
      if (answers(probed)) {
        url = "redis://" + probed.getHost() + ":" + probed.getPort();
      } else {
        LocalRedisServer started = LocalRedisServer.start("save \"\"", "appendonly no");
        System.out.println(
            "No Redis answers on "
                + probed
                + ": the tests of this JVM share the Redis they started at "
                + started.url());
        url = started.url();
      }
    }
    return url;
  }

  /** The address to probe, as the property, the variable or the default says. */
  static HostAndPort probed() {
    String address = System.getProperty(PROPERTY);
    if (address == null || address.isBlank()) {
      address = System.getenv(VARIABLE);
    }
    if (address == null || address.isBlank()) {
      address = DEFAULT_ADDRESS;
    }
    String[] parts = address.strip().split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || !parts[1].matches("\\d{1,5}")) {
      throw new IllegalArgumentException(
          PROPERTY + " / " + VARIABLE + " must be host:port, like 127.0.0.1:6379, not " + address);
    }
    return new HostAndPort(parts[0].toLowerCase(Locale.ROOT), Integer.parseInt(parts[1]));
  }

  /** Whether a Redis that needs no password answers PING there. */
  static boolean answers(HostAndPort address) {
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(1000)
            .socketTimeoutMillis(2000)
            .protocol(RedisProtocol.RESP2)
            .build();
    try (Jedis probe = new Jedis(address, config)) {
      return "PONG".equals(probe.ping());
    } catch (JedisException nothingThere) {
      return false;
    }
  }
}
