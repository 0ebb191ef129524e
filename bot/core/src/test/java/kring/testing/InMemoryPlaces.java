package kring.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kring.core.cases.CaseCode;
import kring.core.outbox.Places;
import kring.core.outbox.Posted;

/** Places kept in memory, with the leases and versions the Redis store keeps. */
public final class InMemoryPlaces implements Places {

  private record Entry(long shown, Instant busyUntil, Posted post) {}

  private final Map<String, Entry> entries = new HashMap<>();

  @Override
  public synchronized Start start(
      CaseCode code, String place, String conversation, long version, Instant now, Duration lease) {
    String key = key(code, place, conversation);
    Entry entry = entries.getOrDefault(key, new Entry(-1, Instant.MIN, null));
    if (entry.shown() > version) {
      return new Start.Stale();
    }
    if (entry.busyUntil().isAfter(now)) {
      return new Start.Busy();
    }
    entries.put(key, new Entry(entry.shown(), now.plus(lease), entry.post()));
    return new Start.Go(entry.post());
  }

  @Override
  public synchronized void shown(
      CaseCode code, String place, String conversation, long version, Posted shown) {
    String key = key(code, place, conversation);
    Entry entry = entries.getOrDefault(key, new Entry(-1, Instant.MIN, null));
    entries.put(
        key,
        version >= entry.shown()
            ? new Entry(version, Instant.MIN, shown)
            : new Entry(entry.shown(), Instant.MIN, entry.post()));
  }

  @Override
  public synchronized void release(CaseCode code, String place, String conversation) {
    String key = key(code, place, conversation);
    Entry entry = entries.get(key);
    if (entry != null) {
      entries.put(key, new Entry(entry.shown(), Instant.MIN, entry.post()));
    }
  }

  /** What shows a place now, or null. */
  public synchronized Posted post(CaseCode code, String place, String conversation) {
    Entry entry = entries.get(key(code, place, conversation));
    return entry == null ? null : entry.post();
  }

  private static String key(CaseCode code, String place, String conversation) {
    return code.value() + " " + place + " " + conversation;
  }
}
