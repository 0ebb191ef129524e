package kring.storage;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code redis-server} that Kring runs itself: the machine's, found on the PATH, or else the
 * one bundled in the {@code org.signal:embedded-redis} jar, copied once into a directory of the
 * current user's own.
 *
 * <p>Kring never deletes, moves or overwrites a binary it did not write itself. The machine's
 * binary is only ever run. The bundled copy is written under a name that holds its checksum, by
 * writing a new file and linking it into place, never over an existing one; a copy that is there
 * already is used only when it is the current user's, in a directory nobody else can write, and
 * holds exactly the bundled bytes.
 *
 * @param path the executable to run
 * @param version what it says with {@code --version}, like {@code 7.0.15}
 * @param isBundled whether it is the bundled copy rather than the machine's
 */
public record RedisBinary(Path path, String version, boolean isBundled) {

  /** The Redis that the bundled binary is. */
  public static final String BUNDLED_VERSION = "7.0.15";

  private static final Pattern VERSION = Pattern.compile("\\bv=(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_EXECUTABLE =
      PosixFilePermissions.fromString("r-x------");

  /** The machine's redis-server when one is on the PATH, else the bundled one. */
  public static RedisBinary find() {
    return find(System.getenv("PATH"), defaultCache());
  }

  /**
   * The first {@code redis-server} on {@code searchPath} (directories separated as on the PATH),
   * else the bundled one.
   */
  public static RedisBinary find(String searchPath) {
    return find(searchPath, defaultCache());
  }

  /**
   * The first {@code redis-server} on {@code searchPath} (directories separated as on the PATH),
   * else the bundled one, copied into {@code cache} when it is not there yet.
   */
  static RedisBinary find(String searchPath, Path cache) {
    Optional<Path> onPath = onPath(searchPath);
    if (onPath.isPresent()) {
      return new RedisBinary(onPath.get(), versionOf(onPath.get()), false);
    }
    Path copy = bundledCopy(cache);
    return new RedisBinary(copy, versionOf(copy), true);
  }

  /** The bundled binary, copied into {@code cache} when it is not there yet. */
  public static RedisBinary theBundledOne() {
    Path copy = bundledCopy(defaultCache());
    return new RedisBinary(copy, versionOf(copy), true);
  }

  /** The major version, 7 for {@code 7.0.15}. */
  public int major() {
    return Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  /** For the log: which binary runs and which Redis it is. */
  public String describe() {
    return "Redis "
        + version
        + " ("
        + (isBundled ? "the bundled redis-server, copied to " : "the machine's redis-server, ")
        + path
        + ")";
  }

  // ---- the machine's binary

  /** The first {@code redis-server} on {@code searchPath}, if any. */
  public static Optional<Path> onPath(String searchPath) {
    if (searchPath == null) {
      return Optional.empty();
    }
    return Stream.of(searchPath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry, "redis-server"))
        .filter(Files::isRegularFile)
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Asks a binary its version; a program that does not answer like redis-server is refused. */
  static String versionOf(Path binary) {
    try {
      Process process =
          new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readNBytes(4096);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(binary + " --version did not answer within 10 s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      Matcher version = VERSION.matcher(text);
      if (!text.startsWith("Redis server") || !version.find()) {
        throw new IllegalStateException(
            binary + " does not say it is a Redis server: " + text.strip());
      }
      return version.group(1) + "." + version.group(2) + "." + version.group(3);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking " + binary + " its version", e);
    }
  }

  // ---- the bundled binary

  /** The directory under the temporary directory that is this user's cache of bundled binaries. */
  static Path defaultCache() {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "kring-redis-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_-]", "_"));
  }

  /** The name of the bundled binary inside the jar for this machine. */
  static String resource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String system;
    if (os.contains("linux")) {
      system = "linux";
    } else if (os.contains("mac")) {
      system = "darwin";
    } else {
      throw new IllegalStateException(
          "No bundled redis-server for " + os + "; install redis-server on the PATH");
    }
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          default ->
              throw new IllegalStateException(
                  "No bundled redis-server for " + arch + "; install redis-server on the PATH");
        };
    return "redis-server-" + BUNDLED_VERSION + "-" + system + "-" + cpu;
  }

  static synchronized Path bundledCopy(Path cache) {
    String resource = resource();
    byte[] bytes;
    try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "The bundled " + resource + " is missing from the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled " + resource, e);
    }
    String checksum = sha256(bytes);
    try {
      Path dir = ownDirectory(cache);
      // The name keeps "redis-server" so that the process shows what it is.
      Path copy = dir.resolve("redis-server-" + BUNDLED_VERSION + "-" + checksum.substring(0, 16));
      if (Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
            || !checksum.equals(sha256(Files.readAllBytes(copy)))) {
          throw new IllegalStateException(
              copy + " is not the bundled redis-server; remove it and start again");
        }
        return copy;
      }
      Path partial = Files.createTempFile(dir, "partial-", ".tmp");
      Files.write(partial, bytes);
      Files.setPosixFilePermissions(partial, OWNER_ONLY_EXECUTABLE);
      try {
        // A link under the final name appears whole or not at all, and never replaces a file
        // that another start put there meanwhile: that one is checked like any other.
        Files.createLink(copy, partial);
      } catch (FileAlreadyExistsException e) {
        return bundledCopy(cache);
      } finally {
        Files.delete(partial);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the bundled redis-server into " + cache, e);
    }
  }

  /**
   * The cache directory, made if missing; refused unless it is a directory (not a link) owned by
   * this user that nobody else can write to, since Kring runs what is in it.
   */
  private static Path ownDirectory(Path cache) throws IOException {
    if (!Files.exists(cache, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
      } catch (FileAlreadyExistsException madeMeanwhile) {
        // Checked below like any other.
      }
    }
    if (!Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS)
        || !Files.getPosixFilePermissions(cache, LinkOption.NOFOLLOW_LINKS)
            .equals(OWNER_ONLY_DIRECTORY)
        || !ownedByThisUser(cache)) {
      throw new IllegalStateException(
          cache
              + " must be a directory of this user's that only they can use (rwx------) before"
              + " Kring runs the bundled redis-server from it");
    }
    return cache;
  }

  /** Whether this user owns the directory: a file this user makes in it has the same owner. */
  private static boolean ownedByThisUser(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, "owner-", ".tmp");
    try {
      return Files.getOwner(probe).equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS));
    } finally {
      Files.delete(probe);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
