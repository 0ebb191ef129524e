package kring.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Checks that a Redis is fit to be Kring's system of record: it persists every write (AOF on),
 * never evicts keys to make room, and runs Kring's Lua scripts. Either setting missing can lose
 * acknowledged answers silently; without scripts Kring cannot commit a turn. On a Redis Cluster
 * every node is asked for its settings (a replica may become a master); behind Sentinel, the
 * master.
 */
public final class RedisReadiness {

  /**
   * A script that reads one key and returns 1: Redis must allow scripts and, on a cluster, route
   * the script by its key's hash tag to the master that serves it.
   */
  static final String PROBE_SCRIPT = "redis.call('EXISTS', KEYS[1]); return 1";

  private static final String SETTINGS_ADVICE =
      "make sure it is reachable, allows CONFIG GET, has appendonly yes and maxmemory-policy"
          + " noeviction";

  private final UnifiedJedis redis;
  private final String probeKey;

  /** Checks a Redis that Kring uses with its default key prefix. */
  public RedisReadiness(UnifiedJedis redis) {
    this(redis, "kring:");
  }

  /**
   * Checks a Redis that Kring uses with this key prefix; the script probe names a key under it (it
   * never writes one), so that a user allowed only Kring's keys passes.
   */
  public RedisReadiness(UnifiedJedis redis, String keyPrefix) {
    this.redis = redis;
    this.probeKey = keyPrefix + "{readiness}:probe";
  }

  /** Asks Redis for its settings and runs the probe script now; never throws. */
  public Status check() {
    List<String> problems = new ArrayList<>();
    if (redis instanceof RedisClusterClient cluster) {
      problems.addAll(checkNodes(cluster));
    } else {
      try {
        problems.addAll(evaluate(settings(redis::configGet)).problems());
      } catch (JedisException e) {
        return new Status(
            List.of("Cannot check Redis (" + e.getMessage() + "): " + SETTINGS_ADVICE));
      }
    }
    probeScript().ifPresent(problems::add);
    return new Status(problems);
  }

  /** What is wrong on any node of a cluster, each problem once with the nodes it was found on. */
  private static List<String> checkNodes(RedisClusterClient cluster) {
    Map<String, List<String>> nodesByProblem = new LinkedHashMap<>();
    for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
      List<String> found;
      try (Jedis connection = new Jedis(node.getValue().getResource())) {
        found = evaluate(settings(connection::configGet)).problems();
      } catch (JedisException e) {
        found = List.of("Cannot check Redis (" + e.getMessage() + "): " + SETTINGS_ADVICE);
      }
      for (String problem : found) {
        nodesByProblem.computeIfAbsent(problem, p -> new ArrayList<>()).add(node.getKey());
      }
    }
    List<String> problems = new ArrayList<>();
    nodesByProblem.forEach(
        (problem, nodes) ->
            problems.add(
                problem + " (on " + String.join(", ", nodes.stream().sorted().toList()) + ")"));
    return problems;
  }

  private static Map<String, String> settings(Function<String, Map<String, String>> configGet) {
    Map<String, String> config = new HashMap<>();
    // One setting per call: CONFIG GET takes several only since Redis 7.
    config.putAll(configGet.apply("appendonly"));
    config.putAll(configGet.apply("maxmemory-policy"));
    return config;
  }

  private Optional<String> probeScript() {
    try {
      Object result = redis.eval(PROBE_SCRIPT, List.of(probeKey), List.of());
      if (Long.valueOf(1).equals(result)) {
        return Optional.empty();
      }
      return Optional.of(
          "Redis answered Kring's test script with "
              + result
              + " instead of 1: check that it is a"
              + " real Redis 6.2 or newer");
    } catch (JedisException e) {
      return Optional.of(
          "Redis does not run Kring's Lua scripts ("
              + e.getMessage()
              + "): allow EVAL, EVALSHA and SCRIPT LOAD for Kring's user and keys");
    }
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
          ? "Redis is ready: it persists every write, never evicts and runs Kring's scripts"
          : String.join("; ", problems);
    }
  }
}
