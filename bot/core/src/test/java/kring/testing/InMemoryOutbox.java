package kring.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.DeliveryPolicy;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;

/**
 * The outbox in memory, with the same contract as the Redis one: due order (time, then id), pace
 * per conversation measured in the callers' {@code now}, leases, policies on recovery, a capped
 * dead-letter list.
 */
public final class InMemoryOutbox implements Outbox {

  private static final int DEAD_LETTERS_KEPT = 1000;
  private static final int MAX_EXAMINED = 1000;
  private static final int RECOVER_BATCH = 1000;

  private record Entry(long at, String id) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::at).thenComparing(Entry::id);

  private final Map<String, OutboundMessage> messages = new HashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final TreeSet<Entry> due = new TreeSet<>(ORDER);
  private final TreeSet<Entry> inflight = new TreeSet<>(ORDER);
  private final Map<String, Long> paceUntil = new HashMap<>();
  private final Deque<DeadLetter> dead = new ArrayDeque<>();
  private final Map<String, Long> prompted = new HashMap<>();

  @Override
  public synchronized void enqueue(OutboundMessage message) {
    if (message.createdAt() == null) {
      throw new IllegalArgumentException("An outbox message needs the time it was written");
    }
    if (messages.containsKey(message.id())) {
      return;
    }
    messages.put(message.id(), message);
    attempts.put(message.id(), 0);
    due.add(new Entry(message.createdAt().toEpochMilli(), message.id()));
  }

  @Override
  public synchronized Set<String> enqueuePrompts(OutboundMessage message, Set<String> promptIds) {
    long now = message.createdAt().toEpochMilli();
    prompted.values().removeIf(at -> at < now - Duration.ofDays(2).toMillis());
    Set<String> before = new java.util.HashSet<>(promptIds);
    before.retainAll(prompted.keySet());
    if (!before.isEmpty()) {
      return before;
    }
    promptIds.forEach(id -> prompted.put(id, now));
    enqueue(message);
    return Set.of();
  }

  @Override
  public synchronized List<Claimed> claim(
      Instant now, int max, Duration lease, Map<Platform, Duration> pace) {
    long nowMs = now.toEpochMilli();
    List<Claimed> taken = new ArrayList<>();
    int examined = 0;
    for (Entry entry : new ArrayList<>(due.headSet(new Entry(nowMs + 1, ""), false))) {
      if (taken.size() >= max || examined >= MAX_EXAMINED) {
        break;
      }
      examined++;
      OutboundMessage message = messages.get(entry.id());
      if (message == null) {
        due.remove(entry);
        continue;
      }
      String conversation = message.to().conversationKey();
      if (paceUntil.getOrDefault(conversation, Long.MIN_VALUE) > nowMs) {
        continue;
      }
      Duration wait = pace.get(message.to().channel().platform());
      if (wait != null && wait.toMillis() > 0) {
        paceUntil.put(conversation, nowMs + wait.toMillis());
      }
      int attempt = attempts.merge(entry.id(), 1, Integer::sum);
      due.remove(entry);
      inflight.add(new Entry(nowMs + lease.toMillis(), entry.id()));
      taken.add(new Claimed(message, attempt));
    }
    return taken;
  }

  @Override
  public synchronized void delivered(String id) {
    forget(id);
  }

  @Override
  public synchronized void retry(String id, Instant at, String reason) {
    if (!messages.containsKey(id)) {
      return;
    }
    inflight.removeIf(e -> e.id().equals(id));
    due.removeIf(e -> e.id().equals(id));
    due.add(new Entry(at.toEpochMilli(), id));
  }

  @Override
  public synchronized Optional<Instant> takePace(String conversation, Instant now, Duration pace) {
    long waitUntil = paceUntil.getOrDefault(conversation, Long.MIN_VALUE);
    if (waitUntil > now.toEpochMilli()) {
      return Optional.of(Instant.ofEpochMilli(waitUntil));
    }
    if (pace.toMillis() > 0) {
      paceUntil.put(conversation, now.toEpochMilli() + pace.toMillis());
    }
    return Optional.empty();
  }

  @Override
  public synchronized void holdConversation(String conversation, Instant now, Instant until) {
    paceUntil.merge(conversation, until.toEpochMilli(), Math::max);
  }

  @Override
  public synchronized void postpone(String id, Instant at) {
    if (messages.containsKey(id)) {
      attempts.merge(id, -1, Integer::sum);
      retry(id, at, "its conversation waits");
    }
  }

  @Override
  public synchronized void abandon(String id, String reason) {
    forget(id);
  }

  @Override
  public synchronized DeadLetter park(String id, String reason, Instant now) {
    OutboundMessage message = messages.get(id);
    if (message == null) {
      throw new IllegalStateException("Outbox message " + id + " is gone; nothing to park");
    }
    DeadLetter letter =
        new DeadLetter(id, message.to(), message.kind(), message.caseCode(), reason, now);
    forget(id);
    dead.addFirst(letter);
    while (dead.size() > DEAD_LETTERS_KEPT) {
      dead.removeLast();
    }
    return letter;
  }

  @Override
  public synchronized int recover(Instant now) {
    int handled = 0;
    List<Entry> expired =
        new ArrayList<>(inflight.headSet(new Entry(now.toEpochMilli() + 1, ""), false));
    for (Entry entry : expired.subList(0, Math.min(expired.size(), RECOVER_BATCH))) {
      inflight.remove(entry);
      OutboundMessage message = messages.get(entry.id());
      if (message == null) {
        continue;
      }
      if (message.policy() == DeliveryPolicy.AT_LEAST_ONCE) {
        due.add(new Entry(now.toEpochMilli(), entry.id()));
      } else {
        forget(entry.id());
      }
      handled++;
    }
    return handled;
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(int max) {
    return dead.stream().limit(Math.max(0, max)).toList();
  }

  @Override
  public synchronized long pending() {
    return due.size() + inflight.size();
  }

  /** Whether the message, with its body, is still kept. */
  public synchronized boolean stores(String id) {
    return messages.containsKey(id);
  }

  private void forget(String id) {
    messages.remove(id);
    attempts.remove(id);
    due.removeIf(e -> e.id().equals(id));
    inflight.removeIf(e -> e.id().equals(id));
  }
}
