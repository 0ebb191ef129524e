package kring.core.reflection;

/**
 * An open answer of a closed round.
 *
 * @param text what was written
 * @param signedBy the partner who chose to sign it, or 0 when it stays unattributed
 */
public record OpenAnswer(String text, int signedBy) {

  public OpenAnswer {
    if (text == null || signedBy < 0) {
      throw new IllegalArgumentException("An open answer has a text");
    }
  }

  public boolean signed() {
    return signedBy > 0;
  }
}
