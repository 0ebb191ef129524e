package kring.core.outbox;

import java.time.Duration;
import java.time.Instant;
import kring.core.cases.CaseCode;

/**
 * What Kring posted for each {@link Place}, so that a later message for it updates the post instead
 * of posting again. A place is kept per case and per conversation (the channel, or one person's
 * private chat); one node at a time shows a place, so two states of it never race.
 */
public interface Places {

  /**
   * A node is about to show {@code version} of a place: it may unless a newer version was shown (an
   * equal one may be shown again: a message delivered twice, or a reminder of the same state).
   *
   * @param conversation the conversation it goes to, as {@link Recipient#conversationKey()} names
   *     it
   * @param lease how long the node may take before another may show the place
   */
  Start start(
      CaseCode code, String place, String conversation, long version, Instant now, Duration lease);

  /**
   * The version was shown: {@code shown} is what the platform calls the post now (null when the
   * platform gave nothing Kring could update, so that a later version is posted anew).
   */
  void shown(CaseCode code, String place, String conversation, long version, Posted shown);

  /** The version was not shown (not delivered now): another may try. */
  void release(CaseCode code, String place, String conversation);

  /** What a node may do with a version of a place. */
  sealed interface Start {

    /** A newer version was shown already, or nothing to retire: this one is dropped. */
    record Stale() implements Start {}

    /** Another node is showing a version now: try again in a moment. */
    record Busy() implements Start {}

    /**
     * Show it: update {@code shown}, or post anew when it is null.
     *
     * @param shown what the platform calls the post of an earlier version, or null
     */
    record Go(Posted shown) implements Start {}
  }

  /** Keeps nothing: every message is posted anew. For tests and tools without a store. */
  Places NONE =
      new Places() {
        @Override
        public Start start(
            CaseCode code,
            String place,
            String conversation,
            long version,
            Instant now,
            Duration lease) {
          return new Start.Go(null);
        }

        @Override
        public void shown(
            CaseCode code, String place, String conversation, long version, Posted shown) {}

        @Override
        public void release(CaseCode code, String place, String conversation) {}
      };
}
