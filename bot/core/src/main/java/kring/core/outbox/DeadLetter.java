package kring.core.outbox;

import java.time.Instant;
import kring.core.cases.CaseCode;

/**
 * What is left of a message that could not be delivered: no body, only what a coordinator needs.
 *
 * @param id the message id
 * @param to where it should have gone
 * @param kind its kind
 * @param caseCode its case, or null
 * @param reason why it failed, in the platform's words
 * @param at when it was given up
 */
public record DeadLetter(
    String id, Recipient to, MessageKind kind, CaseCode caseCode, String reason, Instant at) {}
