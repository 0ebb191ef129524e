package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class InterleavedTest {

  private final List<String> order = new ArrayList<>();

  /** A side that records one latency per run: the warm-up's, then one per round (two runs each). */
  private Interleaved.Side side(String name, long[] latencies) {
    int[] runs = {0};
    return length -> {
      order.add(name);
      Histogram h = new Histogram(3);
      int call = runs[0]++;
      h.recordValue(latencies[Math.min((call + 1) / 2, latencies.length - 1)]);
      return h;
    };
  }

  @Test
  void sidesTakeTurnsInAnOrderThatFlipsEveryRound() throws Exception {
    Interleaved.run(
        side("k", new long[] {1}),
        side("b", new long[] {1}),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        3);

    assertThat(String.join("", order)).isEqualTo("kb" + "bkkb" + "kbbk" + "bkkb");
  }

  @Test
  void reportsTheMedianOfTheRoundsRatiosAndTheirSpread() throws Exception {
    // Warm-up takes the first run of each side; rounds then see 1000, 3000, 1500 against 1000.
    Interleaved.Result result =
        Interleaved.run(
            side("k", new long[] {0, 1000, 3000, 1500}),
            side("b", new long[] {0, 1000, 1000, 1000}),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            3);

    assertThat(result.rounds()).extracting(Interleaved.Round::ratio).hasSize(3);
    assertThat(result.medianRatio()).isBetween(1.49, 1.51);
    assertThat(result.spread()[0]).isBetween(0.99, 1.01);
    assertThat(result.spread()[1]).isBetween(2.99, 3.01);
  }

  @Test
  void countsTheCollectionsDuringASidesStretchesOnThatSide() throws Exception {
    Interleaved.Side collecting =
        length -> {
          System.gc();
          return side("k", new long[] {1}).run(length);
        };
    Interleaved.Result result =
        Interleaved.run(
            collecting, side("b", new long[] {1}), Duration.ofSeconds(1), Duration.ofSeconds(2), 2);

    // Each side runs twice a round; the collecting side asked for a collection each time.
    assertThat(result.rounds())
        .allSatisfy(round -> assertThat(round.kringGc().count()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void warmsUpAgainUntilTheJitCompiledForLessThanItsShareOfAPair() throws Exception {
    // The JIT compiles 5 s during each of Kring's first three stretches, then nothing.
    Interleaved.Result result =
        whileCompiling(stretch -> stretch < 3 ? 5_000 : 0, Duration.ofSeconds(10), 1);

    // Pairs 1 to 3 compiled, pair 4 did not: four pairs of 10 s stretches, then the round.
    assertThat(String.join("", order)).isEqualTo("kbkbkbkb" + "bkkb");
    assertThat(result.warmUp().length()).isEqualTo(Duration.ofSeconds(80));
    assertThat(result.warmUp().settled()).isTrue();
    assertThat(result.warmUp().lastJitMillis()).isZero();
  }

  @Test
  void aJitThatNeverSettlesEndsTheWarmUpAfterItsMostPairsAndSaysSo() throws Exception {
    Interleaved.Result result = whileCompiling(stretch -> 1_000, Duration.ofSeconds(1), 1);

    assertThat(result.warmUp().settled()).isFalse();
    assertThat(result.warmUp().length())
        .isEqualTo(Duration.ofSeconds(2L * Interleaved.MOST_WARM_UPS));
    assertThat(result.warmUp().lastJitMillis()).isEqualTo(1_000);
  }

  @Test
  void countsTheJitsCompilingDuringASidesStretchesOnThatSide() throws Exception {
    Interleaved.Result result = whileCompiling(stretch -> 7, Duration.ofSeconds(1), 2);

    // 7 ms a stretch is below the settled share of a pair of 1 s stretches (40 ms).
    assertThat(result.warmUp().length()).isEqualTo(Duration.ofSeconds(2));
    assertThat(result.rounds()).extracting(Interleaved.Round::kringJitMillis).containsOnly(14L);
    assertThat(result.rounds()).extracting(Interleaved.Round::bareJitMillis).containsOnly(0L);
  }

  /**
   * Runs a benchmark of rounds of 2 s in which the JIT compiles {@code compiles} ms during Kring's
   * n-th stretch (from 0) and nothing during the bare side's.
   */
  private Interleaved.Result whileCompiling(
      java.util.function.IntToLongFunction compiles, Duration warmUp, int rounds) throws Exception {
    long[] compiled = {0};
    int[] stretches = {0};
    Interleaved.Side kring =
        length -> {
          compiled[0] += compiles.applyAsLong(stretches[0]++);
          return side("k", new long[] {1}).run(length);
        };
    return Interleaved.run(
        kring, side("b", new long[] {1}), warmUp, Duration.ofSeconds(2), rounds, () -> compiled[0]);
  }
}
