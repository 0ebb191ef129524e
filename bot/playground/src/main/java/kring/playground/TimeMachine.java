package kring.playground;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves the playground's time forward the way the real clock would pass: in steps, running the
 * scheduler's poller at each, so every prompt due on the way goes out at its own moment.
 */
public interface TimeMachine {

  /** The playground's current time. */
  Instant now();

  /** Moves time forward and sends what came due on the way; returns the new time. */
  Instant advance(Duration by);
}
