package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import kring.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

class EmbeddedRedisTest {

  @TempDir Path dataDir;

  @Test
  void listensOnAFreePortAndKeepsEveryWriteInItsDataDirectoryAcrossRestarts() {
    try (EmbeddedRedis first = EmbeddedRedis.start(dataDir)) {
      assertThat(first.port()).isNotEqualTo(6379);
      try (UnifiedJedis client = RedisConnections.open(first.url())) {
        assertThat(client.configGet("appendfsync")).containsEntry("appendfsync", "always");
        assertThat(new RedisReadiness(client).check().ready()).isTrue();
        client.set("kept", "yes");
      }
    }
    assertThat(dataDir.resolve("appendonly.aof")).exists();
    assertThat(dataDir.resolve(EmbeddedRedis.PID_FILE)).doesNotExist();

    try (EmbeddedRedis second = EmbeddedRedis.start(dataDir);
        UnifiedJedis client = RedisConnections.open(second.url())) {
      assertThat(client.get("kept")).isEqualTo("yes");
    }
  }

  @Test
  void stopsTheRedisThatAKilledJvmLeftRunningAndKeepsItsData() throws Exception {
    long leftoverPid;
    try (ChildJvm crashed = ChildJvm.start(LeftoverRedis.class, dataDir.toString())) {
      String[] ready = crashed.awaitLine("READY", Duration.ofSeconds(30)).split(" ");
      leftoverPid = Long.parseLong(ready[1]);
      crashed.kill();
    }
    Optional<String> leftoverBinary =
        ProcessHandle.of(leftoverPid).flatMap(p -> p.info().command());
    try {
      assertThat(alive(leftoverPid)).as("the redis-server outlives the killed JVM").isTrue();

      try (EmbeddedRedis restarted = EmbeddedRedis.start(dataDir);
          UnifiedJedis client = RedisConnections.open(restarted.url())) {
        assertThat(alive(leftoverPid)).as("the leftover is stopped").isFalse();
        assertThat(restarted.pid()).isNotEqualTo(leftoverPid);
        assertThat(client.get("written-before-the-crash")).isEqualTo("still here");
      }
    } finally {
      // Never leave a redis-server behind on the machine, whatever failed above, nor the copy of
      // the binary that the killed JVM could not delete on exit.
      ProcessHandle.of(leftoverPid).ifPresent(ProcessHandle::destroyForcibly);
      if (leftoverBinary.isPresent()) {
        Path binary = Path.of(leftoverBinary.get());
        Files.deleteIfExists(binary);
        try {
          Files.deleteIfExists(binary.getParent());
        } catch (DirectoryNotEmptyException notOnlyOurs) {
          // Leave a directory that holds more than the binary.
        }
      }
    }
  }

  @Test
  void leavesARedisWorkingInAnotherDirectoryAlone(@TempDir Path elsewhere) throws IOException {
    try (EmbeddedRedis other = EmbeddedRedis.start(elsewhere)) {
      // A pid file naming a process that is not ours, as after pid reuse.
      Files.writeString(
          dataDir.resolve(EmbeddedRedis.PID_FILE),
          "pid=" + other.pid() + "\nport=" + other.port() + "\nowner=-1\n");

      try (EmbeddedRedis mine = EmbeddedRedis.start(dataDir)) {
        assertThat(alive(other.pid())).isTrue();
        assertThat(mine.pid()).isNotEqualTo(other.pid());
      }
      try (UnifiedJedis client = RedisConnections.open(other.url())) {
        assertThat(client.ping()).isEqualTo("PONG");
      }
    }
  }

  @Test
  void leavesAProcessThatIsNoRedisAlone() throws IOException {
    long self = ProcessHandle.current().pid();
    Files.writeString(
        dataDir.resolve(EmbeddedRedis.PID_FILE), "pid=" + self + "\nport=1\nowner=-1\n");

    try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir)) {
      assertThat(redis.pid()).isNotEqualTo(self);
    }
  }

  @Test
  void refusesADataDirectoryThatARunningKringUses() {
    try (EmbeddedRedis running = EmbeddedRedis.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedRedis.start(dataDir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Another running Kring");
      try (UnifiedJedis client = RedisConnections.open(running.url())) {
        assertThat(client.ping()).isEqualTo("PONG");
      }
    }
  }

  @Test
  void stoppingTwiceIsHarmless() {
    EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
    long pid = redis.pid();

    redis.stop();
    redis.stop();

    assertThat(alive(pid)).isFalse();
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isPresent() && process.get().isAlive();
  }
}
