package kring.family;

import java.time.Duration;
import kring.core.conversation.family.FamilyTokens;
import kring.core.conversation.family.WrongLinkTally;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong family links per client address: after {@link #ALLOWED} wrong ones within {@link #WINDOW},
 * that address is slowed down (every request refused with a polite "wait") until the window is
 * over, and the log says so without the links themselves. The count is kept in a {@link
 * WrongLinkTally}, shared by every node, under a short digest of the address, never the address.
 */
final class WrongLinks {

  private static final Logger LOG = LoggerFactory.getLogger(WrongLinks.class);

  static final int ALLOWED = 10;
  static final Duration WINDOW = Duration.ofMinutes(10);

  /** How many refusals in a row between two log lines about one address. */
  static final int LOG_EVERY = 100;

  private final WrongLinkTally tally;

  WrongLinks(WrongLinkTally tally) {
    this.tally = tally;
  }

  /** How long this address must still wait, or zero when it may try. */
  Duration wait(String address) {
    String client = digest(address);
    WrongLinkTally.Tally count = tally.check(client, ALLOWED);
    if (count.wrong() <= ALLOWED || count.left().isNegative() || count.left().isZero()) {
      return Duration.ZERO;
    }
    if ((count.wrong() - ALLOWED) % LOG_EVERY == 0) {
      LOG.warn(
          "Still slowing down client {} after {} wrong family links in a row",
          client,
          count.wrong());
    }
    return count.left();
  }

  /** A wrong link from this address. */
  void wrong(String address) {
    String client = digest(address);
    if (tally.wrong(client, WINDOW).wrong() == ALLOWED) {
      LOG.warn(
          "Slowing down client {}: {} wrong family links within {} minutes",
          client,
          ALLOWED,
          WINDOW.toMinutes());
    }
  }

  /** A short one-way digest of a client address, so the log tells clients apart without them. */
  static String digest(String address) {
    return FamilyTokens.sha256(address).substring(0, 8);
  }
}
