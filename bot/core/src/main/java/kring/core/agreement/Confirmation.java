package kring.core.agreement;

import java.time.Instant;

/**
 * A partner's confirmation of one agreement version.
 *
 * @param partnerSeq who confirmed
 * @param at when
 */
public record Confirmation(int partnerSeq, Instant at) {}
