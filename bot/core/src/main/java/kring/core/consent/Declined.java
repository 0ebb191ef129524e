package kring.core.consent;

/**
 * A "no" a represented person said themselves on their private page: this kind of information is
 * not to be shared with this partner. Kept so that their next page shows their choice again.
 *
 * @param kind the kind of information
 * @param towardsSeq the partner they said no to
 */
public record Declined(InfoKind kind, int towardsSeq) {

  public Declined {
    if (kind == null || towardsSeq < 1) {
      throw new IllegalArgumentException("A no is about a kind of information and a partner");
    }
  }
}
