package kring.testing;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs a benchmark of Kring and its bare peer the way a skeptic would: both in the same JVM, each
 * warmed up first until the JIT compiler has settled (a node serves for weeks, its code long
 * compiled), then several rounds in which the two take turns (the order flips every round, so a
 * slow moment of the machine does not fall on one side only). Each round yields one ratio of the
 * two p99 latencies; the report is their median and spread, with the machine's load average, the
 * garbage collections and the JIT's compiling during each round, so a figure taken under load or
 * while code was still being compiled says so.
 */
public final class Interleaved {

  /** One measured stretch of load against one side; latencies in microseconds. */
  @FunctionalInterface
  public interface Side {
    Histogram run(Duration length) throws Exception;
  }

  /** The JVM's garbage collections during one side's stretches: how many, and their time. */
  public record Gc(long count, long millis) {

    Gc plus(Gc other) {
      return new Gc(count + other.count, millis + other.millis);
    }

    /** The collections so far, over every collector of this JVM. */
    static Gc sinceStart() {
      long count = 0;
      long millis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      return new Gc(count, millis);
    }

    Gc since(Gc before) {
      return new Gc(count - before.count, millis - before.millis);
    }
  }

  /**
   * One round: both sides' latencies, the garbage collections and the JIT's compile time (ms)
   * during each side's stretches, and the machine's load average around it.
   */
  public record Round(
      Histogram kring,
      Histogram bare,
      Gc kringGc,
      Gc bareGc,
      long kringJitMillis,
      long bareJitMillis,
      double loadBefore,
      double loadAfter) {

    /** Kring's p99 over the bare peer's. */
    public double ratio() {
      return (double) kring.getValueAtPercentile(99) / bare.getValueAtPercentile(99);
    }
  }

  /**
   * How the warm-up went: how long it ran, the JIT's compile time during its last pair of stretches
   * (one per side), and whether that was below {@link #SETTLED} of their length.
   */
  public record WarmUp(Duration length, long lastJitMillis, boolean settled) {}

  /**
   * Every round's figures, and what they say together.
   *
   * @param loadAtStart the machine's load average before the benchmark started (the rounds' own
   *     figures include the benchmark's load)
   */
  public record Result(List<Round> rounds, double loadAtStart, WarmUp warmUp) {

    /** The median of the rounds' p99 ratios. */
    public double medianRatio() {
      double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
      int n = ratios.length;
      return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
    }

    /** The smallest and the largest of the rounds' p99 ratios. */
    public double[] spread() {
      double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
      return new double[] {ratios[0], ratios[ratios.length - 1]};
    }

    /** The highest one-minute load average seen around any round. */
    public double highestLoad() {
      return rounds.stream()
          .mapToDouble(r -> Math.max(r.loadBefore(), r.loadAfter()))
          .max()
          .orElse(-1);
    }
  }

  /** The load average before a run above which the machine counts as loaded, per processor. */
  static final double QUIET_PER_PROCESSOR = 0.5;

  /**
   * The JIT counts as settled once it compiled for less than this share of a warm-up pair's length:
   * on a busy JVM it compiles in bursts of several milliseconds on the same processors, which fall
   * on the latencies of whichever side runs then, and Kring has far more code to compile than its
   * bare peer.
   */
  static final double SETTLED = 0.02;

  /** The most pairs of warm-up stretches before the rounds start, settled or not. */
  static final int MOST_WARM_UPS = 12;

  private Interleaved() {}

  /**
   * Warms both sides up, a stretch of {@code warmUp} each, again until the JIT has settled ({@link
   * #SETTLED}) or {@link #MOST_WARM_UPS} times; then runs {@code rounds} rounds of {@code length}
   * per side, each side's length split in two halves around the other's (ABBA one round, BAAB the
   * next).
   */
  public static Result run(Side kring, Side bare, Duration warmUp, Duration length, int rounds)
      throws Exception {
    return run(kring, bare, warmUp, length, rounds, Interleaved::jitMillis);
  }

  /** The same with the JIT's compile time so far (ms) read from {@code jit}. */
  static Result run(
      Side kring, Side bare, Duration warmUp, Duration length, int rounds, LongSupplier jit)
      throws Exception {
    double atStart = load();
    WarmUp warm = warmUp(kring, bare, warmUp, jit);
    List<Round> done = new ArrayList<>();
    Duration half = length.dividedBy(2);
    for (int r = 0; r < rounds; r++) {
      double before = load();
      Histogram k = new Histogram(3);
      Histogram b = new Histogram(3);
      Side first = r % 2 == 0 ? bare : kring;
      Side second = first == bare ? kring : bare;
      Histogram firstH = first == bare ? b : k;
      Histogram secondH = first == bare ? k : b;
      Gc[] gc = {new Gc(0, 0), new Gc(0, 0)};
      long[] compiled = {0, 0};
      int firstGc = first == bare ? 1 : 0;
      int secondGc = 1 - firstGc;
      firstH.add(timed(first, half, gc, compiled, jit, firstGc));
      secondH.add(timed(second, half, gc, compiled, jit, secondGc));
      secondH.add(timed(second, half, gc, compiled, jit, secondGc));
      firstH.add(timed(first, half, gc, compiled, jit, firstGc));
      done.add(new Round(k, b, gc[0], gc[1], compiled[0], compiled[1], before, load()));
    }
    return new Result(List.copyOf(done), atStart, warm);
  }

  /** Runs pairs of warm-up stretches until the JIT compiled for less than {@link #SETTLED}. */
  private static WarmUp warmUp(Side kring, Side bare, Duration stretch, LongSupplier jit)
      throws Exception {
    long settledBelow = (long) (SETTLED * 2 * stretch.toMillis());
    for (int pairs = 1; ; pairs++) {
      long before = jit.getAsLong();
      kring.run(stretch);
      bare.run(stretch);
      long compiled = jit.getAsLong() - before;
      boolean settled = compiled < settledBelow;
      if (settled || pairs == MOST_WARM_UPS) {
        return new WarmUp(stretch.multipliedBy(2L * pairs), compiled, settled);
      }
    }
  }

  /**
   * Runs one stretch of a side, adding the collections and the JIT's compile time during it to
   * {@code gc[which]} and {@code compiled[which]}.
   */
  private static Histogram timed(
      Side side, Duration length, Gc[] gc, long[] compiled, LongSupplier jit, int which)
      throws Exception {
    Gc before = Gc.sinceStart();
    long jitBefore = jit.getAsLong();
    Histogram h = side.run(length);
    gc[which] = gc[which].plus(Gc.sinceStart().since(before));
    compiled[which] += jit.getAsLong() - jitBefore;
    return h;
  }

  /** The JIT compilers' time so far (ms), or 0 where the JVM does not measure it. */
  static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  /** The machine's one-minute load average, or -1 where the platform does not say. */
  static double load() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os.getSystemLoadAverage();
  }

  /** Prints every round's percentiles (ms), the median ratio, the spread and the load. */
  public static void print(PrintStream out, String kringName, String bareName, Result result) {
    int processors = Runtime.getRuntime().availableProcessors();
    out.printf(
        Locale.ROOT,
        "%n%-6s %-12s %8s %8s %8s %8s %8s %8s %8s %12s %8s%n",
        "round",
        "app",
        "count",
        "p50",
        "p90",
        "p99",
        "p99.9",
        "max",
        "load",
        "gc n/ms",
        "jit ms");
    int i = 1;
    for (Round round : result.rounds()) {
      String load = String.format(Locale.ROOT, "%.1f-%.1f", round.loadBefore(), round.loadAfter());
      line(out, i, bareName, round.bare(), load, round.bareGc(), round.bareJitMillis());
      line(out, i, kringName, round.kring(), load, round.kringGc(), round.kringJitMillis());
      out.printf(Locale.ROOT, "%-6d p99 ratio %.2f%n", i, round.ratio());
      i++;
    }
    double[] spread = result.spread();
    boolean loaded = result.loadAtStart() > QUIET_PER_PROCESSOR * processors;
    WarmUp warm = result.warmUp();
    out.printf(
        Locale.ROOT,
        "p99 %s / %s: median %.2f over %d rounds (spread %.2f-%.2f); load average %.1f before the"
            + " run, up to %.1f during it (its own load included), on %d processors%s%n",
        kringName,
        bareName,
        result.medianRatio(),
        result.rounds().size(),
        spread[0],
        spread[1],
        result.loadAtStart(),
        result.highestLoad(),
        processors,
        loaded ? " (UNDER LOAD: not a quiet machine)" : "");
    out.printf(
        Locale.ROOT,
        "Warm-up: %d s for both sides together; the JIT compiled for %d ms in its last pair of"
            + " stretches (%s)%n%n",
        warm.length().toSeconds(),
        warm.lastJitMillis(),
        warm.settled() ? "settled" : "NOT SETTLED: code was still being compiled");
  }

  private static void line(
      PrintStream out, int round, String name, Histogram h, String load, Gc gc, long jitMillis) {
    out.printf(
        Locale.ROOT,
        "%-6d %-12s %8d %8.2f %8.2f %8.2f %8.2f %8.2f %8s %12s %8d%n",
        round,
        name,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0,
        load,
        gc.count() + "/" + gc.millis(),
        jitMillis);
  }
}
