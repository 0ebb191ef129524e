package kring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kring.storage.RedisBinary;

/**
 * One {@code redis-server} process that a test kit started ({@link #redisBinary()}), with its
 * configuration, log and pid file in a directory of its own.
 *
 * <p>Every kit keeps its directories under one root in the temporary directory, in a directory
 * whose name starts with the process id of the JVM that owns it. A JVM that is killed cannot stop
 * its servers; the next kit to start in any JVM stops those ({@link #stopLeftovers()}) and removes
 * their directories, and it picks fresh free ports, so a leftover never breaks a later run.
 */
final class RedisServerProcess implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final String ROOT_PROPERTY = "kring.testing.redis-root";
  static final String SEARCH_PATH_PROPERTY = "kring.testing.redis-server-path";

  private static final String PID_FILE = "redis.pid";
  private static final String CONFIG_FILE = "redis.conf";
  private static final String LOG_FILE = "redis.log";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final List<Integer> RESERVED_PORTS = List.of(6379, 26379);
  private static boolean leftoversStopped;

  private final Process process;
  private final Path dir;
  private final int port;

  private RedisServerProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * A new directory for one kit's servers under the shared root, owned by this JVM, after stopping
   * what killed JVMs left behind.
   */
  static Path newKitDirectory(String kind) {
    stopLeftovers();
    try {
      Path root = Files.createDirectories(root());
      // The owner is in the name, so that no other JVM ever sees the directory without it.
      return Files.createTempDirectory(root, ProcessHandle.current().pid() + "-" + kind + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a directory for test Redis servers", e);
    }
  }

  /**
   * Starts {@code redis-server} with these configuration lines (and {@code --sentinel} when asked)
   * in {@code dir}, and waits until it accepts connections on {@code port}.
   *
   * @throws PortTaken when another process took the port first; pick other ports and try again
   */
  static RedisServerProcess start(Path dir, int port, List<String> config, boolean sentinel) {
    try {
      Files.createDirectories(dir);
      List<String> lines = new ArrayList<>();
      lines.add("dir " + quoted(dir.toString()));
      lines.add("daemonize no");
      lines.add("logfile \"\"");
      lines.addAll(config);
      Path configFile = dir.resolve(CONFIG_FILE);
      Files.write(configFile, lines, StandardCharsets.UTF_8);
      boolean tls = config.stream().anyMatch(line -> line.startsWith("tls-port"));
      List<String> command =
          new ArrayList<>(List.of(tls ? tlsBinary() : binary(), configFile.toString()));
      if (sentinel) {
        command.add("--sentinel");
      }
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(LOG_FILE).toFile())
              .start();
      Files.writeString(dir.resolve(PID_FILE), String.valueOf(process.pid()));
      RedisServerProcess server = new RedisServerProcess(process, dir, port);
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start redis-server in " + dir, e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path dir() {
    return dir;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Kills the server with SIGKILL, as a crash would, and waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit(process.toHandle(), Duration.ofSeconds(10));
  }

  /** Stops the server (SIGTERM, then SIGKILL if it takes too long). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(process.toHandle(), Duration.ofSeconds(5))) {
      kill();
    }
  }

  /** The server's log so far, for a failure message. */
  String log() {
    try {
      return Files.readString(dir.resolve(LOG_FILE));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitListening() {
    Instant end = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        String log = log();
        if (log.contains("Address already in use")) {
          throw new PortTaken(port);
        }
        throw new IllegalStateException(
            "redis-server in " + dir + " stopped at start (exit " + exit() + "); its log:\n" + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 200);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(end)) {
          close();
          throw new IllegalStateException(
              "redis-server in " + dir + " does not listen on " + port + "; its log:\n" + log());
        }
        Eventually.pause();
      }
    }
  }

  private int exit() {
    try {
      return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A port that another process took between the kit choosing it and Redis binding it. */
  static final class PortTaken extends RuntimeException {
    PortTaken(int port) {
      super("Port " + port + " was taken");
    }
  }

  // ---- free ports

  /**
   * {@code count} distinct ports that are free on loopback now, never those a machine's own Redis
   * or Sentinel listens on.
   */
  static List<Integer> freePorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        held.add(socket);
        if (!RESERVED_PORTS.contains(socket.getLocalPort())) {
          ports.add(socket.getLocalPort());
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a probe socket cannot fail in a way that matters.
        }
      }
    }
  }

  // ---- the binary

  private static RedisBinary binary;

  /**
   * The {@code redis-server} the kits run: the machine's, found on the PATH, or else the bundled
   * one ({@link RedisBinary}), which serves Redis Cluster, Sentinel and TLS as well. The system
   * property {@value #SEARCH_PATH_PROPERTY} searches other directories than the PATH (one that
   * holds no redis-server runs the bundled one, as on a machine without it).
   */
  static synchronized RedisBinary redisBinary() {
    if (binary == null) {
      binary = RedisBinary.find(System.getProperty(SEARCH_PATH_PROPERTY, System.getenv("PATH")));
      System.out.println("The test Redis servers run " + binary.describe());
    }
    return binary;
  }

  static String binary() {
    return redisBinary().path().toString();
  }

  private static RedisBinary tlsBinary;

  /**
   * Why no redis-server at hand can serve TLS, or empty when one can: the kits' binary, else the
   * bundled one, which then serves the kits' TLS servers.
   */
  static synchronized Optional<String> tlsUnsupported() {
    if (tlsBinary != null) {
      return Optional.empty();
    }
    RedisBinary usual = redisBinary();
    Optional<String> why = tlsUnsupported(usual);
    if (why.isEmpty()) {
      tlsBinary = usual;
      return why;
    }
    if (usual.isBundled()) {
      return why;
    }
    RedisBinary bundled = RedisBinary.theBundledOne();
    Optional<String> bundledWhy = tlsUnsupported(bundled);
    if (bundledWhy.isEmpty()) {
      System.out.println("The TLS test servers run " + bundled.describe() + ": " + why.get());
      tlsBinary = bundled;
      return bundledWhy;
    }
    return Optional.of(why.get() + "; " + bundledWhy.get());
  }

  /** The binary for a server that speaks TLS; see {@link #tlsUnsupported()}. */
  private static String tlsBinary() {
    Optional<String> why = tlsUnsupported();
    if (why.isPresent()) {
      throw new IllegalStateException("No redis-server at hand serves TLS: " + why.get());
    }
    return tlsBinary.path().toString();
  }

  /** A binary built without TLS refuses the {@code tls-port} setting. */
  private static Optional<String> tlsUnsupported(RedisBinary binary) {
    try {
      Path probe = Files.createTempDirectory("kring-tls-probe");
      try {
        Process process =
            new ProcessBuilder(
                    binary.path().toString(), "--port", "0", "--tls-port", "0", "--save", "")
                .directory(probe.toFile())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return Optional.of(binary.describe() + " did not answer whether it supports TLS");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return output.contains("not listen anywhere")
            ? Optional.empty()
            : Optional.of(binary.describe() + " was built without TLS: " + output.strip());
      } finally {
        deleteTree(probe);
      }
    } catch (IOException e) {
      return Optional.of("cannot ask " + binary.describe() + " about TLS: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking redis-server whether it supports TLS");
    }
  }

  // ---- what killed JVMs left behind

  /**
   * The root under which every kit keeps its servers' directories: in the temporary directory, or
   * where the system property {@value #ROOT_PROPERTY} says (a test of the kit itself).
   */
  static Path root() {
    String root = System.getProperty(ROOT_PROPERTY);
    return root != null
        ? Path.of(root)
        : Path.of(System.getProperty("java.io.tmpdir"), "kring-test-redis");
  }

  /**
   * Stops every redis-server that a kit in a JVM which no longer runs left behind, and removes its
   * directories. A kit whose JVM still runs (another build on the machine) is left alone, and so is
   * a process that is not a redis-server working in the kit's directory, since a pid may be reused.
   */
  static synchronized void stopLeftovers() {
    if (leftoversStopped) {
      return;
    }
    leftoversStopped = true;
    stopLeftoversIn(root());
  }

  static void stopLeftoversIn(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> kits = Files.list(root)) {
      for (Path kit : kits.filter(Files::isDirectory).toList()) {
        if (ownerAlive(kit)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(kit)) {
          for (Path pidFile : files.filter(f -> f.endsWith(PID_FILE)).toList()) {
            readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(process -> runsIn(process, pidFile.getParent()))
                .ifPresent(
                    process -> {
                      process.destroyForcibly();
                      awaitStopped(process.pid(), Duration.ofSeconds(10));
                    });
          }
        }
        deleteTree(kit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear leftover test Redis servers in " + root, e);
    }
  }

  private static boolean ownerAlive(Path kit) {
    String name = kit.getFileName().toString();
    long owner;
    try {
      owner = Long.parseLong(name.substring(0, Math.max(0, name.indexOf('-'))));
    } catch (NumberFormatException e) {
      return false;
    }
    return ProcessHandle.of(owner)
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command().orElse("").contains("java"))
        .isPresent();
  }

  private static Optional<Long> readPid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a live process is a redis-server whose working directory is {@code dir}. */
  private static boolean runsIn(ProcessHandle process, Path dir) {
    if (!process.isAlive()) {
      return false;
    }
    if (!isRedisServer(process)) {
      return false;
    }
    // Redis works in its data directory; Linux shows a process's under /proc.
    Path cwd = Path.of("/proc", String.valueOf(process.pid()), "cwd");
    try {
      return cwd.toRealPath().equals(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a process runs the redis-server binary of the kits (which some systems install as a
   * link to another name) or calls itself redis-server.
   */
  private static boolean isRedisServer(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    if (info.commandLine().orElse("").contains("redis-server")) {
      return true;
    }
    Optional<String> command = info.command();
    if (command.isEmpty()) {
      return false;
    }
    // A JVM that searched elsewhere may have run the other of the two.
    Optional<Path> onPath = RedisBinary.onPath(System.getenv("PATH"));
    try {
      Path running = Path.of(command.get()).toRealPath();
      return running.equals(Path.of(binary()).toRealPath())
          || (onPath.isPresent() && running.equals(onPath.get().toRealPath()));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a process runs: it exists and is not a zombie. A server whose parent JVM was killed
   * belongs to the system's init once stopped, which may take its time to reap it.
   */
  static boolean running(long pid) {
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The state follows the command name, which is in parentheses and may hold spaces.
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }
  }

  private static void awaitStopped(long pid, Duration within) {
    Instant end = Instant.now().plus(within);
    while (running(pid) && Instant.now().isBefore(end)) {
      Eventually.pause();
    }
  }

  static boolean awaitExit(ProcessHandle process, Duration within) {
    try {
      process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + dir, e);
    }
  }

  /** {@code :password@} for a URL, percent-encoded; empty without a password. */
  static String userInfo(String password) {
    return password == null ? "" : ":" + percentEncoded(password) + "@";
  }

  /** Every byte but letters, digits and {@code - . _ ~} as {@code %XX}. */
  static String percentEncoded(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  /** A value for a Redis configuration file, in double quotes. */
  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
