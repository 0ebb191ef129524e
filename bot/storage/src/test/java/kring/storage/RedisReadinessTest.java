package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

class RedisReadinessTest {

  @RegisterExtension static final TestRedis machine = TestRedis.machine();
  @RegisterExtension static final TestRedis embedded = TestRedis.embedded();
  @RegisterExtension static final TestRedis cluster = TestRedis.cluster();
  @RegisterExtension static final TestRedis sentinel = TestRedis.sentinel();

  @Test
  void saysTheMachineRedisDoesNotPersistAndWhatToSet() {
    // The machines run their Redis without AOF on purpose, so this check has something to find.
    RedisReadiness.Status status =
        new RedisReadiness(machine.client(), machine.keys().prefix()).check();

    assertThat(status.ready()).isFalse();
    assertThat(status.problems()).containsExactly("Redis does not persist: set appendonly yes");
    assertThat(status.summary()).isEqualTo("Redis does not persist: set appendonly yes");
  }

  @Test
  void findsTheEmbeddedRedisReady() {
    RedisReadiness.Status status =
        new RedisReadiness(embedded.client(), embedded.keys().prefix()).check();

    assertThat(status.ready()).isTrue();
    assertThat(status.summary())
        .contains("persists every write", "never evicts", "runs Kring's scripts");
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

  @Test
  void saysWhenKringsUserMayNotRunScripts() {
    String user = "t-readiness-" + System.nanoTime();
    embedded
        .client()
        .sendCommand(
            Protocol.Command.ACL,
            "SETUSER",
            user,
            "on",
            ">no-scripts",
            "~*",
            "+@all",
            "-@scripting");
    String url =
        embedded.url().replaceFirst("^redis://([^@/]*@)?", "redis://" + user + ":no-scripts@");
    try (UnifiedJedis withoutScripts = RedisConnections.open(url)) {
      RedisReadiness.Status status =
          new RedisReadiness(withoutScripts, embedded.keys().prefix()).check();

      assertThat(status.problems())
          .singleElement()
          .asString()
          .startsWith("Redis does not run Kring's Lua scripts")
          .contains("allow EVAL, EVALSHA and SCRIPT LOAD");
    } finally {
      embedded.client().sendCommand(Protocol.Command.ACL, "DELUSER", user);
    }
  }

  @Test
  void asksEveryNodeOfAClusterAndNamesTheNodesThatAreNotReady() {
    RedisClusterClient client = (RedisClusterClient) cluster.client();
    Map<String, ConnectionPool> nodes = client.getClusterNodes();
    String evicting = nodes.keySet().stream().sorted().findFirst().orElseThrow();
    try (Jedis node = new Jedis(nodes.get(evicting).getResource())) {
      node.configSet("maxmemory-policy", "allkeys-lru");
    }
    try {
      RedisReadiness.Status status = new RedisReadiness(client, cluster.keys().prefix()).check();

      assertThat(status.problems())
          .containsExactly(
              "Redis does not persist: set appendonly yes (on "
                  + String.join(", ", nodes.keySet().stream().sorted().toList())
                  + ")",
              "Redis may evict Kring's data when memory runs out (maxmemory-policy allkeys-lru):"
                  + " set maxmemory-policy noeviction (on "
                  + evicting
                  + ")");
    } finally {
      try (Jedis node = new Jedis(nodes.get(evicting).getResource())) {
        node.configSet("maxmemory-policy", "noeviction");
      }
    }
  }

  @Test
  void asksTheMasterBehindSentinel() {
    RedisReadiness.Status status =
        new RedisReadiness(sentinel.client(), sentinel.keys().prefix()).check();

    // The local sets run without AOF, like the machine's Redis; the script runs on the master.
    assertThat(status.problems()).containsExactly("Redis does not persist: set appendonly yes");
  }
}
