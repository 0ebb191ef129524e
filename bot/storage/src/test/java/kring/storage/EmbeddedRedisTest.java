package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import kring.testing.ChildJvm;
import kring.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;
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
    assertThat(dataDir.resolve(EmbeddedRedis.AOF_DIRECTORY)).isDirectory();
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
    try {
      assertThat(alive(leftoverPid)).as("the redis-server outlives the killed JVM").isTrue();

      try (EmbeddedRedis restarted = EmbeddedRedis.start(dataDir);
          UnifiedJedis client = RedisConnections.open(restarted.url())) {
        assertThat(alive(leftoverPid)).as("the leftover is stopped").isFalse();
        assertThat(restarted.pid()).isNotEqualTo(leftoverPid);
        assertThat(client.get("written-before-the-crash")).isEqualTo("still here");
      }
    } finally {
      // Never leave a redis-server behind on the machine, whatever failed above. Its binary is
      // the machine's or the bundled copy that other runs share: it stays.
      ProcessHandle.of(leftoverPid).ifPresent(ProcessHandle::destroyForcibly);
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

  @Test
  void leavesTheMachinesRedisServerAsItWasAfterStartAndStop() {
    Path machine = MachineBinary.onPath();
    MachineBinary.Fingerprint before = MachineBinary.Fingerprint.of(machine);

    try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir)) {
      assertThat(redis.binary().isBundled()).isFalse();
      assertThat(redis.binary().path()).isEqualTo(machine);
      redis.stop();
    }

    assertThat(machine).exists();
    assertThat(MachineBinary.Fingerprint.of(machine)).isEqualTo(before);
  }

  @Test
  void leavesALinkedRedisServerAndItsTargetAsTheyWereAfterAKilledJvmsLeftoverIsStopped(
      @TempDir Path machine) throws Exception {
    Path link = MachineBinary.linkedCopy(machine.resolve("bin"));
    MachineBinary.Fingerprint before = MachineBinary.Fingerprint.of(link);
    RedisBinary binary = RedisBinary.find(machine.resolve("bin").toString(), machine);
    long leftoverPid;
    try (ChildJvm crashed =
        ChildJvm.start(
            LeftoverRedis.class, dataDir.toString(), machine.resolve("bin").toString())) {
      leftoverPid =
          Long.parseLong(crashed.awaitLine("READY", Duration.ofSeconds(30)).split(" ")[1]);
      crashed.kill();
    }
    try {
      try (EmbeddedRedis restarted = EmbeddedRedis.start(dataDir, binary);
          UnifiedJedis client = RedisConnections.open(restarted.url())) {
        assertThat(alive(leftoverPid)).as("the leftover is stopped").isFalse();
        assertThat(client.get("written-before-the-crash")).isEqualTo("still here");
      }
    } finally {
      ProcessHandle.of(leftoverPid).ifPresent(ProcessHandle::destroyForcibly);
    }

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(MachineBinary.Fingerprint.of(link)).isEqualTo(before);
  }

  @Test
  void keepsItsDataToItsOwnerAndListensOnlyOnLoopbackBehindAPassword() throws IOException {
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    // What an older Kring left: readable to every local user.
    Path oldSnapshot = Files.writeString(dataDir.resolve("dump.rdb"), "");
    Files.setPosixFilePermissions(oldSnapshot, PosixFilePermissions.fromString("rw-r--r--"));
    String firstUrl;
    try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
        UnifiedJedis client = RedisConnections.open(redis.url())) {
      firstUrl = redis.url();
      client.set("a-minor's-case", "private");
      client.sendCommand(Protocol.Command.BGREWRITEAOF);
      assertThat(client.configGet("bind")).containsEntry("bind", "127.0.0.1");
      assertThat(client.configGet("protected-mode")).containsEntry("protected-mode", "yes");
      try (UnifiedJedis stranger = RedisConnections.open("redis://127.0.0.1:" + redis.port())) {
        assertThatThrownBy(stranger::ping).hasMessageContaining("NOAUTH");
      }
      Eventually.eventually(
          Duration.ofSeconds(20),
          () ->
              assertThat(client.info("persistence"))
                  .as("the AOF rewrite finished")
                  .contains("aof_rewrite_in_progress:0")
                  .contains("aof_rewrite_scheduled:0"));
    }

    assertThat(permissions(dataDir)).isEqualTo("rwx------");
    assertThat(dataDir.resolve(EmbeddedRedis.AOF_DIRECTORY)).isDirectory();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(f -> !f.equals(dataDir)).toList()) {
        assertThat(permissions(file))
            .as(file.toString())
            .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
      }
    }
    String password = Files.readString(dataDir.resolve(EmbeddedRedis.PASSWORD_FILE)).strip();
    assertThat(password).matches("[0-9a-f]{64}");
    assertThat(firstUrl).contains(":" + password + "@");

    try (EmbeddedRedis again = EmbeddedRedis.start(dataDir);
        UnifiedJedis client = RedisConnections.open(again.url())) {
      assertThat(again.url()).contains(":" + password + "@");
      assertThat(client.get("a-minor's-case")).isEqualTo("private");
    }
  }

  @Test
  void eachDataDirectoryGetsAPasswordOfItsOwn(@TempDir Path other) {
    assertThat(EmbeddedRedis.password(dataDir)).isNotEqualTo(EmbeddedRedis.password(other));
    assertThat(EmbeddedRedis.password(dataDir)).isEqualTo(EmbeddedRedis.password(dataDir));
  }

  @Test
  void refusesRedis7DataWhenTheRedisThatWouldRunIsOlderThan7() throws IOException {
    Path aof = Files.createDirectories(dataDir.resolve(EmbeddedRedis.AOF_DIRECTORY));
    Files.writeString(aof.resolve("appendonly.aof.1.base.rdb"), "restored from a backup");
    RedisBinary redis6 = new RedisBinary(MachineBinary.onPath(), "6.2.6", true);

    assertThatThrownBy(() -> EmbeddedRedis.start(dataDir, redis6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("appendonlydir")
        .hasMessageContaining("6.2.6")
        .hasMessageContaining("would start empty");
    assertThat(Files.readString(aof.resolve("appendonly.aof.1.base.rdb")))
        .isEqualTo("restored from a backup");
    assertThat(dataDir.resolve(EmbeddedRedis.PID_FILE)).doesNotExist();
  }

  private static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isPresent() && process.get().isAlive();
  }
}
