package kring.config;

import kring.scheduler.clock.Drainer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What each run of a node's background work (the polls the scheduler wakes) passes first: nothing,
 * except in the playground, where a poll does not run while the time machine moves the clock (see
 * {@link PlaygroundConfiguration}).
 */
@FunctionalInterface
interface PollGate {

  /** The work as each run goes through the gate. */
  Runnable around(Runnable work);

  /** A drainer for {@code work}, each run through the gate if there is one. */
  static Drainer drainer(String name, Runnable work, ObjectProvider<PollGate> gate) {
    return new Drainer(name, gate.getIfAvailable(() -> open -> open).around(work));
  }
}
