package kring.core.consent;

import java.time.Instant;
import java.time.LocalDate;
import kring.core.partners.Partner;

/**
 * One consent in a case's register: its terms, who recorded it when, and its withdrawal, if any.
 *
 * @param number its number within the case, from 1
 * @param terms what it covers
 * @param recordedBySeq the partner who recorded it
 * @param recordedAt when
 * @param withdrawal when and by whom it was withdrawn, or null while it stands
 */
public record ConsentRecord(
    int number, ConsentTerms terms, int recordedBySeq, Instant recordedAt, Withdrawal withdrawal) {

  public ConsentRecord {
    if (number < 1 || terms == null || recordedBySeq < 1 || recordedAt == null) {
      throw new IllegalArgumentException("A consent record needs a number, terms and its author");
    }
  }

  public boolean withdrawn() {
    return withdrawal != null;
  }

  /** Whether it holds on {@code today}: not withdrawn and not past its last day. */
  public boolean inForce(LocalDate today) {
    return !withdrawn() && (terms.validUntil() == null || !today.isAfter(terms.validUntil()));
  }

  /** Whether it allows sharing this kind of information with this partner on {@code today}. */
  public boolean covers(InfoKind kind, Partner recipient, LocalDate today) {
    return inForce(today)
        && terms.kinds().contains(kind)
        && (terms.towardsPartners().contains(recipient.seq())
            || (recipient.role() != null && terms.towardsRoles().contains(recipient.role())));
  }

  ConsentRecord withdrawn(Withdrawal by) {
    return new ConsentRecord(number, terms, recordedBySeq, recordedAt, by);
  }
}
