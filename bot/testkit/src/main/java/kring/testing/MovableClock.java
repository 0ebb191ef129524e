package kring.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test moves by hand, so that time-based rules are tested without waiting. */
public final class MovableClock extends Clock {

  private volatile Instant now;
  private final ZoneId zone;

  public MovableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  /** Sets the time, for tests that share one clock and each start from the same moment. */
  public void set(Instant at) {
    now = at;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MovableClock(now, other);
  }
}
