package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kring.storage.RedisConnections.Target;
import kring.storage.RedisConnections.Topology;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

class RedisConnectionsTest {

  @Test
  void talksToTheRedisTheUrlNames() {
    try (UnifiedJedis client = RedisConnections.open(TestRedis.machineUrl())) {
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
  void usesTheDatabaseTheUrlNames() {
    try (UnifiedJedis fifth = RedisConnections.open(TestRedis.machineUrl() + "/5");
        UnifiedJedis first = RedisConnections.open(TestRedis.machineUrl())) {
      String key = "t-connections:" + System.nanoTime();
      fifth.set(key, "in database 5");
      try {
        assertThat(first.get(key)).isNull();
        assertThat(fifth.get(key)).isEqualTo("in database 5");
      } finally {
        fifth.del(key);
      }
    }
  }

  @Test
  void readsOneServer() {
    Target target = Target.parse("rediss://kring:s%40cret@redis.internal:6380/2");

    assertThat(target.topology()).isEqualTo(Topology.STANDALONE);
    assertThat(target.tls()).isTrue();
    assertThat(target.nodes()).containsExactly(new HostAndPort("redis.internal", 6380));
    assertThat(target.user()).isEqualTo("kring");
    assertThat(target.password()).isEqualTo("s@cret");
    assertThat(target.database()).isEqualTo(2);
    assertThat(Target.parse("redis://:only-a-password@redis.internal").user()).isNull();
    assertThat(Target.parse("redis://:only-a-password@redis.internal").password())
        .isEqualTo("only-a-password");
    assertThat(Target.parse("redis://redis.internal").tls()).isFalse();
    assertThat(Target.parse("redis://redis.internal").password()).isNull();
  }

  @Test
  void readsAClusterSeedList() {
    Target target =
        Target.parse("rediss-cluster://kring:p%2Fw@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002");

    assertThat(target.topology()).isEqualTo(Topology.CLUSTER);
    assertThat(target.tls()).isTrue();
    assertThat(target.nodes())
        .containsExactly(
            new HostAndPort("10.0.0.1", 7000),
            new HostAndPort("10.0.0.2", 7001),
            new HostAndPort("::1", 7002));
    assertThat(target.user()).isEqualTo("kring");
    assertThat(target.password()).isEqualTo("p/w");
    assertThat(target.database()).isZero();
    assertThat(Target.parse("redis-cluster://node-a,node-b:7001").nodes())
        .containsExactly(new HostAndPort("node-a", 6379), new HostAndPort("node-b", 7001));
    assertThat(Target.parse("redis-cluster://node-a:7000").tls()).isFalse();
  }

  @Test
  void readsASentinelSet() {
    Target target =
        Target.parse(
            "rediss-sentinel://:data-secret@s1:26380,s2/kring%20master/3"
                + "?sentinelUser=watcher&sentinelPassword=watch%26see");

    assertThat(target.topology()).isEqualTo(Topology.SENTINEL);
    assertThat(target.tls()).isTrue();
    assertThat(target.nodes())
        .containsExactly(new HostAndPort("s1", 26380), new HostAndPort("s2", 26379));
    assertThat(target.masterName()).isEqualTo("kring master");
    assertThat(target.database()).isEqualTo(3);
    assertThat(target.user()).isNull();
    assertThat(target.password()).isEqualTo("data-secret");
    assertThat(target.sentinelUser()).isEqualTo("watcher");
    assertThat(target.sentinelPassword()).isEqualTo("watch&see");
    Target plain = Target.parse("redis-sentinel://s1:26379/kringmaster");
    assertThat(plain.database()).isZero();
    assertThat(plain.sentinelPassword()).isNull();
    assertThat(plain.tls()).isFalse();
  }

  @Test
  void refusesAUrlThatIsNotARedisUrl() {
    assertThatThrownBy(() -> RedisConnections.open("http://localhost:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expected a Redis URL such as redis://localhost:6379")
        .hasMessageContaining("redis-cluster://")
        .hasMessageContaining("redis-sentinel://");
    assertThatThrownBy(() -> RedisConnections.open(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No Redis URL");
  }

  @Test
  void saysWhatIsWrongWithAUrlOfAKnownForm() {
    assertRefused("redis-cluster://node-a:7000/0", "a Redis Cluster has only database 0");
    assertRefused("redis-sentinel://s1:26379", "the master's name");
    assertRefused("redis-sentinel://s1:26379/kringmaster/0/1", "the master's name");
    assertRefused("redis-sentinel://s1:26379/kringmaster/zero", "database must be a number");
    assertRefused("redis://a:6379,b:6379", "names one server");
    assertRefused("redis://a:6379/0/1", "at most a database number");
    assertRefused("redis://a:6379?protocol=3", "only the sentinel form takes parameters");
    assertRefused(
        "redis-sentinel://s1/m?sentinelPass=x", "only sentinelUser and sentinelPassword are known");
    assertRefused("redis-sentinel://s1/m?sentinelUser=watcher", "no sentinelPassword");
    assertRefused("redis-cluster://a:7000,:7001", "no host");
    assertRefused("redis-cluster://a:70000", "a port in it is not a number");
    assertRefused("redis-cluster://a:port", "a port in it is not a number");
    assertRefused("redis://kring@a:6379", "names a user but no password");
    assertRefused("redis:///0", "names no server");
    assertRefused("redis-sentinel://s1//0", "the master's name");
    assertRefused("redis://redis internal:6379", "a space");
    assertRefused("redis://a:6379#top", "no #fragment");
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
    for (String url :
        List.of(
            "redis-cluster://kring:s3cret@a:7000/0",
            "redis-sentinel://kring:s3cret@s1:26379",
            "redis-sentinel://s1:26379/m/x?sentinelPassword=s3cret",
            "redis-sentinel://s1:26379/m/x?sentinelUser=w&sentinelPassword=s3cret",
            "redis-sentinel://kring:p@ss:s3cret@s1/m/x?sentinelPassword=s3cret",
            "rediss://kring:s3cret@a:6379?x=1",
            "rediss://kring:s3cret@a:6379#s3cret")) {
      assertThatThrownBy(() -> RedisConnections.open(url))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void describesATargetWithoutItsPasswords() {
    Target target =
        Target.parse(
            "rediss-sentinel://kring:s3cret@s1:26379/kringmaster?sentinelPassword=watch-s3cret");

    assertThat(target.toString())
        .contains("SENTINEL", "TLS", "s1:26379", "kring", "kringmaster")
        .doesNotContain("s3cret");
  }

  private static void assertRefused(String url, String reason) {
    assertThatThrownBy(() -> RedisConnections.open(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("Expected a Redis URL");
  }
}
