package kring.core.operations;

import kring.core.identity.Platform;

/**
 * Counts what Kring's background work does, for an operator's dashboards and alerts. Every value is
 * a platform or a fixed word: nothing that names a case or a person is ever given to it.
 */
public interface Meters {

  /** Counts nothing: for tests and tools that have no one to report to. */
  Meters NONE =
      new Meters() {
        @Override
        public void delivery(Platform platform, Outcome outcome) {}

        @Override
        public void rateLimited(Platform platform) {}

        @Override
        public void takenOver(Work work, int count) {}
      };

  /** What became of one attempt to deliver an outbox message. */
  enum Outcome {
    /** The platform accepted it. */
    DELIVERED,
    /** Not delivered now; it is tried again later. */
    RETRIED,
    /** The outcome is unknown and the message may not be sent twice, so it is dropped. */
    ABANDONED,
    /** Given up for good and kept as a dead letter. */
    PARKED
  }

  /** Work that is leased to one node at a time. */
  enum Work {
    /** Messages in the outbox. */
    OUTBOX,
    /** Scheduled prompts. */
    PROMPTS
  }

  /** One delivery attempt to a platform ended this way. */
  void delivery(Platform platform, Outcome outcome);

  /** A platform answered that Kring sends too fast (HTTP 429). */
  void rateLimited(Platform platform);

  /**
   * A node took over {@code count} pieces of work whose lease ran out (their node died or hung), or
   * that the node which wrote them never handed in.
   */
  void takenOver(Work work, int count);
}
