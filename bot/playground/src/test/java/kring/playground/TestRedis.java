package kring.playground;

import java.net.URI;
import java.util.Set;
import java.util.UUID;
import kring.storage.RedisKeys;
import kring.testing.MachineRedis;
import kring.testing.PrivacyDocument;
import redis.clients.jedis.RedisClient;

/** The shared plain Redis of the tests, each test under a key prefix of its own. */
final class TestRedis {

  private TestRedis() {}

  static RedisClient client() {
    return RedisClient.create(URI.create(MachineRedis.url()));
  }

  /** A prefix no other test run uses, such as {@code t-rooms-1a2b3c4d:}. */
  static RedisKeys uniqueKeys(String name) {
    return new RedisKeys(name + "-" + UUID.randomUUID().toString().substring(0, 8) + ":");
  }

  /** Deletes every key under the prefix, after checking that PRIVACY.md lists each of them. */
  static void deleteAll(RedisClient redis, RedisKeys keys) {
    Set<String> written = redis.keys(keys.prefix() + "*");
    try {
      PrivacyDocument.inRepository().assertListed(written, keys.prefix());
    } finally {
      if (!written.isEmpty()) {
        redis.del(written.toArray(String[]::new));
      }
    }
  }
}
