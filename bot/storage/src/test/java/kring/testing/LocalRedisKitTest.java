package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kring.storage.RedisKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/** The local Redis Cluster and Sentinel kit, and TestRedis on a cluster. */
class LocalRedisKitTest {

  @RegisterExtension static final TestRedis cluster = TestRedis.cluster();

  @TempDir Path root;

  @Test
  void stopsTheServersThatAKilledJvmLeftRunning() throws Exception {
    List<Long> leftovers = new ArrayList<>();
    try (ChildJvm crashed = ChildJvm.start(LeftoverCluster.class, root.toString())) {
      String[] ready = crashed.awaitLine("READY", Duration.ofSeconds(60)).split(" ");
      Arrays.stream(ready).skip(1).map(Long::parseLong).forEach(leftovers::add);
      crashed.kill();
    }
    try {
      assertThat(leftovers).hasSize(LocalRedisCluster.MASTERS);
      assertThat(leftovers).as("the redis-servers outlive the killed JVM").allMatch(this::alive);

      RedisServerProcess.stopLeftoversIn(root);

      assertThat(leftovers).as("the leftovers are stopped").noneMatch(this::alive);
      try (var kits = Files.list(root)) {
        assertThat(kits).as("and their directories removed").isEmpty();
      }
    } finally {
      leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  @Test
  void leavesTheServersOfARunningJvmAlone() {
    RedisServerProcess.stopLeftoversIn(RedisServerProcess.root());

    assertThat(cluster.client().ping()).isEqualTo("PONG");
  }

  @Test
  void findsAndClearsTheKeysOfATestClassOnEveryMaster() {
    RedisKeys keys = cluster.keys();
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String key = keys.once("kit", "event-" + i);
      cluster.client().set(key, "handled");
      written.add(key);
    }
    List<String> mastersHoldingKeys = new ArrayList<>();
    ((RedisClusterClient) cluster.client())
        .getClusterNodes()
        .forEach(
            (address, pool) -> {
              try (Jedis master = new Jedis(pool.getResource())) {
                // A node answers KEYS from its own slots only.
                if (!master.keys(keys.prefix() + "*").isEmpty()) {
                  mastersHoldingKeys.add(address);
                }
              }
            });
    assertThat(mastersHoldingKeys).hasSize(LocalRedisCluster.MASTERS);

    assertThat(cluster.storedKeys()).containsExactlyInAnyOrderElementsOf(written);

    cluster.clear();

    assertThat(cluster.storedKeys()).isEmpty();
  }

  private boolean alive(long pid) {
    return RedisServerProcess.running(pid);
  }
}
