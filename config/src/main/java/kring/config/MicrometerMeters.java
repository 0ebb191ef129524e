package kring.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import kring.core.identity.Platform;
import kring.core.operations.Meters;

/**
 * Kring's counters in Micrometer. Every counter of every platform, outcome and kind of work is made
 * at start, so that a dashboard sees a zero rather than nothing; no tag ever holds a case or a
 * person.
 */
final class MicrometerMeters implements Meters {

  private final Map<Platform, Map<Outcome, Counter>> deliveries = new EnumMap<>(Platform.class);
  private final Map<Platform, Counter> rateLimits = new EnumMap<>(Platform.class);
  private final Map<Work, Counter> takenOver = new EnumMap<>(Work.class);

  MicrometerMeters(MeterRegistry registry) {
    for (Platform platform : Platform.values()) {
      Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
      for (Outcome outcome : Outcome.values()) {
        byOutcome.put(
            outcome,
            Counter.builder("kring.outbox.deliveries")
                .description("Outbox delivery attempts by platform and what became of them")
                .tag("platform", platform.id())
                .tag("outcome", tag(outcome))
                .register(registry));
      }
      deliveries.put(platform, byOutcome);
      rateLimits.put(
          platform,
          Counter.builder("kring.platform.rate.limits")
              .description("Answers from a platform that Kring sends too fast (HTTP 429)")
              .tag("platform", platform.id())
              .register(registry));
    }
    for (Work work : Work.values()) {
      takenOver.put(
          work,
          Counter.builder("kring.leases.taken.over")
              .description("Work taken over from a node that died or hung before finishing it")
              .tag("work", tag(work))
              .register(registry));
    }
  }

  @Override
  public void delivery(Platform platform, Outcome outcome) {
    deliveries.get(platform).get(outcome).increment();
  }

  @Override
  public void rateLimited(Platform platform) {
    rateLimits.get(platform).increment();
  }

  @Override
  public void takenOver(Work work, int count) {
    takenOver.get(work).increment(count);
  }

  static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
