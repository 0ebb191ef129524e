package kring.teams;

import static kring.teams.Activities.ANNA;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import kring.core.conversation.Conversation;
import kring.testing.Interleaved;
import kring.testing.OpenLoop;
import kring.testing.TestRedis;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a timed test but a benchmark, run on request: {@code ./mvnw -pl bot/teams -am test
 * -Dtest=TeamsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkring.benchmark=true}. It sends
 * activities at a fixed rate (open loop: each latency counts from the moment its request was due)
 * to Kring's {@code /api/messages} and to a bare echo bot on the same SDK and server, the two
 * taking turns in the same JVM over three rounds, and prints each round's percentiles, the median
 * of the rounds' p99 ratios, their spread and the machine's load.
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class TeamsBenchmark {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int RATE = Integer.getInteger("kring.benchmark.rate", 100);
  static final int SECONDS = Integer.getInteger("kring.benchmark.seconds", 20);
  static final int WARM_UP_SECONDS = Integer.getInteger("kring.benchmark.warmup", 5);
  static final int ROUNDS = 3;

  /** Threads to send with ({@link OpenLoop}): more than the flood ever waits on at once. */
  static final int SENDERS = 64;

  @Test
  void kringNextToABareEchoBot() throws Exception {
    try (TeamsHarness teams =
            new TeamsHarness(
                redis,
                c -> TeamsHarness.unauthenticated(),
                ConnectorTokens.none(),
                EchoEndpoint.class);
        OpenLoop http = new OpenLoop(SENDERS)) {
      teams.post(teams.activities.mention(ANNA, "start"));
      String base = teams.endpoint().replace("/api/messages", "");
      Interleaved.Result result =
          Interleaved.run(
              length ->
                  load(
                      http,
                      base + "/api/messages",
                      () -> teams.activities.mention(ANNA, "stand").toString(),
                      length),
              length ->
                  load(
                      http,
                      base + "/api/echo",
                      () -> teams.activities.personal(ANNA, "hello").toString(),
                      length),
              Duration.ofSeconds(WARM_UP_SECONDS),
              Duration.ofSeconds(SECONDS),
              ROUNDS);
      System.out.printf(
          "%nTeams benchmark: %d activities/s, %d s a side a round in two halves, after warm-up"
              + " stretches of %d s of each%n",
          RATE, SECONDS, WARM_UP_SECONDS);
      Interleaved.print(System.out, "kring", "echo", result);
    }
  }

  /**
   * A flood of activities whose work is slow (each turn of the core waits {@code SLOW}): Kring
   * takes what its work has room for and refuses the rest at once (503, nothing claimed, so Teams'
   * next try is handled). Prints the acknowledgements' latencies, how many were taken and refused,
   * and the heap still in use after a full collection with the backlog at its largest, for a flood
   * and for one three times as long: what the backlog holds does not grow with the flood.
   */
  @Test
  void aFloodOfSlowWorkIsRefusedQuicklyAndHoldsBoundedMemory() throws Exception {
    AfterAcknowledgement work = AfterAcknowledgement.threads(4, 200);
    try (TeamsHarness teams = new TeamsHarness(redis, TeamsBenchmark::slow, work);
        OpenLoop http = new OpenLoop(SENDERS)) {
      teams.post(teams.activities.mention(ANNA, "start"));
      String url = teams.endpoint();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      System.out.printf(
          "%nTeams flood: %d activities/s, each turn of the core %d ms slower, %d threads and room"
              + " for %d activities; heap in use at rest %.1f MB%n",
          FLOOD_RATE, SLOW.toMillis(), 4, work.capacity(), baseline / 1e6);
      for (int seconds : new int[] {FLOOD_SECONDS, 3 * FLOOD_SECONDS}) {
        Histogram ok = new Histogram(3);
        Histogram refused = new Histogram(3);
        flood(
            http,
            url,
            () -> teams.activities.mention(ANNA, "help").toString(),
            seconds,
            ok,
            refused);
        System.gc();
        long held = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
            Locale.ROOT,
            "%2d s flood: taken %5d (ack p50 %.2f p99 %.2f max %.2f ms), refused %5d (p50 %.2f"
                + " p99 %.2f max %.2f ms); heap in use with the backlog full %.1f MB (%.1f MB over"
                + " rest)%n",
            seconds,
            ok.getTotalCount(),
            ok.getValueAtPercentile(50) / 1000.0,
            ok.getValueAtPercentile(99) / 1000.0,
            ok.getMaxValue() / 1000.0,
            refused.getTotalCount(),
            refused.getValueAtPercentile(50) / 1000.0,
            refused.getValueAtPercentile(99) / 1000.0,
            refused.getMaxValue() / 1000.0,
            held / 1e6,
            (held - baseline) / 1e6);
        teams.settle();
      }
    }
  }

  static final int FLOOD_RATE = Integer.getInteger("kring.benchmark.flood.rate", 400);
  static final int FLOOD_SECONDS = Integer.getInteger("kring.benchmark.flood.seconds", 5);
  static final Duration SLOW = Duration.ofMillis(50);

  /** The core, each turn of it {@link #SLOW} slower. */
  private static Conversation slow(Conversation core) {
    return (Conversation)
        Proxy.newProxyInstance(
            Conversation.class.getClassLoader(),
            new Class<?>[] {Conversation.class},
            (proxy, method, args) -> {
              if (method.getName().equals("say")) {
                Thread.sleep(SLOW.toMillis());
              }
              try {
                return method.invoke(core, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Sends activities at {@code FLOOD_RATE} for {@code seconds}, sorting latencies by answer. */
  private static void flood(
      OpenLoop http,
      String url,
      Supplier<String> body,
      int seconds,
      Histogram ok,
      Histogram refused)
      throws Exception {
    AtomicInteger odd = new AtomicInteger();
    openLoop(
        http,
        url,
        body,
        FLOOD_RATE,
        (long) FLOOD_RATE * seconds,
        (status, micros) -> {
          switch (status) {
            case 200 -> record(ok, micros);
            case 503 -> record(refused, micros);
            default -> odd.incrementAndGet();
          }
        });
    if (odd.get() > 0) {
      throw new AssertionError(odd.get() + " answers were neither 200 nor 503");
    }
  }

  /**
   * Sends {@code RATE} activities a second to {@code url} for {@code length}, and returns the
   * latency of each (microseconds) from the moment it was due to the end of its answer. An activity
   * refused as too many (503, which Teams may send again) is not among them; how many were is
   * printed.
   */
  private static Histogram load(OpenLoop http, String url, Supplier<String> body, Duration length)
      throws Exception {
    Histogram latencies = new Histogram(3);
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long total = length.toMillis() * RATE / 1000;
    openLoop(
        http,
        url,
        body,
        RATE,
        total,
        (status, micros) -> {
          switch (status) {
            case 200 -> record(latencies, micros);
            case 503 -> refused.incrementAndGet();
            default -> failures.incrementAndGet();
          }
        });
    if (failures.get() > 0) {
      throw new AssertionError(failures.get() + " requests failed");
    }
    if (refused.get() > 0) {
      System.out.printf(
          "%s: %d of %d refused as too many (503), not in the percentiles%n",
          url, refused.get(), total);
    }
    return latencies;
  }

  /**
   * Sends {@code total} requests at {@code rate} a second, each when it is due whatever became of
   * the earlier ones ({@link OpenLoop}), and tells {@code answered} each answer's status and its
   * latency in microseconds from the moment it was due; returns once every answer is in.
   */
  private static void openLoop(
      OpenLoop http,
      String url,
      Supplier<String> body,
      int rate,
      long total,
      BiConsumer<Integer, Long> answered) {
    http.run(
        rate,
        total,
        n ->
            new OpenLoop.Request(
                URI.create(url),
                "application/json",
                Map.of(),
                body.get().getBytes(StandardCharsets.UTF_8)),
        answered::accept);
  }

  private static void record(Histogram into, long micros) {
    synchronized (into) {
      into.recordValue(micros);
    }
  }
}
