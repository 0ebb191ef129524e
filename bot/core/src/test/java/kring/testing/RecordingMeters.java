package kring.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kring.core.identity.Platform;
import kring.core.operations.Meters;

/** Meters that keep every count, so that a test can read what Kring reported. */
public final class RecordingMeters implements Meters {

  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  @Override
  public void delivery(Platform platform, Outcome outcome) {
    counts.merge("delivery " + platform + " " + outcome, 1L, Long::sum);
  }

  @Override
  public void rateLimited(Platform platform) {
    counts.merge("rate-limited " + platform, 1L, Long::sum);
  }

  @Override
  public void takenOver(Work work, int count) {
    counts.merge("taken-over " + work, (long) count, Long::sum);
  }

  /** How many deliveries to this platform ended this way. */
  public long deliveries(Platform platform, Outcome outcome) {
    return counts.getOrDefault("delivery " + platform + " " + outcome, 0L);
  }

  /** How many rate limits this platform answered. */
  public long rateLimits(Platform platform) {
    return counts.getOrDefault("rate-limited " + platform, 0L);
  }

  /** How many pieces of this work were taken over. */
  public long takenOver(Work work) {
    return counts.getOrDefault("taken-over " + work, 0L);
  }
}
