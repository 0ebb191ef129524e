package kring.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import kring.core.identity.Platform;
import kring.core.outbox.Delivery;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Posted;
import kring.core.outbox.Retraction;

/** A platform that deletes as a test scripted, then says done, and notes every attempt. */
public final class ScriptedDeleter implements Messenger {

  private final Platform platform;

  /** What the next attempts answer, in order; when empty, an attempt is done. */
  public final Deque<Retraction> script = new ArrayDeque<>();

  /** What Kring asked to delete, in order, repeats included. */
  public final List<Posted> attempts = new ArrayList<>();

  public ScriptedDeleter(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Duration pace() {
    return Duration.ZERO;
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    throw new AssertionError("Deleting sends nothing");
  }

  @Override
  public synchronized Retraction retract(Posted posted) {
    attempts.add(posted);
    return script.isEmpty() ? new Retraction.Done() : script.poll();
  }

  /** The ids of what Kring asked to delete, in order. */
  public synchronized List<String> ids() {
    return attempts.stream().map(Posted::id).toList();
  }
}
