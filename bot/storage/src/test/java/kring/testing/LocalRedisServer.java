package kring.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One standalone {@code redis-server} of its own, started from the machine's binary (else the
 * bundled one) on a free loopback port, for a test or benchmark that must have a Redis nobody else
 * writes to (a memory measurement, for instance). Stopped by {@link #close()} or when the JVM
 * exits; one that a killed JVM left running is stopped by the next kit that starts.
 */
public final class LocalRedisServer implements AutoCloseable {

  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final RedisServerProcess server;
  private final Thread shutdownHook;

  private LocalRedisServer(Path dir, RedisServerProcess server) {
    this.dir = dir;
    this.server = server;
    this.shutdownHook = new Thread(server::close, "local-redis-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server with these configuration lines besides its port and address, for example {@code
   * save ""} and {@code appendonly no}.
   */
  public static LocalRedisServer start(String... config) {
    Path dir = RedisServerProcess.newKitDirectory("server");
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = RedisServerProcess.freePorts(1).get(0);
      List<String> lines = new ArrayList<>();
      lines.add("bind " + RedisServerProcess.HOST);
      lines.add("port " + port);
      lines.addAll(List.of(config));
      try {
        return new LocalRedisServer(
            dir, RedisServerProcess.start(dir.resolve("attempt-" + attempt), port, lines, false));
      } catch (RedisServerProcess.PortTaken e) {
        failure = e;
      } catch (RuntimeException e) {
        RedisServerProcess.deleteTree(dir);
        throw e;
      }
    }
    RedisServerProcess.deleteTree(dir);
    throw new IllegalStateException("Cannot start redis-server: ports kept being taken", failure);
  }

  /** Where the server listens, as Kring's URL. */
  public String url() {
    return "redis://" + RedisServerProcess.HOST + ":" + server.port();
  }

  @Override
  public void close() {
    server.close();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and finds the server stopped.
    }
    RedisServerProcess.deleteTree(dir);
  }
}
