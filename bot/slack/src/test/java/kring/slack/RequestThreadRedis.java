package kring.slack;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * A Redis client that counts the round trips made on the servlet container's request threads, that
 * is before Slack gets its answer, and those made by the work after it: the client takes a
 * connection from its pool for each command, and once for a whole pipeline, so each connection
 * taken is one round trip.
 */
final class RequestThreadRedis extends UnifiedJedis {

  private final Counting counting;

  private RequestThreadRedis(Counting counting) {
    super(counting, RedisProtocol.RESP2);
    this.counting = counting;
  }

  /** A client of the Redis at {@code url} ({@code redis://host:port}). */
  static RequestThreadRedis of(String url) {
    URI uri = URI.create(url);
    return new RequestThreadRedis(
        new Counting(
            new PooledConnectionProvider(
                new HostAndPort(uri.getHost(), uri.getPort()),
                DefaultJedisClientConfig.builder(uri).build())));
  }

  /**
   * The round trips on request threads counted since the last call, and starts counting them again
   * from naught.
   */
  int takeCount() {
    return counting.onRequestThreads.getAndSet(0);
  }

  /**
   * The round trips of the work after the acknowledgement ({@link SlackWork}'s threads) counted
   * since the last call, and starts counting them again from naught.
   */
  int takeWorkCount() {
    return counting.byWork.getAndSet(0);
  }

  /** Hands out the pool's connections, counting those a request thread takes. */
  private static final class Counting implements ConnectionProvider {
    private final PooledConnectionProvider pool;
    private final AtomicInteger onRequestThreads = new AtomicInteger();
    private final AtomicInteger byWork = new AtomicInteger();

    Counting(PooledConnectionProvider pool) {
      this.pool = pool;
    }

    private Connection counted(Connection connection) {
      // Tomcat names the threads that serve requests "http-nio-…-exec-N".
      String thread = Thread.currentThread().getName();
      if (thread.contains("-exec-")) {
        onRequestThreads.incrementAndGet();
      } else if (thread.startsWith("kring-slack-work-")) {
        byWork.incrementAndGet();
      }
      return connection;
    }

    @Override
    public Connection getConnection() {
      return counted(pool.getConnection());
    }

    @Override
    public Connection getConnection(CommandArguments args) {
      return counted(pool.getConnection(args));
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}
