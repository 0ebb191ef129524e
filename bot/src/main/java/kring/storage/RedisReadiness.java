package kring.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Checks that a Redis is fit to be Kring's system of record: it persists every write (AOF on) and
 * never evicts keys to make room. Either one missing can lose acknowledged answers silently.
 */
public final class RedisReadiness {

  private final UnifiedJedis redis;

  public RedisReadiness(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Asks Redis for its settings now; never throws. */
  public Status check() {
    Map<String, String> config = new HashMap<>();
    try {
      // One setting per call: CONFIG GET takes several only since Redis 7.
      config.putAll(redis.configGet("appendonly"));
      config.putAll(redis.configGet("maxmemory-policy"));
    } catch (JedisException e) {
      return new Status(
          List.of(
              "Cannot check Redis ("
                  + e.getMessage()
                  + "): make sure it is reachable, allows CONFIG GET, has appendonly yes and"
                  + " maxmemory-policy noeviction"));
    }
    return evaluate(config);
  }

  /** What is wrong with these settings, if anything. */
  static Status evaluate(Map<String, String> config) {
    List<String> problems = new ArrayList<>();
    if (!config.containsKey("appendonly") || !config.containsKey("maxmemory-policy")) {
      return new Status(
          List.of(
              "Redis did not tell its appendonly and maxmemory-policy settings: make sure they are"
                  + " appendonly yes and maxmemory-policy noeviction"));
    }
    if (!"yes".equalsIgnoreCase(config.get("appendonly"))) {
      problems.add("Redis does not persist: set appendonly yes");
    }
    String policy = config.get("maxmemory-policy");
    if (!"noeviction".equalsIgnoreCase(policy)) {
      problems.add(
          "Redis may evict Kring's data when memory runs out (maxmemory-policy "
              + policy
              + "): set maxmemory-policy noeviction");
    }
    return new Status(problems);
  }

  /**
   * The outcome of a check.
   *
   * @param problems what to change, one sentence each; empty when Redis is ready
   */
  public record Status(List<String> problems) {

    public Status {
      problems = List.copyOf(problems);
    }

    public boolean ready() {
      return problems.isEmpty();
    }

    /** One line for a log or a health endpoint. */
    public String summary() {
      return ready()
          ? "Redis is ready: it persists every write and never evicts"
          : String.join("; ", problems);
    }
  }
}
