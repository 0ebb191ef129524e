package kring.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.embedded.RedisServer;

/**
 * A Redis that Kring starts itself when no Redis URL is configured: for a laptop and for tests,
 * never for production. It listens on loopback on a free port (never 6379, where a real Redis may
 * run), appends every write to its AOF and fsyncs it, and keeps its files in the data directory it
 * is given. A pid file there lets the next start find and stop a Redis that a killed JVM left
 * running, so that two servers never write the same files.
 */
public final class EmbeddedRedis implements AutoCloseable {

  /** The file in the data directory that names the running server and the JVM that owns it. */
  static final String PID_FILE = "embedded-redis.pid";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final String HOST = "127.0.0.1";
  private static final int RESERVED_PORT = 6379;
  private static final int START_ATTEMPTS = 3;

  private final Path dataDir;
  private final int port;
  private final long pid;
  private final RedisServer server;
  private final Thread shutdownHook;
  private boolean stopped;

  private EmbeddedRedis(Path dataDir, int port, long pid, RedisServer server) {
    this.dataDir = dataDir;
    this.port = port;
    this.pid = pid;
    this.server = server;
    this.shutdownHook = new Thread(this::stopOnExit, "embedded-redis-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a Redis keeping its files in {@code dataDir} (created if missing), after stopping one
   * that an earlier, killed JVM left running there.
   *
   * @throws IllegalStateException when a live Kring still uses the directory
   * @throws UncheckedIOException when the directory or the server cannot be used
   */
  public static EmbeddedRedis start(Path dataDir) {
    Path dir;
    try {
      Files.createDirectories(dataDir);
      dir = dataDir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep Redis data in " + dataDir, e);
    }
    stopLeftover(dir);
    IOException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      RedisServer server;
      try {
        server = configure(dir, port);
        server.start();
      } catch (IOException e) {
        // Most likely another process took the port between our probe and Redis binding it.
        failure = e;
        continue;
      }
      long pid = serverPid(port);
      writePidFile(dir, pid, port);
      LOG.info(
          "Embedded Redis (pid {}) listens on {}:{} with its data in {}", pid, HOST, port, dir);
      return new EmbeddedRedis(dir, port, pid, server);
    }
    throw new UncheckedIOException("Cannot start the embedded Redis in " + dir, failure);
  }

  public int port() {
    return port;
  }

  /** The URL to connect to, {@code redis://127.0.0.1:port}. */
  public String url() {
    return "redis://" + HOST + ":" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The process id of the redis-server. */
  public long pid() {
    return pid;
  }

  /** Stops the server; Redis finishes writing its AOF first. Stopping twice does nothing. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.stop();
    } catch (IOException e) {
      LOG.warn("The embedded Redis (pid {}) did not stop cleanly", pid, e);
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

  private static RedisServer configure(Path dir, int port) throws IOException {
    return RedisServer.newRedisServer()
        .bind(HOST)
        .port(port)
        .setting("dir " + quoted(dir.toString()))
        .setting("appendonly yes")
        .setting("appendfsync always")
        // The AOF is the record; periodic snapshots would only write the same data again.
        .setting("save \"\"")
        .setting("maxmemory-policy noeviction")
        .soutListener(line -> LOG.debug("redis: {}", line))
        .serrListener(line -> LOG.warn("redis: {}", line))
        .build();
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

  private static long serverPid(int port) {
    try (RedisClient client = RedisClient.create(HOST, port)) {
      return infoField(client.info("server"), "process_id")
          .map(Long::parseLong)
          .orElseThrow(() -> new IllegalStateException("Redis did not tell its process id"));
    }
  }

  // ---- the pid file and a Redis left behind

  private static void writePidFile(Path dir, long pid, int port) {
    Properties record = new Properties();
    record.setProperty("pid", String.valueOf(pid));
    record.setProperty("port", String.valueOf(port));
    record.setProperty("owner", String.valueOf(ProcessHandle.current().pid()));
    Path file = dir.resolve(PID_FILE);
    Path partial = dir.resolve(PID_FILE + ".partial");
    try {
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
    if (leftover.isPresent() && runsIn(leftover.get(), dir, port)) {
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
  private static boolean runsIn(ProcessHandle process, Path dir, int port) {
    ProcessHandle.Info info = process.info();
    String command = info.command().orElse("") + " " + info.commandLine().orElse("");
    if (!command.contains("redis-server")) {
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

  /** Elsewhere, asks the Redis on the recorded port for its process id and data directory. */
  private static boolean confirmsOverPort(long pid, Path dir, int port) {
    try (RedisClient client = RedisClient.create(HOST, port)) {
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
