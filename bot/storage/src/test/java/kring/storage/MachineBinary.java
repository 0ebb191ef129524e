package kring.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The machine's redis-server, for tests that must prove Kring leaves it as it was: its fingerprint,
 * and a copy laid out the way Debian installs it (a link named redis-server to a file of another
 * name), so that a test can run it where a mistake would harm only the copy.
 */
final class MachineBinary {

  private MachineBinary() {}

  /** The machine's redis-server on the PATH; the test is skipped on a machine without one. */
  static Path onPath() {
    Optional<Path> found = RedisBinary.onPath(System.getenv("PATH"));
    assumeTrue(found.isPresent(), "no redis-server on the PATH");
    return found.get();
  }

  /**
   * Copies the machine's redis-server into {@code bin} as {@code redis-check-rdb} with a link
   * {@code redis-server} to it, and returns the link.
   */
  static Path linkedCopy(Path bin) throws IOException {
    Path original = onPath().toRealPath();
    Files.createDirectories(bin);
    Path target = bin.resolve("redis-check-rdb");
    Files.copy(original, target);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Files.createSymbolicLink(bin.resolve("redis-server"), Path.of("redis-check-rdb"));
  }

  /** What a file the link leads to is: where, its size, time, permissions and checksum. */
  record Fingerprint(Path file, long size, long modified, String permissions, String sha256) {

    static Fingerprint of(Path path) {
      try {
        Path file = path.toRealPath();
        byte[] bytes = Files.readAllBytes(file);
        return new Fingerprint(
            file,
            bytes.length,
            Files.getLastModifiedTime(file).toMillis(),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
