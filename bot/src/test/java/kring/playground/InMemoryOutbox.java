package kring.playground;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;

/** An outbox that keeps messages in memory, enough to drive the real relay in a test. */
final class InMemoryOutbox implements Outbox {

  private final Map<String, OutboundMessage> due = new LinkedHashMap<>();
  private final Map<String, OutboundMessage> taken = new HashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final List<DeadLetter> dead = new ArrayList<>();

  @Override
  public synchronized void enqueue(OutboundMessage message) {
    due.put(message.id(), message);
  }

  @Override
  public synchronized List<Claimed> claim(
      Instant now, int max, Duration lease, Map<Platform, Duration> pace) {
    List<Claimed> claimed = new ArrayList<>();
    for (var it = due.values().iterator(); it.hasNext() && claimed.size() < max; ) {
      OutboundMessage message = it.next();
      it.remove();
      taken.put(message.id(), message);
      claimed.add(new Claimed(message, attempts.merge(message.id(), 1, Integer::sum)));
    }
    return claimed;
  }

  @Override
  public synchronized void delivered(String id) {
    taken.remove(id);
  }

  @Override
  public synchronized void retry(String id, Instant at, String reason) {
    // Retries are not due within a test, so the message just waits aside.
    taken.remove(id);
  }

  @Override
  public synchronized void abandon(String id, String reason) {
    taken.remove(id);
  }

  @Override
  public synchronized DeadLetter park(String id, String reason, Instant now) {
    OutboundMessage message = taken.remove(id);
    DeadLetter letter =
        new DeadLetter(id, message.to(), message.kind(), message.caseCode(), reason, now);
    dead.add(0, letter);
    return letter;
  }

  @Override
  public synchronized int recover(Instant now) {
    return 0;
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(int max) {
    return List.copyOf(dead.subList(0, Math.min(max, dead.size())));
  }

  @Override
  public synchronized long pending() {
    return due.size() + taken.size();
  }
}
