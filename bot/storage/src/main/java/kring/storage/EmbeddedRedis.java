package kring.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis that Kring starts itself when no Redis URL is configured: for a laptop and for tests,
 * never for production. It runs the machine's {@code redis-server} when one is on the PATH and the
 * bundled one otherwise ({@link RedisBinary}), listens on loopback only on a free port (never 6379,
 * where a real Redis may run), asks for a password that it generates on the first start and keeps
 * in the data directory, appends every write to its AOF and fsyncs it. The data directory and
 * everything in it are the owner's only (rwx------, files rw-------). A pid file there lets the
 * next start find and stop a Redis that a killed JVM left running, so that two servers never write
 * the same files.
 *
 * <p>About 600 lines on purpose: starting, the pid file and stopping a leftover server are one
 * lifecycle around the same data directory, port and process, and most of the length is the checks
 * that it only ever stops its own server; apart, those checks would be far from what they guard.
 */
public final class EmbeddedRedis implements AutoCloseable {

  /** The file in the data directory that names the running server and the JVM that owns it. */
  static final String PID_FILE = "embedded-redis.pid";

  /** The file in the data directory that holds the server's password. */
  static final String PASSWORD_FILE = "embedded-redis.password";

  /** The server's configuration, written at each start (it holds the password). */
  static final String CONFIG_FILE = "embedded-redis.conf";

  /** Where Redis 7 and later keep their append-only files. */
  static final String AOF_DIRECTORY = "appendonlydir";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final String HOST = "127.0.0.1";
  private static final int RESERVED_PORT = 6379;
  private static final int START_ATTEMPTS = 3;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dataDir;
  private final int port;
  private final String password;
  private final Process process;
  private final RedisBinary binary;
  private final Thread shutdownHook;
  private boolean stopped;

  private EmbeddedRedis(
      Path dataDir, int port, String password, Process process, RedisBinary binary) {
    this.dataDir = dataDir;
    this.port = port;
    this.password = password;
    this.process = process;
    this.binary = binary;
    this.shutdownHook = new Thread(this::stopOnExit, "embedded-redis-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a Redis keeping its files in {@code dataDir} (created if missing), after stopping one
   * that an earlier, killed JVM left running there: the machine's redis-server when there is one,
   * else the bundled one.
   *
   * @throws IllegalStateException when a live Kring still uses the directory, or when its data was
   *     written by a newer Redis than the one that would run
   * @throws UncheckedIOException when the directory or the server cannot be used
   */
  public static EmbeddedRedis start(Path dataDir) {
    return start(dataDir, RedisBinary.find());
  }

  /** Starts a Redis from this binary keeping its files in {@code dataDir}; see above. */
  public static EmbeddedRedis start(Path dataDir, RedisBinary binary) {
    Path dir = ownDataDirectory(dataDir);
    stopLeftover(dir);
    refuseNewerData(dir, binary);
    keepFilesToOwner(dir);
    String password = password(dir);
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        Process process = launch(dir, port, password, binary);
        writePidFile(dir, process.pid(), port, binary.path());
        LOG.info(
            "Embedded {} (pid {}) listens on {}:{} with its data in {}",
            binary.describe(),
            process.pid(),
            HOST,
            port,
            dir);
        return new EmbeddedRedis(dir, port, password, process, binary);
      } catch (PortTaken e) {
        failure = e;
      }
    }
    throw new IllegalStateException(
        "Cannot start the embedded Redis in " + dir + ": its ports kept being taken", failure);
  }

  public int port() {
    return port;
  }

  /** The URL to connect to, {@code redis://:password@127.0.0.1:port}. */
  public String url() {
    return "redis://:" + password + "@" + HOST + ":" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The process id of the redis-server. */
  public long pid() {
    return process.pid();
  }

  /** The binary that runs. */
  public RedisBinary binary() {
    return binary;
  }

  /** Stops the server; Redis finishes writing its AOF first. Stopping twice does nothing. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      stopProcess(process.toHandle(), dataDir);
    } catch (IllegalStateException e) {
      LOG.warn("The embedded Redis (pid {}) did not stop cleanly", process.pid(), e);
    }
    try {
      Files.deleteIfExists(dataDir.resolve(PID_FILE));
    } catch (IOException e) {
      LOG.warn("Cannot remove {} from {}", PID_FILE, dataDir, e);
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook runs anyway and finds the server stopped.
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void stopOnExit() {
    stop();
  }

  // ---- the data directory

  /** The data directory, made if missing, the owner's only. */
  private static Path ownDataDirectory(Path dataDir) {
    try {
      if (!Files.exists(dataDir)) {
        Path parent = dataDir.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try {
          Files.createDirectory(
              dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException madeMeanwhile) {
          // Tightened below like any existing directory.
        }
      }
      Path dir = dataDir.toRealPath();
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException("The Redis data directory " + dir + " is not a directory");
      }
      Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep Redis data in " + dataDir, e);
    }
  }

  /**
   * Refuses data that the binary cannot read: Redis before 7 does not know the append-only
   * directory of Redis 7 and later and would start empty beside it, as if the data were lost.
   */
  static void refuseNewerData(Path dir, RedisBinary binary) {
    if (binary.major() < 7 && Files.isDirectory(dir.resolve(AOF_DIRECTORY))) {
      throw new IllegalStateException(
          "The Redis data in "
              + dir
              + " was written by Redis 7 or later ("
              + AOF_DIRECTORY
              + "), but the Redis that would run is "
              + binary.describe()
              + ", which cannot read it and would start empty: install redis-server 7 or later"
              + " on the PATH, or set KRING_REDIS_URL to a Redis 7 that holds the data");
    }
  }

  /**
   * Makes what Redis wrote in the directory the owner's only, also files an older Kring left
   * readable to others; the server itself then writes with umask 077.
   */
  private static void keepFilesToOwner(Path dir) {
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.toList()) {
        if (file.equals(dir) || Files.isSymbolicLink(file)) {
          continue;
        }
        Files.setPosixFilePermissions(
            file,
            Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                ? OWNER_ONLY_DIRECTORY
                : OWNER_ONLY_FILE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make the Redis data in " + dir + " private", e);
    }
  }

  /** The server's password: generated on the first start, then read from the data directory. */
  static String password(Path dir) {
    Path file = dir.resolve(PASSWORD_FILE);
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String fresh = HexFormat.of().formatHex(secret);
        try {
          Files.writeString(
              Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)),
              fresh + "\n",
              StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException madeMeanwhile) {
          return password(dir);
        }
        return fresh;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalStateException(file + " is not a file; remove it and start again");
      }
      String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!stored.matches("[0-9a-f]{64}")) {
        throw new IllegalStateException(
            file + " does not hold a password Kring wrote; remove it to get a new one");
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the Redis password in " + file, e);
    }
  }

  // ---- the server

  private static Process launch(Path dir, int port, String password, RedisBinary binary) {
    Path config = dir.resolve(CONFIG_FILE);
    List<String> lines =
        List.of(
            "bind " + HOST,
            "protected-mode yes",
            "port " + port,
            "dir " + quoted(dir.toString()),
            "requirepass " + password,
            "daemonize no",
            "logfile \"\"",
            "appendonly yes",
            "appendfsync always",
            // The AOF is the record; periodic snapshots would only write the same data again.
            "save \"\"",
            "maxmemory-policy noeviction");
    Process process;
    try {
      Files.deleteIfExists(config);
      Files.write(
          Files.createFile(config, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)),
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.WRITE);
      // umask 077: the AOF and RDB files Redis makes, now and at every rewrite, are the owner's.
      process =
          new ProcessBuilder(
                  "/bin/sh",
                  "-c",
                  "umask 077 && exec \"$0\" \"$1\"",
                  binary.path().toString(),
                  config.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + binary.describe() + " in " + dir, e);
    }
    Deque<String> recent = new ArrayDeque<>();
    Thread output = new Thread(() -> relay(process, recent), "embedded-redis-log");
    output.setDaemon(true);
    output.start();
    awaitReady(process, port, password, recent, dir);
    return process;
  }

  /** Passes the server's output to the log, and keeps its last lines for a failure message. */
  private static void relay(Process process, Deque<String> recent) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (recent) {
          recent.addLast(line);
          if (recent.size() > 30) {
            recent.removeFirst();
          }
        }
        // Redis marks its warnings and most important notices with '#'.
        if (line.contains(" # ")) {
          LOG.info("redis: {}", line);
        } else {
          LOG.debug("redis: {}", line);
        }
      }
    } catch (IOException closed) {
      // The server stopped.
    }
  }

  private static void awaitReady(
      Process process, int port, String password, Deque<String> recent, Path dir) {
    Instant end = Instant.now().plus(START_TIMEOUT);
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .password(password)
            .connectionTimeoutMillis(500)
            .socketTimeoutMillis(2000)
            .build();
    while (true) {
      if (!process.isAlive()) {
        String log;
        synchronized (recent) {
          log = String.join("\n", recent);
        }
        awaitExit(process.toHandle(), 2);
        if (log.contains("Address already in use")) {
          throw new PortTaken(port);
        }
        throw new IllegalStateException(
            "The embedded Redis stopped while starting in " + dir + "; it said:\n" + log);
      }
      try (RedisClient client =
          RedisClient.builder().hostAndPort(HOST, port).clientConfig(config).build()) {
        if ("PONG".equals(client.ping())) {
          return;
        }
      } catch (JedisException notYet) {
        if (Instant.now().isAfter(end)) {
          stopProcess(process.toHandle(), dir);
          throw new IllegalStateException(
              "The embedded Redis in " + dir + " did not answer within " + START_TIMEOUT);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopProcess(process.toHandle(), dir);
          throw new IllegalStateException("Interrupted while the embedded Redis started", e);
        }
      }
    }
  }

  /** Another process took the port between our probe and Redis binding it. */
  private static final class PortTaken extends RuntimeException {
    PortTaken(int port) {
      super("Port " + port + " was taken");
    }
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static int freePort() {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = probe.getLocalPort();
        if (port != RESERVED_PORT) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
      }
    }
    throw new IllegalStateException("Cannot find a free port on " + HOST);
  }

  // ---- the pid file and a Redis left behind

  private static void writePidFile(Path dir, long pid, int port, Path binary) {
    Properties record = new Properties();
    record.setProperty("pid", String.valueOf(pid));
    record.setProperty("port", String.valueOf(port));
    record.setProperty("owner", String.valueOf(ProcessHandle.current().pid()));
    record.setProperty("binary", binary.toString());
    Path file = dir.resolve(PID_FILE);
    Path partial = dir.resolve(PID_FILE + ".partial");
    try {
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      try (Writer out = Files.newBufferedWriter(partial)) {
        record.store(out, "The embedded Redis of the Kring with process id 'owner'");
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /**
   * Stops a redis-server that an earlier JVM started in {@code dir} and could not stop because it
   * was killed. Only a process that is verifiably a redis-server working in {@code dir} is stopped:
   * a pid in the file may since have been reused by an unrelated process.
   */
  static void stopLeftover(Path dir) {
    Path file = dir.resolve(PID_FILE);
    if (!Files.exists(file)) {
      return;
    }
    Properties record = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      record.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    long pid = number(record, "pid");
    int port = (int) number(record, "port");
    long owner = number(record, "owner");
    Optional<ProcessHandle> leftover = alive(pid);
    Optional<Path> binary =
        Optional.ofNullable(record.getProperty("binary")).filter(b -> !b.isBlank()).map(Path::of);
    if (leftover.isPresent() && runsIn(leftover.get(), dir, port, binary)) {
      if (alive(owner).isPresent()) {
        throw new IllegalStateException(
            "Another running Kring (process "
                + owner
                + ") uses the Redis data in "
                + dir
                + ": stop it, or give this one another data directory");
      }
      LOG.warn("Stopping the Redis (pid {}) that a Kring which did not stop left in {}", pid, dir);
      stopProcess(leftover.get(), dir);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + file, e);
    }
  }

  /** Whether a live process is a redis-server whose data directory is {@code dir}. */
  private static boolean runsIn(ProcessHandle process, Path dir, int port, Optional<Path> binary) {
    if (!isRedisServer(process, binary)) {
      return false;
    }
    // Redis changes its working directory to its data directory; Linux shows it under /proc.
    Path cwd = Path.of("/proc", String.valueOf(process.pid()), "cwd");
    try {
      if (Files.isSymbolicLink(cwd)) {
        return cwd.toRealPath().equals(dir);
      }
    } catch (IOException e) {
      LOG.debug("Cannot read the working directory of process {}", process.pid(), e);
    }
    return confirmsOverPort(process.pid(), dir, port);
  }

  /**
   * Whether a process calls itself redis-server, or runs the binary the pid file names or the
   * machine's redis-server (which some systems install as a link to a file of another name).
   */
  private static boolean isRedisServer(ProcessHandle process, Optional<Path> recorded) {
    ProcessHandle.Info info = process.info();
    String command = info.command().orElse("");
    if ((command + " " + info.commandLine().orElse("")).contains("redis-server")) {
      return true;
    }
    if (command.isEmpty()) {
      return false;
    }
    return Stream.concat(recorded.stream(), RedisBinary.onPath(System.getenv("PATH")).stream())
        .anyMatch(binary -> sameFile(Path.of(command), binary));
  }

  private static boolean sameFile(Path one, Path other) {
    try {
      return one.toRealPath().equals(other.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /** Elsewhere, asks the Redis on the recorded port for its process id and data directory. */
  private static boolean confirmsOverPort(long pid, Path dir, int port) {
    try (RedisClient client =
        RedisClient.builder()
            .hostAndPort(HOST, port)
            .clientConfig(DefaultJedisClientConfig.builder().password(password(dir)).build())
            .build()) {
      Optional<String> runningPid = infoField(client.info("server"), "process_id");
      Map<String, String> config = client.configGet("dir");
      return runningPid.equals(Optional.of(String.valueOf(pid)))
          && dir.toString().equals(config.get("dir"));
    } catch (JedisException e) {
      return false;
    }
  }

  private static void stopProcess(ProcessHandle process, Path dir) {
    // SIGTERM first: Redis then finishes its AOF and exits; SIGKILL only if it does not.
    process.destroy();
    if (awaitExit(process, 10)) {
      return;
    }
    process.destroyForcibly();
    if (!awaitExit(process, 5)) {
      throw new IllegalStateException(
          "The Redis left running in " + dir + " (pid " + process.pid() + ") does not stop");
    }
  }

  private static boolean awaitExit(ProcessHandle process, int seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
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

  private static Optional<ProcessHandle> alive(long pid) {
    return pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
  }

  private static long number(Properties record, String name) {
    try {
      return Long.parseLong(record.getProperty(name, ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<String> infoField(String info, String field) {
    return info.lines()
        .filter(line -> line.startsWith(field + ":"))
        .map(line -> line.substring(field.length() + 1).strip())
        .findFirst();
  }
}
