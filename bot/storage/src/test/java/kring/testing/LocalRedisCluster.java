package kring.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis Cluster of three masters (no replicas) started from the tests' {@code redis-server} (the
 * machine's, else the bundled one) on free loopback ports, each in its own directory, without
 * snapshots or AOF unless asked. It is stopped by {@link #close()}, or when the JVM exits; one that
 * a killed JVM left running is stopped by the next kit that starts.
 *
 * <pre>{@code
 * try (LocalRedisCluster cluster = LocalRedisCluster.builder().password("s3cret").start()) {
 *   UnifiedJedis redis = RedisConnections.open(cluster.url());
 * }
 * }</pre>
 */
public final class LocalRedisCluster implements AutoCloseable {

  /** The masters a cluster has. */
  public static final int MASTERS = 3;

  private static final int SLOTS = 16384;
  private static final Duration FORMING = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;

  private final Builder settings;
  private final Path dir;
  private final List<RedisServerProcess> nodes;
  private final Thread shutdownHook;

  private LocalRedisCluster(Builder settings, Path dir, List<RedisServerProcess> nodes) {
    this.settings = settings;
    this.dir = dir;
    this.nodes = nodes;
    this.shutdownHook = new Thread(this::stopNodes, "local-redis-cluster-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A cluster without a password, over plain TCP. */
  public static LocalRedisCluster start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where the cluster listens, as Kring's URL: {@code redis-cluster://} (or {@code
   * rediss-cluster://} over TLS) with the password, percent-encoded, and every master as a seed.
   */
  public String url() {
    return (settings.tls == null ? "redis-cluster://" : "rediss-cluster://")
        + RedisServerProcess.userInfo(settings.password)
        + nodes.stream()
            .map(node -> RedisServerProcess.HOST + ":" + node.port())
            .collect(Collectors.joining(","));
  }

  /** The masters' addresses. */
  public List<HostAndPort> masters() {
    return nodes.stream()
        .map(node -> new HostAndPort(RedisServerProcess.HOST, node.port()))
        .toList();
  }

  /** The process ids of the nodes. */
  List<Long> processIds() {
    return nodes.stream().map(RedisServerProcess::pid).toList();
  }

  /** A connection to one master, outside the cluster client; close it. */
  public Jedis connect(HostAndPort master) {
    return new Jedis(master, clientConfig(settings));
  }

  /** Stops every node and removes the cluster's directory. */
  @Override
  public void close() {
    stopNodes();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and finds the nodes stopped.
    }
    RedisServerProcess.deleteTree(dir);
  }

  private synchronized void stopNodes() {
    nodes.forEach(RedisServerProcess::close);
  }

  private static LocalRedisCluster start(Builder settings) {
    Path dir = RedisServerProcess.newKitDirectory("cluster");
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      List<RedisServerProcess> nodes = new ArrayList<>();
      try {
        List<Integer> ports = RedisServerProcess.freePorts(2 * MASTERS);
        for (int i = 0; i < MASTERS; i++) {
          Path nodeDir = dir.resolve("attempt-" + attempt).resolve("node-" + i);
          nodes.add(
              RedisServerProcess.start(
                  nodeDir,
                  ports.get(i),
                  nodeConfig(settings, ports.get(i), ports.get(MASTERS + i)),
                  false));
        }
        LocalRedisCluster cluster = new LocalRedisCluster(settings, dir, nodes);
        try {
          cluster.form(ports.subList(MASTERS, 2 * MASTERS));
        } catch (RuntimeException e) {
          cluster.close();
          throw e;
        }
        return cluster;
      } catch (RedisServerProcess.PortTaken e) {
        nodes.forEach(RedisServerProcess::close);
        failure = e;
      } catch (RuntimeException e) {
        nodes.forEach(RedisServerProcess::close);
        RedisServerProcess.deleteTree(dir);
        throw e;
      }
    }
    RedisServerProcess.deleteTree(dir);
    throw new IllegalStateException(
        "Cannot start a Redis Cluster: ports kept being taken", failure);
  }

  private static List<String> nodeConfig(Builder settings, int port, int busPort) {
    List<String> config = new ArrayList<>();
    config.add("bind " + RedisServerProcess.HOST);
    if (settings.tls == null) {
      config.add("port " + port);
    } else {
      config.addAll(settings.tls.serverConfig(port));
    }
    config.add("cluster-enabled yes");
    config.add("cluster-config-file nodes.conf");
    config.add("cluster-port " + busPort);
    config.add("cluster-node-timeout 5000");
    config.add("save \"\"");
    config.add("appendonly " + (settings.appendOnly ? "yes" : "no"));
    if (settings.password != null) {
      config.add("requirepass " + RedisServerProcess.quoted(settings.password));
      config.add("masterauth " + RedisServerProcess.quoted(settings.password));
    }
    return config;
  }

  /**
   * Gives each master a third of the slots and its own config epoch, has the first meet the others
   * on their bus ports, and waits until every node sees the whole cluster served.
   */
  private void form(List<Integer> busPorts) {
    for (int i = 0; i < MASTERS; i++) {
      try (Jedis node = connect(masters().get(i))) {
        int first = i * SLOTS / MASTERS;
        int last = (i + 1) * SLOTS / MASTERS - 1;
        node.clusterAddSlotsRange(first, last);
        node.sendCommand(Protocol.Command.CLUSTER, "SET-CONFIG-EPOCH", String.valueOf(i + 1));
      }
    }
    try (Jedis first = connect(masters().get(0))) {
      for (int i = 1; i < MASTERS; i++) {
        first.sendCommand(
            Protocol.Command.CLUSTER,
            "MEET",
            RedisServerProcess.HOST,
            String.valueOf(nodes.get(i).port()),
            String.valueOf(busPorts.get(i)));
      }
    }
    Instant end = Instant.now().plus(FORMING);
    while (!formed()) {
      if (Instant.now().isAfter(end)) {
        throw new IllegalStateException(
            "The Redis Cluster in "
                + dir
                + " did not form within "
                + FORMING
                + "; last node log:\n"
                + nodes.get(MASTERS - 1).log());
      }
      Eventually.pause();
    }
  }

  private boolean formed() {
    for (HostAndPort master : masters()) {
      try (Jedis node = connect(master)) {
        String info = node.clusterInfo();
        if (!info.contains("cluster_state:ok")
            || !info.contains("cluster_known_nodes:" + MASTERS)
            || !info.contains("cluster_slots_ok:" + SLOTS)) {
          return false;
        }
      } catch (JedisException notYet) {
        return false;
      }
    }
    return true;
  }

  static JedisClientConfig clientConfig(Builder settings) {
    return clientConfig(settings.password, settings.tls);
  }

  static JedisClientConfig clientConfig(String password, ThrowawayTls tls) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .serverDefaultProtocol()
            .connectionTimeoutMillis(2_000)
            .socketTimeoutMillis(5_000)
            .password(password);
    if (tls != null) {
      SSLSocketFactory trust = tls.socketFactory();
      config.ssl(true).sslSocketFactory(trust);
    }
    return config.build();
  }

  /** How the cluster is to be started. */
  public static final class Builder {

    private String password;
    private ThrowawayTls tls;
    private boolean appendOnly;

    private Builder() {}

    /** Every node asks clients, and each other, for this password. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Every node serves TLS only, with this certificate, also on the cluster bus. */
    public Builder tls(ThrowawayTls tls) {
      this.tls = tls;
      return this;
    }

    /** Every node appends every write to its AOF. */
    public Builder appendOnly() {
      this.appendOnly = true;
      return this;
    }

    public LocalRedisCluster start() {
      return LocalRedisCluster.start(this);
    }
  }
}
