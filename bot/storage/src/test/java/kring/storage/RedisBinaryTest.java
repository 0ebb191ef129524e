package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

class RedisBinaryTest {

  @TempDir Path work;

  @Test
  void takesTheRedisServerOnThePathBeforeTheBundledOne() throws IOException {
    Path machine = MachineBinary.linkedCopy(work.resolve("bin"));

    RedisBinary found = RedisBinary.find(work.resolve("bin").toString(), work.resolve("cache"));

    assertThat(found.isBundled()).isFalse();
    assertThat(found.path()).isEqualTo(machine);
    assertThat(found.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(found.describe()).contains("machine's redis-server").contains(found.version());
    assertThat(work.resolve("cache")).doesNotExist();
  }

  @Test
  void copiesTheBundledRedis7IntoADirectoryOnlyItsUserCanUseWhenNoneIsOnThePath()
      throws IOException {
    Path cache = work.resolve("cache");

    RedisBinary bundled = RedisBinary.find(work.resolve("empty").toString(), cache);

    assertThat(bundled.isBundled()).isTrue();
    assertThat(bundled.version()).isEqualTo(RedisBinary.BUNDLED_VERSION);
    assertThat(bundled.major()).isGreaterThanOrEqualTo(7);
    assertThat(bundled.path().getParent()).isEqualTo(cache);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundled.path())))
        .isEqualTo("r-x------");
    assertThat(bundled.describe()).contains("bundled").contains(RedisBinary.BUNDLED_VERSION);

    MachineBinary.Fingerprint before = MachineBinary.Fingerprint.of(bundled.path());
    RedisBinary again = RedisBinary.find(null, cache);
    assertThat(again.path()).isEqualTo(bundled.path());
    assertThat(MachineBinary.Fingerprint.of(again.path())).isEqualTo(before);
  }

  @Test
  void refusesACopyThatIsNotTheBundledBinaryAndLeavesItAsItIs() throws IOException {
    Path cache = work.resolve("cache");
    Path copy = RedisBinary.find(null, cache).path();
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(copy, "#!/bin/sh\necho 'Redis server v=9.9.9'\n");
    MachineBinary.Fingerprint planted = MachineBinary.Fingerprint.of(copy);

    assertThatThrownBy(() -> RedisBinary.find(null, cache))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not the bundled redis-server");
    assertThat(MachineBinary.Fingerprint.of(copy)).isEqualTo(planted);
  }

  @Test
  void refusesACacheDirectoryThatOthersCanWriteTo() throws IOException {
    Path cache =
        Files.createDirectory(
            work.resolve("cache"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> RedisBinary.find(null, cache))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only they can use");
    try (var left = Files.list(cache)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void theBundledBinaryRunsTheEmbeddedRedisWithItsPassword() {
    RedisBinary bundled = RedisBinary.find(null, work.resolve("cache"));

    try (EmbeddedRedis redis = EmbeddedRedis.start(work.resolve("data"), bundled);
        UnifiedJedis client = RedisConnections.open(redis.url())) {
      assertThat(client.info("server")).contains("redis_version:" + RedisBinary.BUNDLED_VERSION);
      assertThat(client.configGet("bind")).containsEntry("bind", "127.0.0.1");
    }
  }

  @Test
  void aProgramThatIsNoRedisServerIsRefused() throws IOException {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path fake = bin.resolve("redis-server");
    Files.writeString(fake, "#!/bin/sh\necho 'hello'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    assumeTrue(Files.isExecutable(fake));

    assertThatThrownBy(() -> RedisBinary.find(bin.toString(), work.resolve("cache")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not say it is a Redis server");
  }
}
