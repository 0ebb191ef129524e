package kring.storage;

import java.nio.file.Path;
import redis.clients.jedis.UnifiedJedis;

/**
 * A JVM that starts an embedded Redis, stores one key and then waits to be killed, leaving the
 * redis-server behind the way a crashed Kring would. A second argument is where to look for the
 * redis-server to run, instead of the PATH.
 */
final class LeftoverRedis {

  private LeftoverRedis() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedRedis redis =
        args.length > 1
            ? EmbeddedRedis.start(
                Path.of(args[0]), RedisBinary.find(args[1], RedisBinary.defaultCache()))
            : EmbeddedRedis.start(Path.of(args[0]));
    try (UnifiedJedis client = RedisConnections.open(redis.url())) {
      client.set("written-before-the-crash", "still here");
    }
    System.out.println("READY " + redis.pid() + " " + redis.port());
    Thread.sleep(Long.MAX_VALUE);
  }
}
