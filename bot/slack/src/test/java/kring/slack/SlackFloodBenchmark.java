package kring.slack;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kring.testing.TestRedis;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Back-pressure, measured: Slack sends more than the work after the acknowledgement can keep up
 * with (each piece of it made slow), into Kring's pool as the application sizes it. What it prints:
 * how fast the acknowledgements were before the flood, how fast the acknowledgements and the
 * refusals (503) are during it, how long the queue grew, and the heap kept after each collection
 * meanwhile. A benchmark, not a test: run it with the command in the README's Performance section
 * and {@code -Dtest=SlackFloodBenchmark}.
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class SlackFloodBenchmark {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int RATE = Integer.getInteger("kring.benchmark.rate", 200);
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("kring.benchmark.seconds", 20));
  static final int WORKERS = Integer.getInteger("kring.benchmark.workers", 8);
  static final Duration SLOW = Duration.ofMillis(Long.getLong("kring.benchmark.slow-ms", 200));

  @Test
  void aFloodOfSlowWorkKeepsTheQueueBoundedAndTheAnswersFast() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (SlackHarness kring = new SlackHarness(redis, WORKERS, SlackWork.QUEUED);
        OpenLoad load = new OpenLoad(RATE, kring.signatures)) {
      load.run(kring.events(), Duration.ofSeconds(5));
      OpenLoad.Result unflooded = load.run(kring.events(), MEASURE.dividedBy(2));
      kring.awaitQuiet(() -> {});
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      kring.slowWork(SLOW);
      AtomicLong heapMost = new AtomicLong();
      ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
      sampling.scheduleAtFixedRate(
          () -> heapMost.accumulateAndGet(keptAfterCollection(), Math::max),
          0,
          50,
          TimeUnit.MILLISECONDS);
      OpenLoad.Result result;
      try {
        result = load.run(kring.events(), MEASURE);
      } finally {
        sampling.shutdownNow();
      }
      int queued = kring.largestQueuedWork();
      kring.slowWork(Duration.ZERO);
      kring.awaitQuiet(() -> {});
      System.gc();
      long heapAfter = memory.getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT,
          "%nFlood: %d requests/s for %d s; %d threads, each piece of work %d ms longer (at most"
              + " %.0f pieces/s); queue bound %d%n",
          RATE,
          MEASURE.toSeconds(),
          WORKERS,
          SLOW.toMillis(),
          WORKERS * 1000.0 / SLOW.toMillis(),
          SlackWork.QUEUED);
      print("before the flood, acknowledged", unflooded.acknowledged());
      print("before the flood, refused (503)", unflooded.refused());
      print("acknowledged", result.acknowledged());
      print("refused (503)", result.refused());
      System.out.printf(
          Locale.ROOT,
          "other answers: %d; longest queue %d; heap in use %.1f MB before, after a collection during"
              + " the flood at most %.1f MB, %.1f MB after; load average %.1f on %d processors%n%n",
          result.failed(),
          queued,
          heapBefore / 1e6,
          heapMost.get() / 1e6,
          heapAfter / 1e6,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** What the heap held after its latest collection: what stays, not what awaits collection. */
  private static long keptAfterCollection() {
    long kept = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      kept += after == null ? 0 : after.getUsed();
    }
    return kept;
  }

  private static void print(String name, Histogram h) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s: %d, in ms p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f",
            name,
            h.getTotalCount(),
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0,
            h.getMaxValue() / 1000.0));
  }
}
