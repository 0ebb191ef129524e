package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kring.storage.EmbeddedRedis;
import kring.storage.RedisConnections;
import kring.testing.PrivacyDocument;
import kring.testing.TestRedis;
import redis.clients.jedis.UnifiedJedis;

/** Kring started as its own JVM, so that a test can kill it the hard way and start it again. */
final class KringProcess implements AutoCloseable {

  private final List<String> command;
  private final String ready;
  private final Path dataDir;
  private final Path log;
  private final int port;
  private Process process;

  private KringProcess(List<String> command, String ready, Path dataDir, Path log, int port) {
    this.command = command;
    this.ready = ready;
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
  }

  /**
   * Prepares Kring in an emptied working directory: its embedded Redis persists under {@code
   * work/data} and it logs to {@code work/kring.log}.
   */
  static KringProcess inFreshDirectory(Path work) throws IOException {
    if (Files.exists(work)) {
      try (java.util.stream.Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return withEmbeddedRedis(work.resolve("data").toAbsolutePath(), work.resolve("kring.log"));
  }

  /** Prepares Kring with an embedded Redis persisting under {@code dataDir}, on a free port. */
  static KringProcess withEmbeddedRedis(Path dataDir, Path log) throws IOException {
    return playground("/readyz", dataDir, log, "--kring.redis.data-dir=" + dataDir);
  }

  /**
   * Prepares Kring on a Redis that runs already, under a key prefix, on a free port: several such
   * processes on one Redis and prefix are the nodes of one Kring. A test Redis need not persist, so
   * Kring counts as started once it is alive, though not ready for production.
   */
  static KringProcess onRedis(String url, String keyPrefix, Path log) throws IOException {
    return playground(
        "/livez", null, log, "--kring.redis.url=" + url, "--kring.redis.key-prefix=" + keyPrefix);
  }

  private static KringProcess playground(String ready, Path dataDir, Path log, String... redis)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KringApplication.class.getName());
    command.add("--server.port=" + port);
    command.add("--management.server.port=0");
    command.addAll(List.of(redis));
    command.add("--kring.playground.enabled=true");
    return new KringProcess(command, ready, dataDir, log, port);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts Kring and waits until it says it is ready (or, on a test Redis, alive). */
  KringProcess start() throws Exception {
    Files.createDirectories(log.getParent());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kring stopped while starting; see " + log);
      }
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + ready)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Kring did not become ready within 90 s; see " + log);
  }

  /**
   * Every key Kring left in its embedded Redis, read after it stopped: a Redis is started on
   * Kring's data directory, which loads what Kring wrote to its append-only file, and stopped
   * again.
   */
  List<String> storedKeys() {
    if (dataDir == null) {
      throw new IllegalStateException("Kring ran on a Redis of its own; read the keys there");
    }
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Stop Kring before reading what it left in Redis");
    }
    EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
    try (UnifiedJedis client = RedisConnections.open(redis.url())) {
      return TestRedis.scan(client, "*");
    } finally {
      redis.stop();
    }
  }

  /**
   * The key registry check: after Kring stopped, every key it left in its Redis is one PRIVACY.md
   * lists. There must be keys, or the check would prove nothing.
   */
  void assertEveryKeyListedInPrivacyMd() {
    List<String> left = storedKeys();
    assertThat(left).as("keys Kring left in its Redis").isNotEmpty();
    PrivacyDocument.inRepository().assertListed(left, "kring:");
  }

  /** SIGKILL: no shutdown hooks, no graceful anything, like a power cut of the JVM. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
