package kring.storage;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Finds keys by a glob pattern with SCAN, so that Redis is never blocked, on every primary of a
 * Redis Cluster as on a single Redis.
 */
public final class RedisScan {

  private static final int PAGE = 500;

  private RedisScan() {}

  /** Every key that matches {@code glob}. */
  public static List<String> keys(UnifiedJedis redis, String glob) {
    List<String> found = new ArrayList<>();
    ScanIteration scan = redis.scanIteration(PAGE, glob);
    while (!scan.isIterationCompleted()) {
      found.addAll(scan.nextBatchList());
    }
    return found;
  }
}
