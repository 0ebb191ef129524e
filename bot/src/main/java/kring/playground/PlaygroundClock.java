package kring.playground;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The core's clock in the playground: real time plus an offset a person can move forward, to watch
 * reminders and check-ins arrive without waiting days. Only ever forward, so nothing planned is
 * skipped or sent twice; the offset lives in memory and starts at zero with every run.
 */
public final class PlaygroundClock extends Clock {

  private final Clock real;
  private final AtomicReference<Duration> offset;

  public PlaygroundClock(Clock real) {
    this(real, new AtomicReference<>(Duration.ZERO));
  }

  private PlaygroundClock(Clock real, AtomicReference<Duration> offset) {
    this.real = real;
    this.offset = offset;
  }

  /** Moves the clock forward. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("The playground clock only moves forward");
    }
    offset.updateAndGet(o -> o.plus(by));
  }

  /** How far ahead of real time the playground is. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return real.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return real.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new PlaygroundClock(real.withZone(zone), offset);
  }
}
