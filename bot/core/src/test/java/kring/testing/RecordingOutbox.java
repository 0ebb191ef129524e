package kring.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;

/** An outbox that only records what was written, for tests of what Kring says. */
public final class RecordingOutbox implements Outbox {

  private final List<OutboundMessage> written = new ArrayList<>();

  @Override
  public synchronized void enqueue(OutboundMessage message) {
    written.add(message);
  }

  private final Set<String> prompted = new java.util.HashSet<>();

  /** Records the message unless one of its prompts was recorded before, like a real outbox. */
  @Override
  public synchronized Set<String> enqueuePrompts(OutboundMessage message, Set<String> promptIds) {
    Set<String> before = new java.util.HashSet<>(promptIds);
    before.retainAll(prompted);
    if (before.isEmpty()) {
      prompted.addAll(promptIds);
      written.add(message);
    }
    return before;
  }

  public synchronized List<OutboundMessage> messages() {
    return List.copyOf(written);
  }

  public synchronized void clear() {
    written.clear();
  }

  /** What was written since the last time, forgotten here once taken. */
  public synchronized List<OutboundMessage> take() {
    List<OutboundMessage> taken = List.copyOf(written);
    written.clear();
    return taken;
  }

  @Override
  public List<Claimed> claim(Instant now, int max, Duration lease, Map<Platform, Duration> pace) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public void delivered(String id) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public void retry(String id, Instant at, String reason) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public Optional<Instant> takePace(String conversation, Instant now, Duration pace) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public void holdConversation(String conversation, Instant now, Instant until) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public void postpone(String id, Instant at) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public void abandon(String id, String reason) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public DeadLetter park(String id, String reason, Instant now) {
    throw new UnsupportedOperationException("a recording outbox delivers nothing");
  }

  @Override
  public int recover(Instant now) {
    return 0;
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    return List.of();
  }

  @Override
  public synchronized long pending() {
    return written.size();
  }
}
