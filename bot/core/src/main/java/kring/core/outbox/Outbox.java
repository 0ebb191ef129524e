package kring.core.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.identity.Platform;

/**
 * The durable queue of messages Kring sends on its own initiative. A message is written here before
 * anyone is told it is on its way, survives restarts, and loses its body once delivered.
 */
public interface Outbox {

  /** Writes a message, due now. */
  void enqueue(OutboundMessage message);

  /**
   * Writes several messages, each as {@link #enqueue} would; all are written when this returns. A
   * store may send them in one round trip.
   */
  default void enqueueAll(List<OutboundMessage> messages) {
    messages.forEach(this::enqueue);
  }

  /**
   * Writes a message that sends these scheduled prompts (by an id of each sending), unless one of
   * them was written before: a prompt claimed again after the node that first claimed it died is
   * then never sent twice. Sendings are remembered for two days.
   *
   * @return the ids of the prompts written before, in which case nothing was written; empty when
   *     the message was written
   */
  Set<String> enqueuePrompts(OutboundMessage message, Set<String> promptIds);

  /**
   * Writes many messages of scheduled prompts, each as {@link #enqueuePrompts(OutboundMessage,
   * Set)} does; a store may write them in fewer round trips.
   *
   * @return for each message, in order, the ids of its prompts written before (then it was not
   *     written), or an empty set
   */
  default List<Set<String>> enqueuePrompts(List<PromptMessage> messages) {
    return messages.stream().map(m -> enqueuePrompts(m.message(), m.promptIds())).toList();
  }

  /** A message that sends scheduled prompts, with an id of each prompt's sending. */
  record PromptMessage(OutboundMessage message, Set<String> promptIds) {
    public PromptMessage {
      promptIds = Set.copyOf(promptIds);
    }
  }

  /**
   * Takes up to {@code max} due messages for this node, oldest first and those due at the same
   * moment by id, atomically (no two nodes take the same). At most one message per conversation is
   * taken per pace interval of its platform. An at-least-once message comes back by {@link
   * #recover} if the taker does not finish within {@code lease}; an at-most-once message taken and
   * not finished is dropped.
   */
  List<Claimed> claim(Instant now, int max, Duration lease, Map<Platform, Duration> pace);

  /**
   * Like {@link #claim(Instant, int, Duration, Map)}, taking the answers to a person's own action
   * (an {@link MessageKind#ANSWER} to a {@link Recipient#isPrivate private} recipient) before any
   * other due message, each paced by {@code answerPace} of its platform (by {@code pace} when it
   * has none there). A store without such a lane takes them as the others.
   */
  default List<Claimed> claim(
      Instant now,
      int max,
      Duration lease,
      Map<Platform, Duration> pace,
      Map<Platform, Duration> answerPace) {
    return claim(now, max, lease, pace);
  }

  /** The platform accepted the message: forget its body. */
  void delivered(String id);

  /** The message was certainly not delivered, or may be sent again: try again at {@code at}. */
  void retry(String id, Instant at, String reason);

  /**
   * Takes a conversation's pace for one message outside {@link #claim}, for a message that lands in
   * another conversation than its recipient's own (a private message posted in the channel).
   *
   * @param conversation the conversation as {@link Recipient#conversationKey()} names them
   * @return empty when the message may go now (the conversation then waits {@code pace}), else when
   *     it may
   */
  Optional<Instant> takePace(String conversation, Instant now, Duration pace);

  /** The platform asked to wait: nothing goes to this conversation before {@code until}. */
  void holdConversation(String conversation, Instant now, Instant until);

  /** A taken message was not tried because its conversation waits: due again at {@code at}. */
  void postpone(String id, Instant at);

  /** The outcome is unknown and the message may not be sent twice: forget it without retrying. */
  void abandon(String id, String reason);

  /** Give the message up: keep only a dead letter without its body. */
  DeadLetter park(String id, String reason, Instant now);

  /**
   * Handles messages whose taker died: at-least-once ones are due again, at-most-once ones are
   * dropped.
   *
   * @return how many messages were handled
   */
  int recover(Instant now);

  /** The newest dead letters, newest first. */
  List<DeadLetter> deadLetters(int max);

  /** How many messages are waiting or being delivered. */
  long pending();
}
