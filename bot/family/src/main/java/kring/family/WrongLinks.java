package kring.family;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kring.core.conversation.family.FamilyTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts wrong family links per client address: after {@link #ALLOWED} wrong ones within {@link
 * #WINDOW}, that address is slowed down (every request refused with a polite "wait") until the
 * window is over, and the log says so without the links themselves. Kept in memory, for at most
 * {@link #ADDRESSES} addresses, the oldest forgotten first.
 */
final class WrongLinks {

  private static final Logger LOG = LoggerFactory.getLogger(WrongLinks.class);

  static final int ALLOWED = 10;
  static final Duration WINDOW = Duration.ofMinutes(10);
  static final int ADDRESSES = 10_000;

  /** How many refusals in a row between two log lines about one address. */
  static final int LOG_EVERY = 100;

  private record Count(Instant since, int wrong) {}

  private final Clock clock;
  private final Map<String, Count> counts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
          return size() > ADDRESSES;
        }
      };

  WrongLinks(Clock clock) {
    this.clock = clock;
  }

  /** How long this address must still wait, or zero when it may try. */
  synchronized Duration wait(String address) {
    Count count = current(address);
    if (count == null || count.wrong() < ALLOWED) {
      return Duration.ZERO;
    }
    int wrong = count.wrong() + 1;
    counts.put(address, new Count(count.since(), wrong));
    if ((wrong - ALLOWED) % LOG_EVERY == 0) {
      LOG.warn(
          "Still slowing down client {} after {} wrong family links in a row",
          digest(address),
          wrong);
    }
    return Duration.between(clock.instant(), count.since().plus(WINDOW));
  }

  /** A wrong link from this address. */
  synchronized void wrong(String address) {
    Count count = current(address);
    Count now =
        count == null ? new Count(clock.instant(), 1) : new Count(count.since(), count.wrong() + 1);
    counts.put(address, now);
    if (now.wrong() == ALLOWED) {
      LOG.warn(
          "Slowing down client {}: {} wrong family links within {} minutes",
          digest(address),
          ALLOWED,
          WINDOW.toMinutes());
    }
  }

  private Count current(String address) {
    Count count = counts.get(address);
    if (count != null && !clock.instant().isBefore(count.since().plus(WINDOW))) {
      counts.remove(address);
      return null;
    }
    return count;
  }

  /** A short one-way digest of a client address, so the log tells clients apart without them. */
  static String digest(String address) {
    return FamilyTokens.sha256(address).substring(0, 8);
  }
}
