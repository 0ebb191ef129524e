package kring.core.agreement;

/**
 * One line of the role split.
 *
 * @param partnerSeq the partner's number in the case
 * @param does what this partner does
 * @param needs what this partner needs from the others, or empty
 */
public record Task(int partnerSeq, String does, String needs) {

  public Task {
    if (partnerSeq < 1 || does == null || does.isBlank()) {
      throw new IllegalArgumentException("A task needs a partner and what they do");
    }
    needs = needs == null ? "" : needs;
  }
}
