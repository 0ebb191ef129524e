package kring.core.outbox;

/**
 * A message one node took from the outbox to deliver now.
 *
 * @param message the message
 * @param attempt 1 for the first try, 2 for the first retry …
 */
public record Claimed(OutboundMessage message, int attempt) {}
