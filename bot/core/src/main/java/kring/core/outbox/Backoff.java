package kring.core.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt n+1, a random wait up to 2^(n-1) times the
 * first wait, never more than the longest, never less than half the first.
 *
 * @param first the ceiling of the first wait
 * @param longest the highest ceiling
 */
record Backoff(Duration first, Duration longest) {

  /** How long to wait after {@code attempt} failed. */
  Duration after(int attempt, RandomGenerator jitter) {
    long ceiling = first.toMillis() << Math.min(attempt - 1, 20);
    ceiling = Math.min(ceiling, longest.toMillis());
    long floor = first.toMillis() / 2;
    return Duration.ofMillis(floor + jitter.nextLong(Math.max(1, ceiling - floor)));
  }
}
