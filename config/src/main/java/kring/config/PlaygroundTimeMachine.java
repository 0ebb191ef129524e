package kring.config;

import java.time.Duration;
import java.time.Instant;
import kring.playground.PlaygroundClock;
import kring.playground.PlaygroundLease;
import kring.playground.TimeMachine;

/**
 * The playground's time machine: moves the clock in half-hour steps, as the poller would see time
 * pass, and sends and delivers what came due at each step, so every message shows at its moment. It
 * moves the clock alone: no node's poller runs meanwhile, and a second move, from this node or
 * another, waits until this one is done.
 */
final class PlaygroundTimeMachine implements TimeMachine {

  /** The poller's real period is shorter; half an hour keeps a jump of months quick enough. */
  static final Duration STEP = Duration.ofMinutes(30);

  /** How long a move waits for its turn: longer than the longest move takes. */
  static final Duration PATIENCE = Duration.ofMinutes(3);

  private final PlaygroundClock clock;
  private final PlaygroundLease lease;
  private final Runnable dueWork;

  /**
   * @param dueWork what the nodes' polls would do at each step: send the prompts that came due and
   *     deliver what waits in the outbox, also what people's turns wrote meanwhile
   */
  PlaygroundTimeMachine(PlaygroundClock clock, PlaygroundLease lease, Runnable dueWork) {
    this.clock = clock;
    this.lease = lease;
    this.dueWork = dueWork;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Instant advance(Duration by) {
    return lease.alone(
        PATIENCE,
        hold -> {
          Duration left = by;
          while (!left.isZero()) {
            hold.check();
            Duration step = left.compareTo(STEP) < 0 ? left : STEP;
            clock.advance(step);
            dueWork.run();
            left = left.minus(step);
          }
          return clock.instant();
        });
  }
}
