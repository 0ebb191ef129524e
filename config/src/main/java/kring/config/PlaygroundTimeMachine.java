package kring.config;

import java.time.Duration;
import java.time.Instant;
import kring.core.conversation.ScheduledPrompts;
import kring.core.outbox.OutboxRelay;
import kring.playground.PlaygroundClock;
import kring.playground.TimeMachine;

/**
 * The playground's time machine: moves the clock in half-hour steps, as the poller would see time
 * pass, and sends and delivers what came due at each step, so every message shows at its moment.
 */
final class PlaygroundTimeMachine implements TimeMachine {

  /** The poller's real period is shorter; half an hour keeps a jump of months quick enough. */
  static final Duration STEP = Duration.ofMinutes(30);

  private final PlaygroundClock clock;
  private final ScheduledPrompts prompts;
  private final OutboxRelay outbox;

  PlaygroundTimeMachine(PlaygroundClock clock, ScheduledPrompts prompts, OutboxRelay outbox) {
    this.clock = clock;
    this.prompts = prompts;
    this.outbox = outbox;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public synchronized Instant advance(Duration by) {
    Duration left = by;
    while (!left.isZero()) {
      Duration step = left.compareTo(STEP) < 0 ? left : STEP;
      clock.advance(step);
      if (prompts.runDue() > 0) {
        outbox.deliverDue();
      }
      left = left.minus(step);
    }
    return clock.instant();
  }
}
