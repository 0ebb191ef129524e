package kring.core.conversation.family;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrong family links counted in memory, for one node and for tests: for at most {@link #CLIENTS}
 * clients, the longest unseen forgotten first.
 */
public final class MemoryWrongLinkTally implements WrongLinkTally {

  /** The most clients remembered at once. */
  public static final int CLIENTS = 10_000;

  private record Count(Instant ends, long wrong) {}

  private final Clock clock;
  private final Map<String, Count> counts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
          return size() > CLIENTS;
        }
      };

  public MemoryWrongLinkTally(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Tally check(String client, int allowed) {
    Count count = current(client);
    if (count == null) {
      return Tally.NONE;
    }
    if (count.wrong() >= allowed) {
      count = new Count(count.ends(), count.wrong() + 1);
      counts.put(client, count);
    }
    return tally(count);
  }

  @Override
  public synchronized Tally wrong(String client, Duration window) {
    Count count = current(client);
    Count now =
        count == null
            ? new Count(clock.instant().plus(window), 1)
            : new Count(count.ends(), count.wrong() + 1);
    counts.put(client, now);
    return tally(now);
  }

  private Tally tally(Count count) {
    return new Tally(count.wrong(), Duration.between(clock.instant(), count.ends()));
  }

  private Count current(String client) {
    Count count = counts.get(client);
    if (count != null && !clock.instant().isBefore(count.ends())) {
      counts.remove(client);
      return null;
    }
    return count;
  }
}
