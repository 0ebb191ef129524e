package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kring.testing.LocalRedisCluster;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Kring's client for a Redis Cluster, against a local cluster of three masters. */
class RedisClusterConnectionTest {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  private static final String SCRIPT =
      "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[2]);"
          + " return redis.call('MGET', KEYS[1], KEYS[2])";

  private final List<String> written = new ArrayList<>();

  @AfterEach
  void removeWhatTheTestWrote() {
    for (String key : written) {
      redis.client().del(key);
    }
  }

  @Test
  void aClusterUrlOpensAClusterClientWithThePassword() {
    assertThat(redis.url()).startsWith("redis-cluster://:").contains("%40", "%2F", "%25");
    assertThat(redis.client()).isInstanceOf(RedisClusterClient.class);
    assertThat(((RedisClusterClient) redis.client()).getClusterNodes())
        .hasSize(LocalRedisCluster.MASTERS);
  }

  @Test
  void runsAScriptOnSeveralKeysThatShareAHashTag() {
    String first = key("{case-7}:goal");
    String second = key("{case-7}:roles");

    Object result = redis.client().eval(SCRIPT, List.of(first, second), List.of("one", "two"));

    assertThat(result).isEqualTo(List.of("one", "two"));
    assertThat(redis.client().get(second)).isEqualTo("two");
  }

  @Test
  void refusesAScriptWhoseKeysLieInDifferentSlots() {
    String first = key("{case-7}:goal");
    String second = key("{case-8}:goal");
    assertThat(JedisClusterCRC16.getSlot(first)).isNotEqualTo(JedisClusterCRC16.getSlot(second));

    // The client refuses before sending; a node asked directly answers CROSSSLOT.
    assertThatThrownBy(
            () -> redis.client().eval(SCRIPT, List.of(first, second), List.of("one", "two")))
        .isInstanceOf(JedisException.class);
    assertThat(redis.client().exists(first)).isFalse();
    assertThat(redis.client().exists(second)).isFalse();
  }

  @Test
  void aNodeAnswersCrossSlotForKeysInDifferentSlots() {
    String first = key("{case-7}:goal");
    String second = key("{case-8}:goal");
    UnifiedJedis client = redis.client();
    try (Jedis node = new Jedis(((RedisClusterClient) client).getConnectionFromSlot(slot(first)))) {
      assertThatThrownBy(() -> node.eval(SCRIPT, List.of(first, second), List.of("one", "two")))
          .isInstanceOf(JedisDataException.class)
          .hasMessageContaining("CROSSSLOT");
    }
  }

  @Test
  void spreadsKeysOverEveryMasterAndPipelinesThem() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keys.add(key("{case-" + i + "}:goal"));
    }
    List<Response<String>> answers = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (String key : keys) {
        pipeline.set(key, "goal of " + key);
      }
      for (String key : keys) {
        answers.add(pipeline.get(key));
      }
      pipeline.sync();
    }

    for (int i = 0; i < keys.size(); i++) {
      assertThat(answers.get(i).get()).isEqualTo("goal of " + keys.get(i));
    }
    Set<String> mastersHoldingKeys = new HashSet<>();
    ((RedisClusterClient) redis.client())
        .getClusterNodes()
        .forEach(
            (address, pool) -> {
              try (Jedis node = new Jedis(pool.getResource())) {
                // A node answers KEYS from its own slots only.
                if (!node.keys("t-cluster-connection:*").isEmpty()) {
                  mastersHoldingKeys.add(address);
                }
              }
            });
    assertThat(mastersHoldingKeys).hasSize(LocalRedisCluster.MASTERS);
  }

  @Test
  void refusesAClientWithoutThePassword() {
    String withoutPassword = redis.url().replaceFirst("//:[^@]*@", "//");

    assertThatThrownBy(() -> RedisConnections.open(withoutPassword).ping())
        .isInstanceOf(JedisException.class);
  }

  private String key(String rest) {
    String key = "t-cluster-connection:" + rest;
    written.add(key);
    return key;
  }

  private static int slot(String key) {
    return JedisClusterCRC16.getSlot(key);
  }
}
