package kring.storage;

import static kring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import kring.testing.LocalRedisSentinel;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Kring's client for a master watched by Redis Sentinel, against a local sentinel set. */
class RedisSentinelConnectionTest {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  private static final String KEY = "t-sentinel-connection:{case-7}:goal";
  private static final Duration FAILOVER = Duration.ofSeconds(30);

  @AfterEach
  void removeWhatTheTestWrote() {
    redis.client().del(KEY);
  }

  @Test
  void aSentinelUrlOpensASentinelClientThatWritesToTheMaster() {
    assertThat(redis.url())
        .startsWith("redis-sentinel://:")
        .contains("/" + LocalRedisSentinel.MASTER_NAME + "?sentinelPassword=");
    assertThat(redis.client()).isInstanceOf(RedisSentinelClient.class);

    redis.client().set(KEY, "shared goal");

    assertThat(redis.client().get(KEY)).isEqualTo("shared goal");
    assertThat(redis.client().info("replication")).contains("role:master");
  }

  @Test
  void runsScriptsAndPipelines() {
    Object result =
        redis
            .client()
            .eval("return redis.call('SET', KEYS[1], ARGV[1])", List.of(KEY), List.of("x"));
    Response<Long> appended;
    Response<String> read;
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      appended = pipeline.append(KEY, "y");
      read = pipeline.get(KEY);
      pipeline.sync();
    }

    assertThat(result).isEqualTo("OK");
    assertThat(appended.get()).isEqualTo(2L);
    assertThat(read.get()).isEqualTo("xy");
  }

  @Test
  void refusesAClientWithoutTheDataNodesPassword() {
    String withoutPassword = redis.url().replaceFirst("//:[^@]*@", "//");

    assertThatThrownBy(
            () -> {
              try (UnifiedJedis client = RedisConnections.open(withoutPassword)) {
                client.set(KEY, "not allowed");
              }
            })
        .isInstanceOf(JedisException.class);
  }

  @Test
  void refusesAClientWithoutTheSentinelsPassword() {
    String withoutSentinelPassword = redis.url().replaceFirst("\\?sentinelPassword=.*$", "");

    assertThatThrownBy(
            () -> {
              try (UnifiedJedis client = RedisConnections.open(withoutSentinelPassword)) {
                client.set(KEY, "not allowed");
              }
            })
        .isInstanceOf(JedisException.class);
  }

  @Test
  void keepsWritingAfterTheMasterIsKilledAndTheReplicaTakesOver() {
    try (LocalRedisSentinel set =
            LocalRedisSentinel.builder()
                .password(TestRedis.newPassword())
                .sentinelPassword(TestRedis.newPassword())
                .threeSentinels()
                .start();
        UnifiedJedis client = RedisConnections.open(set.url())) {
      HostAndPort before = set.master();
      client.set(KEY, "before the crash");

      HostAndPort after = set.killMasterAndAwaitFailover(FAILOVER);

      assertThat(after).isNotEqualTo(before);
      eventually(
          FAILOVER,
          () -> {
            try {
              client.set(KEY, "after the crash");
            } catch (JedisException stillOnTheOldMaster) {
              throw new AssertionError("No write yet after the failover", stillOnTheOldMaster);
            }
          });
      assertThat(client.get(KEY)).isEqualTo("after the crash");
      assertThat(((RedisSentinelClient) client).getCurrentMaster()).isEqualTo(after);
      try (var promoted = set.connect(after)) {
        assertThat(promoted.get(KEY)).isEqualTo("after the crash");
      }
    }
  }
}
