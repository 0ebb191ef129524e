package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

class RedisConnectionsTest {

  @Test
  void talksToTheRedisTheUrlNames() {
    try (UnifiedJedis client = RedisConnections.open(TestRedis.MACHINE_URL)) {
      assertThat(client.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void usesTheStandardPortWhenTheUrlHasNone() {
    try (UnifiedJedis client = RedisConnections.open("redis://127.0.0.1/0")) {
      assertThat(client.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void refusesAUrlThatIsNotARedisUrl() {
    assertThatThrownBy(() -> RedisConnections.open("http://localhost:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expected a Redis URL such as redis://localhost:6379");
    assertThatThrownBy(() -> RedisConnections.open(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No Redis URL");
  }

  @Test
  void neverRepeatsThePasswordOfAUrlItRefuses() {
    assertThatThrownBy(() -> RedisConnections.open("redis//kring:s3cret@redis.internal:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> RedisConnections.open("http://kring:s3cret@redis.internal:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://***@redis.internal:6379")
        .hasMessageNotContaining("s3cret");
  }
}
