package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kring.testing.LocalRedisCluster;
import kring.testing.LocalRedisSentinel;
import kring.testing.TestRedis;
import kring.testing.ThrowawayTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Every form of Kring's Redis URL over TLS, against local servers that serve TLS only, with
 * passwords, and a certificate from a certificate authority made for this test.
 */
class RedisTlsConnectionTest {

  private static final String KEY = "t-tls-connection:{case-7}:goal";

  @TempDir static Path certificates;
  private static ThrowawayTls tls;
  private static LocalRedisCluster cluster;
  private static LocalRedisSentinel sentinel;

  @BeforeAll
  static void startServersThatSpeakOnlyTls() {
    Optional<String> unsupported = ThrowawayTls.unsupportedByRedisServer();
    assumeTrue(unsupported.isEmpty(), () -> "No TLS test: " + unsupported.orElseThrow());
    tls = ThrowawayTls.create(certificates);
    cluster = LocalRedisCluster.builder().password(TestRedis.newPassword()).tls(tls).start();
    sentinel =
        LocalRedisSentinel.builder()
            .password(TestRedis.newPassword())
            .sentinelPassword(TestRedis.newPassword())
            .tls(tls)
            .start();
  }

  @AfterAll
  static void stopServers() {
    if (cluster != null) {
      cluster.close();
    }
    if (sentinel != null) {
      sentinel.close();
    }
  }

  @Test
  void talksToAClusterOverTls() {
    assertThat(cluster.url()).startsWith("rediss-cluster://");
    try (UnifiedJedis client = RedisConnections.open(cluster.url(), tls.socketFactory())) {
      assertThat(client).isInstanceOf(RedisClusterClient.class);

      Object result =
          client.eval(
              "return redis.call('SET', KEYS[1], ARGV[1])", List.of(KEY), List.of("over TLS"));

      assertThat(result).isEqualTo("OK");
      assertThat(client.get(KEY)).isEqualTo("over TLS");
      client.del(KEY);
    }
  }

  @Test
  void talksToASentinelSetOverTls() {
    assertThat(sentinel.url()).startsWith("rediss-sentinel://");
    try (UnifiedJedis client = RedisConnections.open(sentinel.url(), tls.socketFactory())) {
      assertThat(client).isInstanceOf(RedisSentinelClient.class);

      client.set(KEY, "over TLS");

      assertThat(client.get(KEY)).isEqualTo("over TLS");
      client.del(KEY);
    }
  }

  @Test
  void talksToOneServerOverTls() {
    assertThat(sentinel.masterUrl()).startsWith("rediss://");
    try (UnifiedJedis client = RedisConnections.open(sentinel.masterUrl(), tls.socketFactory())) {
      assertThat(client).isInstanceOf(RedisClient.class);
      assertThat(client.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void refusesAServerWhoseCertificateTheJvmDoesNotTrust() {
    assertThatThrownBy(
            () -> {
              try (UnifiedJedis client = RedisConnections.open(sentinel.masterUrl())) {
                client.ping();
              }
            })
        .isInstanceOf(JedisException.class);
    assertThatThrownBy(() -> RedisConnections.open(cluster.url()).close())
        .isInstanceOf(JedisException.class);
  }

  @Test
  void refusesToTalkInPlainTextToAServerThatSpeaksTls() {
    String inPlainText = cluster.url().replace("rediss-cluster://", "redis-cluster://");

    assertThatThrownBy(() -> RedisConnections.open(inPlainText).close())
        .isInstanceOf(JedisException.class);
  }
}
