package kring.core.partners;

/**
 * A "no" a represented person said themselves on their private page: this kind of information is
 * not to be shared with this partner. Kept so that their next page shows their choice again.
 *
 * @param kind the name of the kind of information (a {@code kring.core.consent.InfoKind}; by name,
 *     so that partners do not depend on consent, which depends on them)
 * @param towardsSeq the partner they said no to
 */
public record Declined(String kind, int towardsSeq) {

  public Declined {
    if (kind == null || kind.isBlank() || towardsSeq < 1) {
      throw new IllegalArgumentException("A no is about a kind of information and a partner");
    }
  }
}
