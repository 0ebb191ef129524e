package kring.core.conversation.family;

import java.time.Duration;

/**
 * How many wrong family links each client brought within a window, one count shared by every node
 * that serves the family page. A client is known here only by a short one-way digest of its
 * address, never by the address.
 */
public interface WrongLinkTally {

  /**
   * A client's count and how long its window still lasts.
   *
   * @param wrong the wrong links (and, once over the allowed number, the refused requests) counted
   *     in the window; zero when the client has no window
   * @param left how long the window still lasts; zero when there is none
   */
  record Tally(long wrong, Duration left) {

    /** A client without a window. */
    public static final Tally NONE = new Tally(0, Duration.ZERO);
  }

  /**
   * The client's count now. When it has reached {@code allowed}, this request is counted too, as
   * one more that was refused; that never makes the window longer.
   */
  Tally check(String client, int allowed);

  /** Counts one wrong link of the client; the first opens a window of {@code window}. */
  Tally wrong(String client, Duration window);
}
