package kring.core.reflection;

/**
 * Something the partners agreed to change after a round, taken from a "one thing I would change"
 * answer; the next round asks whether it happened.
 *
 * @param text what they will do differently, at most {@link AnswerType#OPEN_MAX} characters
 * @param agreementVersion the agreement version it became part of, or 0 when the case had no
 *     agreement yet to add it to
 */
public record Improvement(String text, int agreementVersion) {

  public Improvement {
    if (text == null || text.isBlank() || text.length() > AnswerType.OPEN_MAX) {
      throw new IllegalArgumentException("An improvement is a short text");
    }
    if (agreementVersion < 0) {
      throw new IllegalArgumentException("An agreement version is not negative");
    }
  }
}
