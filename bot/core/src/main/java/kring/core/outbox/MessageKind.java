package kring.core.outbox;

/** Why Kring sends a message; each kind declares its delivery policy. */
public enum MessageKind {
  /** The answer to a person's own command, click or form: they are waiting for it. */
  ANSWER(DeliveryPolicy.AT_LEAST_ONCE),
  /** News for the channel that follows from someone's action (a new partner, an agreement). */
  ANNOUNCEMENT(DeliveryPolicy.AT_LEAST_ONCE),
  /** A nudge Kring sends on its own (a reminder, a prompt): better missed once than doubled. */
  REMINDER(DeliveryPolicy.AT_MOST_ONCE),
  /** Tells a coordinator that a message could not be delivered; never itself reported again. */
  DELIVERY_PROBLEM(DeliveryPolicy.AT_LEAST_ONCE);

  private final DeliveryPolicy policy;

  MessageKind(DeliveryPolicy policy) {
    this.policy = policy;
  }

  public DeliveryPolicy policy() {
    return policy;
  }
}
