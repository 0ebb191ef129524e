package kring.playground;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import kring.storage.RedisPlaygroundTime;

/**
 * The core's clock in the playground: real time plus an offset a person can move forward, to watch
 * reminders and check-ins arrive without waiting days. The time lives in Redis ({@link
 * RedisPlaygroundTime}): every node reads the same clock, a restart keeps it, and it only ever
 * moves forward, so nothing planned is skipped or sent twice. Every reading asks Redis, so that no
 * node works at a moment another node's clock has already left behind.
 */
public final class PlaygroundClock extends Clock {

  private final RedisPlaygroundTime time;
  private final ZoneId zone;

  public PlaygroundClock(RedisPlaygroundTime time, ZoneId zone) {
    this.time = time;
    this.zone = zone;
  }

  /**
   * Moves the clock forward by {@code by}, on top of wherever it is: a move another node made
   * meanwhile is kept, not overwritten.
   *
   * @return the simulated time after the move
   */
  public Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("The playground clock only moves forward");
    }
    if (!by.isZero()) {
      String id = UUID.randomUUID().toString();
      Duration from = time.offset();
      RedisPlaygroundTime.Step step = time.step(from, from.plus(by), id);
      while (!step.moved()) {
        step = time.step(step.offset(), step.offset().plus(by), id);
      }
    }
    return instant();
  }

  /** How far ahead of real time the playground is. */
  public Duration offset() {
    return time.offset();
  }

  @Override
  public Instant instant() {
    return time.now();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new PlaygroundClock(time, other);
  }
}
