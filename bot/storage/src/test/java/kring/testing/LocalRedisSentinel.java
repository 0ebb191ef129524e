package kring.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A master, one replica and one or three sentinels watching them as {@value #MASTER_NAME}, started
 * from the tests' {@code redis-server} (the machine's, else the bundled one) on free loopback
 * ports, each in its own directory. The sentinels find the master down after a second, so that a
 * test can kill the master ({@link #killMasterAndAwaitFailover(Duration)}) and see the replica take
 * over within seconds. Stopped by {@link #close()} or when the JVM exits; one that a killed JVM
 * left running is stopped by the next kit that starts.
 */
public final class LocalRedisSentinel implements AutoCloseable {

  /** The name under which the sentinels know the master. */
  public static final String MASTER_NAME = "kringmaster";

  private static final Duration SETTLING = Duration.ofSeconds(30);
  private static final int DOWN_AFTER_MS = 1_000;
  private static final int FAILOVER_TIMEOUT_MS = 10_000;
  private static final int START_ATTEMPTS = 3;

  private final Builder settings;
  private final Path dir;
  private final List<RedisServerProcess> dataNodes;
  private final List<RedisServerProcess> sentinels;
  private final Thread shutdownHook;

  private LocalRedisSentinel(
      Builder settings,
      Path dir,
      List<RedisServerProcess> dataNodes,
      List<RedisServerProcess> sentinels) {
    this.settings = settings;
    this.dir = dir;
    this.dataNodes = dataNodes;
    this.sentinels = sentinels;
    this.shutdownHook = new Thread(this::stopAll, "local-redis-sentinel-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A master, a replica and one sentinel, without passwords, over plain TCP. */
  public static LocalRedisSentinel start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where the sentinels listen, as Kring's URL: {@code redis-sentinel://} (or {@code
   * rediss-sentinel://} over TLS) with the data nodes' password, every sentinel, the master's name
   * and, when the sentinels have one, their password as {@code ?sentinelPassword=}.
   */
  public String url() {
    return (settings.tls == null ? "redis-sentinel://" : "rediss-sentinel://")
        + RedisServerProcess.userInfo(settings.password)
        + sentinels.stream()
            .map(sentinel -> RedisServerProcess.HOST + ":" + sentinel.port())
            .collect(Collectors.joining(","))
        + "/"
        + MASTER_NAME
        + (settings.sentinelPassword == null
            ? ""
            : "?sentinelPassword=" + RedisServerProcess.percentEncoded(settings.sentinelPassword));
  }

  /**
   * The current master alone, as Kring's URL for one server: {@code redis://} (or {@code
   * rediss://}) with the data nodes' password.
   */
  public String masterUrl() {
    return (settings.tls == null ? "redis://" : "rediss://")
        + RedisServerProcess.userInfo(settings.password)
        + master();
  }

  /** The master as the first sentinel names it now. */
  public HostAndPort master() {
    try (Jedis sentinel = connectSentinel(sentinels.get(0))) {
      List<String> address = sentinel.sentinelGetMasterAddrByName(MASTER_NAME);
      return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
    }
  }

  /** A connection to one data node (the master, or the replica), outside Kring's client. */
  public Jedis connect(HostAndPort node) {
    return new Jedis(node, LocalRedisCluster.clientConfig(settings.password, settings.tls));
  }

  /**
   * Kills the current master with SIGKILL, as a crash would, and waits until every sentinel names
   * the replica as the master and the replica acts as one. The set has no replica afterwards, so
   * this works once.
   *
   * @return the new master
   */
  public HostAndPort killMasterAndAwaitFailover(Duration within) {
    HostAndPort old = master();
    RedisServerProcess master =
        dataNodes.stream()
            .filter(node -> node.port() == old.getPort() && node.alive())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No running master on " + old));
    RedisServerProcess replica =
        dataNodes.stream()
            .filter(node -> node != master && node.alive())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No replica left to take over"));
    master.kill();
    HostAndPort promoted = new HostAndPort(RedisServerProcess.HOST, replica.port());
    await(
        within,
        "the sentinels to make " + promoted + " the master",
        () -> allSentinelsName(promoted) && isMaster(promoted));
    return promoted;
  }

  /**
   * Holds the replica still (SIGSTOP) until {@link #releaseReplica}: it takes no more of the
   * master's writes and confirms none, as a replica cut off from its master would.
   */
  public void holdReplica() throws InterruptedException {
    signal("STOP", replica().pid());
  }

  /** Lets the replica held by {@link #holdReplica} go on (SIGCONT). */
  public void releaseReplica() throws InterruptedException {
    signal("CONT", replica().pid());
  }

  private RedisServerProcess replica() {
    HostAndPort master = master();
    return dataNodes.stream()
        .filter(node -> node.port() != master.getPort() && node.alive())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No replica"));
  }

  private static void signal(String name, long pid) throws InterruptedException {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid + " failed");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops every process and removes the set's directory. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and finds everything stopped.
    }
    RedisServerProcess.deleteTree(dir);
  }

  private synchronized void stopAll() {
    // The sentinels first, so that they do not start a failover while the data nodes stop.
    sentinels.forEach(RedisServerProcess::close);
    dataNodes.forEach(RedisServerProcess::close);
  }

  private static LocalRedisSentinel start(Builder settings) {
    Path dir = RedisServerProcess.newKitDirectory("sentinel");
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path attemptDir = dir.resolve("attempt-" + attempt);
      List<RedisServerProcess> dataNodes = new ArrayList<>();
      List<RedisServerProcess> sentinels = new ArrayList<>();
      try {
        List<Integer> ports = RedisServerProcess.freePorts(2 + settings.sentinels);
        int masterPort = ports.get(0);
        dataNodes.add(
            RedisServerProcess.start(
                attemptDir.resolve("master"),
                masterPort,
                dataNodeConfig(settings, masterPort, null),
                false));
        dataNodes.add(
            RedisServerProcess.start(
                attemptDir.resolve("replica"),
                ports.get(1),
                dataNodeConfig(settings, ports.get(1), masterPort),
                false));
        LocalRedisSentinel set = new LocalRedisSentinel(settings, dir, dataNodes, sentinels);
        try {
          HostAndPort replica = new HostAndPort(RedisServerProcess.HOST, ports.get(1));
          set.await(SETTLING, "the replica to copy the master", () -> set.replicating(replica));
          for (int i = 0; i < settings.sentinels; i++) {
            int port = ports.get(2 + i);
            sentinels.add(
                RedisServerProcess.start(
                    attemptDir.resolve("sentinel-" + i),
                    port,
                    sentinelConfig(settings, port, masterPort),
                    true));
          }
          set.await(SETTLING, "the sentinels to see the master and its replica", set::watching);
        } catch (RuntimeException e) {
          set.close();
          throw e;
        }
        return set;
      } catch (RedisServerProcess.PortTaken e) {
        sentinels.forEach(RedisServerProcess::close);
        dataNodes.forEach(RedisServerProcess::close);
        failure = e;
      } catch (RuntimeException e) {
        sentinels.forEach(RedisServerProcess::close);
        dataNodes.forEach(RedisServerProcess::close);
        RedisServerProcess.deleteTree(dir);
        throw e;
      }
    }
    RedisServerProcess.deleteTree(dir);
    throw new IllegalStateException("Cannot start Redis Sentinel: ports kept being taken", failure);
  }

  private static List<String> dataNodeConfig(Builder settings, int port, Integer masterPort) {
    List<String> config = new ArrayList<>();
    config.add("bind " + RedisServerProcess.HOST);
    config.addAll(listening(settings, port));
    config.add("save \"\"");
    config.add("appendonly " + (settings.appendOnly ? "yes" : "no"));
    // A replica gets its copy at once, not after waiting five seconds for others to join it.
    config.add("repl-diskless-sync-delay 0");
    if (settings.password != null) {
      config.add("requirepass " + RedisServerProcess.quoted(settings.password));
      config.add("masterauth " + RedisServerProcess.quoted(settings.password));
    }
    if (masterPort != null) {
      config.add("replicaof " + RedisServerProcess.HOST + " " + masterPort);
    }
    return config;
  }

  private static List<String> sentinelConfig(Builder settings, int port, int masterPort) {
    int quorum = settings.sentinels / 2 + 1;
    List<String> config = new ArrayList<>();
    config.add("bind " + RedisServerProcess.HOST);
    config.addAll(listening(settings, port));
    config.add(
        "sentinel monitor "
            + MASTER_NAME
            + " "
            + RedisServerProcess.HOST
            + " "
            + masterPort
            + " "
            + quorum);
    config.add("sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MS);
    config.add("sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT_MS);
    config.add("sentinel parallel-syncs " + MASTER_NAME + " 1");
    if (settings.password != null) {
      config.add(
          "sentinel auth-pass " + MASTER_NAME + " " + RedisServerProcess.quoted(settings.password));
    }
    if (settings.sentinelPassword != null) {
      config.add("requirepass " + RedisServerProcess.quoted(settings.sentinelPassword));
      // Sentinels talk to each other with the password they ask of others.
      config.add("sentinel sentinel-pass " + RedisServerProcess.quoted(settings.sentinelPassword));
    }
    return config;
  }

  private static List<String> listening(Builder settings, int port) {
    return settings.tls == null ? List.of("port " + port) : settings.tls.serverConfig(port);
  }

  private Jedis connectSentinel(RedisServerProcess sentinel) {
    return new Jedis(
        new HostAndPort(RedisServerProcess.HOST, sentinel.port()),
        LocalRedisCluster.clientConfig(settings.sentinelPassword, settings.tls));
  }

  private boolean replicating(HostAndPort replica) {
    try (Jedis node = connect(replica)) {
      return node.info("replication").contains("master_link_status:up");
    } catch (JedisException notYet) {
      return false;
    }
  }

  /** Whether every sentinel knows the master, its synced replica and the other sentinels. */
  private boolean watching() {
    for (RedisServerProcess process : sentinels) {
      try (Jedis sentinel = connectSentinel(process)) {
        Map<String, String> master = sentinel.sentinelMaster(MASTER_NAME);
        if (!"master".equals(master.get("flags"))
            || !String.valueOf(sentinels.size() - 1).equals(master.get("num-other-sentinels"))) {
          return false;
        }
        List<Map<String, String>> replicas = sentinel.sentinelReplicas(MASTER_NAME);
        if (replicas.size() != 1
            || !"slave".equals(replicas.get(0).get("flags"))
            || !"ok".equals(replicas.get(0).get("master-link-status"))) {
          return false;
        }
      } catch (JedisException notYet) {
        return false;
      }
    }
    return true;
  }

  private boolean allSentinelsName(HostAndPort master) {
    for (RedisServerProcess process : sentinels) {
      try (Jedis sentinel = connectSentinel(process)) {
        List<String> address = sentinel.sentinelGetMasterAddrByName(MASTER_NAME);
        if (address == null || !String.valueOf(master.getPort()).equals(address.get(1))) {
          return false;
        }
      } catch (JedisException notYet) {
        return false;
      }
    }
    return true;
  }

  private boolean isMaster(HostAndPort node) {
    try (Jedis redis = connect(node)) {
      return redis.info("replication").contains("role:master");
    } catch (JedisException notYet) {
      return false;
    }
  }

  private void await(Duration within, String what, BooleanSupplier done) {
    Instant end = Instant.now().plus(within);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new IllegalStateException(
            "Waited "
                + within
                + " for "
                + what
                + " in "
                + dir
                + "; the first sentinel's log:\n"
                + (sentinels.isEmpty() ? "(no sentinel yet)" : sentinels.get(0).log()));
      }
      Eventually.pause();
    }
  }

  /** How the set is to be started. */
  public static final class Builder {

    private String password;
    private String sentinelPassword;
    private ThrowawayTls tls;
    private boolean appendOnly;
    private int sentinels = 1;

    private Builder() {}

    /** The master and the replica ask clients, and each other, for this password. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The sentinels ask clients, and each other, for this password. */
    public Builder sentinelPassword(String sentinelPassword) {
      this.sentinelPassword = sentinelPassword;
      return this;
    }

    /** Every process serves TLS only, with this certificate, also to each other. */
    public Builder tls(ThrowawayTls tls) {
      this.tls = tls;
      return this;
    }

    /** The data nodes append every write to their AOF. */
    public Builder appendOnly() {
      this.appendOnly = true;
      return this;
    }

    /** Three sentinels (a quorum of two) instead of one. */
    public Builder threeSentinels() {
      this.sentinels = 3;
      return this;
    }

    public LocalRedisSentinel start() {
      return LocalRedisSentinel.start(this);
    }
  }
}
