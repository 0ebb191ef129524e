package kring.core.outbox;

import java.time.Duration;
import kring.core.identity.Platform;

/** Delivers outbox messages to one platform. Implementations never throw; they classify. */
public interface Messenger {

  /** The platform this messenger delivers to. */
  Platform platform();

  /** The shortest time between two messages in one conversation that the platform allows. */
  Duration pace();

  /**
   * The shortest time between two answers to one person's own actions (the private answers a person
   * waits for), where the platform limits them otherwise than other messages; by default {@link
   * #pace()}.
   */
  default Duration answerPace() {
    return pace();
  }

  /**
   * The conversation a message to {@code to} lands in, by which the platform paces and rate-limits:
   * as {@link Recipient#conversationKey()} names them. A platform that posts a private message in
   * the channel (when the person has no private chat with Kring) names the channel.
   */
  default String conversation(Recipient to) {
    return to.conversationKey();
  }

  /**
   * Sends one message and says what happened; a delivered message says what the platform calls what
   * Kring posted, so that it can be deleted with its case.
   */
  Delivery deliver(OutboundMessage message);

  /**
   * Deletes something Kring posted on this platform, as {@link #deliver} reported it. Deleting what
   * is already gone counts as done. A platform that cannot delete says so.
   */
  default Retraction retract(Posted posted) {
    return new Retraction.Impossible("This platform deletes nothing");
  }

  /**
   * Shows a later state of a {@link Place}: updates {@code shown}, the post of an earlier state, to
   * say what {@code message} says (its buttons replaced by the new ones, or gone). When the post is
   * gone (someone deleted it), or the platform cannot update posts, the message is posted anew. A
   * platform that updates says {@link Delivery.Delivered#updated}.
   */
  default Delivery update(Posted shown, OutboundMessage message) {
    return deliver(message);
  }
}
