package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisReadinessTest {

  @RegisterExtension static final TestRedis machine = TestRedis.machine();
  @RegisterExtension static final TestRedis embedded = TestRedis.embedded();

  @Test
  void saysTheMachineRedisDoesNotPersistAndWhatToSet() {
    // The machines run their Redis without AOF on purpose, so this check has something to find.
    RedisReadiness.Status status = new RedisReadiness(machine.client()).check();

    assertThat(status.ready()).isFalse();
    assertThat(status.problems()).containsExactly("Redis does not persist: set appendonly yes");
    assertThat(status.summary()).isEqualTo("Redis does not persist: set appendonly yes");
  }

  @Test
  void findsTheEmbeddedRedisReady() {
    RedisReadiness.Status status = new RedisReadiness(embedded.client()).check();

    assertThat(status.ready()).isTrue();
    assertThat(status.summary()).contains("persists every write and never evicts");
  }

  @Test
  void saysARedisThatMayEvictKeysMustNot() {
    RedisReadiness.Status status =
        RedisReadiness.evaluate(Map.of("appendonly", "yes", "maxmemory-policy", "allkeys-lru"));

    assertThat(status.problems())
        .containsExactly(
            "Redis may evict Kring's data when memory runs out (maxmemory-policy allkeys-lru):"
                + " set maxmemory-policy noeviction");
  }

  @Test
  void saysWhatToCheckWhenRedisCannotBeAsked() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (UnifiedJedis unreachable = RedisConnections.open("redis://127.0.0.1:" + closedPort)) {
      RedisReadiness.Status status = new RedisReadiness(unreachable).check();

      assertThat(status.ready()).isFalse();
      assertThat(status.summary())
          .startsWith("Cannot check Redis")
          .contains("appendonly yes", "maxmemory-policy noeviction");
    }
  }

  @Test
  void saysWhatToCheckWhenRedisHidesItsSettings() {
    assertThat(RedisReadiness.evaluate(Map.of()).summary())
        .contains("appendonly yes", "maxmemory-policy noeviction");
  }
}
