package kring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kring.core.cases.CaseCode;
import kring.storage.EmbeddedRedis;
import kring.storage.RedisCases;
import kring.storage.RedisConnections;
import kring.storage.RedisErasure;
import kring.storage.RedisKeys;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.RestoreParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis for the tests of one class, under a key prefix of its own that is emptied after each test
 * and at the end: {@link #machine()} is the plain Redis that most tests share ({@link
 * MachineRedis}: the one on 127.0.0.1:6379, or one this test JVM starts when none answers), {@link
 * #embedded()} one embedded Redis per test JVM, {@link #cluster()} one {@link LocalRedisCluster}
 * and {@link #sentinel()} one {@link LocalRedisSentinel} per test JVM, both with passwords. Before
 * emptying it, it checks that every key the test left is one PRIVACY.md lists, so a key no document
 * mentions cannot slip in through a flow the tests drive. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final TestRedis redis = TestRedis.machine();}</pre>
 */
public final class TestRedis implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  /**
   * The URL of the plain Redis that most tests share: the machine's on 127.0.0.1:6379, or the one
   * this JVM started when none answers there ({@link MachineRedis}).
   */
  public static String machineUrl() {
    return MachineRedis.url();
  }

  private static final ExtensionContext.Namespace SHARED =
      ExtensionContext.Namespace.create(TestRedis.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** Which Redis a test class gets. */
  private enum Kind {
    MACHINE,
    EMBEDDED,
    CLUSTER,
    SENTINEL
  }

  private final Kind kind;
  private Server server;
  private RedisKeys keys;

  private TestRedis(Kind kind) {
    this.kind = kind;
  }

  /** The plain Redis that most tests share ({@link MachineRedis}). */
  public static TestRedis machine() {
    return new TestRedis(Kind.MACHINE);
  }

  /** The embedded Redis this test JVM starts once, with its data in a temporary directory. */
  public static TestRedis embedded() {
    return new TestRedis(Kind.EMBEDDED);
  }

  /**
   * The Redis Cluster of three masters that this test JVM starts once from the tests' redis-server,
   * with a password; {@link #client()} is Kring's cluster client for it.
   */
  public static TestRedis cluster() {
    return new TestRedis(Kind.CLUSTER);
  }

  /**
   * The master, replica and sentinel that this test JVM starts once from the tests' redis-server,
   * the data nodes and the sentinel each with a password; {@link #client()} is Kring's sentinel
   * client for them. A test that kills the master starts a set of its own.
   */
  public static TestRedis sentinel() {
    return new TestRedis(Kind.SENTINEL);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(SHARED);
    server =
        switch (kind) {
          case MACHINE -> store.computeIfAbsent("machine", name -> Server.machine(), Server.class);
          case EMBEDDED ->
              store.computeIfAbsent("embedded", name -> Server.embedded(), Server.class);
          case CLUSTER -> store.computeIfAbsent("cluster", name -> Server.cluster(), Server.class);
          case SENTINEL ->
              store.computeIfAbsent("sentinel", name -> Server.sentinel(), Server.class);
        };
    keys = new RedisKeys(uniquePrefix());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    checkAndClear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    checkAndClear();
  }

  private void checkAndClear() {
    try {
      PrivacyDocument.inRepository().assertListed(storedKeys(), keys.prefix());
    } finally {
      clear();
    }
  }

  /** The shared client; do not close it. */
  public UnifiedJedis client() {
    return server.client();
  }

  /** The keys of this test class, under its own prefix. */
  public RedisKeys keys() {
    return keys;
  }

  /** Where this Redis listens, as Kring's URL (with any password), for a child process. */
  public String url() {
    return server.url();
  }

  /** Where the embedded Redis keeps its files; empty for every other Redis. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(server.dataDir());
  }

  /** Every key stored under this class's prefix. */
  public List<String> storedKeys() {
    return scan(client(), keys.prefix() + "*");
  }

  /**
   * Every key of a Redis that matches a glob pattern, read with SCAN so Redis is never blocked; on
   * a cluster, from every master.
   */
  public static List<String> scan(UnifiedJedis redis, String glob) {
    if (!(redis instanceof RedisClusterClient cluster)) {
      return RedisErasure.scan(redis, glob);
    }
    Set<String> found = new LinkedHashSet<>();
    for (ConnectionPool pool : cluster.getClusterNodes().values()) {
      try (Jedis node = new Jedis(pool.getResource())) {
        if (!node.info("replication").contains("role:master")) {
          continue;
        }
        ScanParams match = new ScanParams().match(glob).count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
          ScanResult<String> page = node.scan(cursor, match);
          found.addAll(page.getResult());
          cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      }
    }
    return new ArrayList<>(found);
  }

  /** Every key of this test class as Redis dumps it, as a backup of the Redis holds it. */
  public Map<String, byte[]> backup() {
    Map<String, byte[]> backup = new HashMap<>();
    for (String key : storedKeys()) {
      backup.put(key, client().dump(key));
    }
    return backup;
  }

  /** Puts backed-up keys back as they were, over what is stored now; other keys stay. */
  public void restore(Map<String, byte[]> backup) {
    backup.forEach(
        (key, value) -> client().restore(key, 0, value, RestoreParams.restoreParams().replace()));
  }

  /**
   * Every key under this class's prefix with everything it holds, one key per line; a case's
   * document as its JSON, however it is stored.
   */
  public String storedText() {
    StringBuilder text = new StringBuilder();
    for (String key : storedKeys()) {
      text.append(key).append(" = ");
      Optional<CaseCode> aCase = caseOfDocument(key);
      if (aCase.isPresent()) {
        text.append(client().hmget(key, "schema", "revision"))
            .append(new RedisCases(client(), keys).storedJson(aCase.get()).orElse(""))
            .append('\n');
        continue;
      }
      switch (client().type(key)) {
        case "string" -> text.append(client().get(key));
        case "hash" -> text.append(client().hgetAll(key));
        case "list" -> text.append(client().lrange(key, 0, -1));
        case "zset" -> text.append(client().zrange(key, 0, -1));
        case "set" -> text.append(client().smembers(key));
        default -> text.append("(").append(client().type(key)).append(")");
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** The case whose document a key holds, if it is one. */
  private Optional<CaseCode> caseOfDocument(String key) {
    int open = key.indexOf('{');
    int close = key.indexOf('}');
    if (open < 0 || close < open) {
      return Optional.empty();
    }
    String code = key.substring(open + 1, close);
    return CaseCode.isValid(code) && key.equals(keys.caseDoc(new CaseCode(code)))
        ? Optional.of(new CaseCode(code))
        : Optional.empty();
  }

  /** Deletes every key under this class's prefix (on a cluster, each in its own slot's master). */
  public void clear() {
    List<String> stored = storedKeys();
    if (!stored.isEmpty()) {
      client().del(stored.toArray(String[]::new));
    }
  }

  private static String uniquePrefix() {
    StringBuilder prefix = new StringBuilder("t-");
    for (int i = 0; i < 10; i++) {
      prefix.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    return prefix.append(':').toString();
  }

  /** One Redis and its client, shared by every test class in the JVM, closed at the end. */
  private record Server(String url, UnifiedJedis client, AutoCloseable redis, Path dataDir)
      implements AutoCloseable {

    static Server machine() {
      String url = MachineRedis.url();
      return new Server(url, RedisConnections.open(url), null, null);
    }

    static Server embedded() {
      try {
        Path dataDir = Files.createTempDirectory("kring-test-redis");
        EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
        return new Server(redis.url(), RedisConnections.open(redis.url()), redis, dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static Server cluster() {
      LocalRedisCluster cluster = LocalRedisCluster.builder().password(newPassword()).start();
      return new Server(cluster.url(), RedisConnections.open(cluster.url()), cluster, null);
    }

    static Server sentinel() {
      LocalRedisSentinel set =
          LocalRedisSentinel.builder()
              .password(newPassword())
              .sentinelPassword(newPassword())
              .start();
      return new Server(set.url(), RedisConnections.open(set.url()), set, null);
    }

    @Override
    public void close() throws Exception {
      client.close();
      if (redis != null) {
        redis.close();
      }
      if (dataDir != null) {
        try (Stream<Path> files = Files.walk(dataDir)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    }
  }

  /**
   * A password for a test Redis, with characters a URL must percent-encode, so that every test
   * through it also checks that Kring decodes them.
   */
  public static String newPassword() {
    StringBuilder password = new StringBuilder("k@r/ing:");
    for (int i = 0; i < 12; i++) {
      password.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    return password.append("%+").toString();
  }
}
