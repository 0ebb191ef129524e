package kring.core.consent;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import kring.core.partners.Role;

/**
 * What a consent covers, as a partner records it: the record, never the evidence. Every text is
 * short on purpose; a purpose is a phrase, not a report.
 *
 * @param givenBy the pupil, the parents, or both
 * @param basis consent, or a legal basis
 * @param basisLabel which legal basis (or a short note on the consent), or empty
 * @param kinds the kinds of information it covers, in their natural order, at least one
 * @param towardsPartners the partners (by number) it allows sharing with
 * @param towardsRoles the roles it allows sharing with, whoever holds them
 * @param purpose what the sharing is for
 * @param informedOn when the person was informed
 * @param validUntil the last day it holds, or null when no end was given
 */
public record ConsentTerms(
    GivenBy givenBy,
    Basis basis,
    String basisLabel,
    List<InfoKind> kinds,
    List<Integer> towardsPartners,
    List<Role> towardsRoles,
    String purpose,
    LocalDate informedOn,
    LocalDate validUntil) {

  /** The longest label of a basis. */
  public static final int LABEL_MAX = 80;

  /** The longest purpose. */
  public static final int PURPOSE_MAX = 200;

  /** The most partners one record names; a case holds at most 40. */
  public static final int PARTNERS_MAX = 40;

  public ConsentTerms {
    if (givenBy == null || basis == null || informedOn == null) {
      throw new IllegalArgumentException("Consent needs who gave it, a basis and a date");
    }
    basisLabel = basisLabel == null ? "" : basisLabel.strip();
    purpose = purpose == null ? "" : purpose.strip();
    if (basisLabel.length() > LABEL_MAX || purpose.isEmpty() || purpose.length() > PURPOSE_MAX) {
      throw new IllegalArgumentException("A consent's label and purpose are short texts");
    }
    if (basis == Basis.LEGAL_BASIS && basisLabel.isEmpty()) {
      throw new IllegalArgumentException("A legal basis says which");
    }
    if (kinds == null || kinds.isEmpty()) {
      throw new IllegalArgumentException("Consent covers at least one kind of information");
    }
    kinds = List.copyOf(EnumSet.copyOf(kinds));
    towardsPartners =
        towardsPartners == null ? List.of() : towardsPartners.stream().distinct().sorted().toList();
    towardsRoles =
        towardsRoles == null || towardsRoles.isEmpty()
            ? List.of()
            : List.copyOf(EnumSet.copyOf(towardsRoles));
    if (towardsPartners.isEmpty() && towardsRoles.isEmpty()) {
      throw new IllegalArgumentException("Consent names partners or roles it allows sharing with");
    }
    if (towardsPartners.size() > PARTNERS_MAX || towardsPartners.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("Consent names partners by their number");
    }
    if (validUntil != null && validUntil.isBefore(informedOn)) {
      throw new IllegalArgumentException("Consent cannot end before the person was informed");
    }
  }
}
