package kring.config;

import kring.storage.EmbeddedRedis;
import kring.storage.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The connection to Kring's Redis: the configured one, or an embedded one started for it. Closing
 * the link closes the client and stops the embedded server.
 */
final class RedisLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final EmbeddedRedis embedded;
  private final UnifiedJedis client;

  private RedisLink(EmbeddedRedis embedded, UnifiedJedis client) {
    this.embedded = embedded;
    this.client = client;
  }

  static RedisLink open(RedisSettings settings) {
    if (!settings.embedded()) {
      return new RedisLink(null, RedisConnections.open(settings.url()));
    }
    EmbeddedRedis embedded = EmbeddedRedis.start(settings.dataDir());
    LOG.info(
        "No kring.redis.url set: started an embedded Redis on port {} with data in {}",
        embedded.port(),
        settings.dataDir().toAbsolutePath().normalize());
    try {
      return new RedisLink(embedded, RedisConnections.open(embedded.url()));
    } catch (RuntimeException e) {
      embedded.stop();
      throw e;
    }
  }

  UnifiedJedis client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      if (embedded != null) {
        embedded.stop();
      }
    }
  }
}
