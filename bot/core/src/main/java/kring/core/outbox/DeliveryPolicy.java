package kring.core.outbox;

/**
 * What happens when a send's outcome is unknown (a timeout after the platform may have accepted
 * it). Neither Slack nor Teams takes an idempotency key, so exactly-once is impossible: each kind
 * of message picks the lesser evil.
 */
public enum DeliveryPolicy {
  /** Never send twice; a message whose outcome is unknown is dropped. For nudges and reminders. */
  AT_MOST_ONCE,
  /** Never lose; a message whose outcome is unknown is sent again. For answers to a person. */
  AT_LEAST_ONCE
}
