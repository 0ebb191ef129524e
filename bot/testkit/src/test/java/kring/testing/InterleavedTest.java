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
}
