package kring.core.reflection;

import java.util.List;

/**
 * One reflection question: from the bank (its wording in the texts under {@code reflection.q.}), or
 * the coordinator's own question for one case (its wording kept with the round).
 *
 * @param id short and stable, such as {@code goal-achievable}; {@code own} for the coordinator's
 * @param theme the theme it belongs to
 * @param type how it is answered
 * @param options for a choice, the option ids (texts under {@code reflection.q.<id>.<option>})
 * @param ownText the coordinator's wording, or null for a bank question
 */
public record Question(
    String id, Theme theme, AnswerType type, List<String> options, String ownText) {

  /** The id of the coordinator's own question; a round holds at most one. */
  public static final String OWN = "own";

  /** The longest own question a coordinator may write. */
  public static final int OWN_MAX = 200;

  public Question {
    if (id == null || !id.matches("[a-z][a-z0-9-]{0,39}") || theme == null || type == null) {
      throw new IllegalArgumentException("A question needs a short id, a theme and a type");
    }
    options = List.copyOf(options);
    if ((type == AnswerType.CHOICE) == options.isEmpty()) {
      throw new IllegalArgumentException("Only a choice question has options: " + id);
    }
    if ((ownText != null) != id.equals(OWN)) {
      throw new IllegalArgumentException("Only the own question carries its wording: " + id);
    }
    if (ownText != null && (ownText.isBlank() || ownText.length() > OWN_MAX)) {
      throw new IllegalArgumentException("An own question has 1-" + OWN_MAX + " characters");
    }
  }

  /** A question of the bank. */
  static Question bank(String id, Theme theme, AnswerType type, String... options) {
    return new Question(id, theme, type, List.of(options), null);
  }

  /** The coordinator's own question for one case. */
  public static Question own(Theme theme, AnswerType type, String text) {
    if (type == AnswerType.CHOICE) {
      throw new IllegalArgumentException("An own question is a scale, yes/partly/no or open");
    }
    return new Question(OWN, theme, type, List.of(), text.strip());
  }

  public boolean isOwn() {
    return ownText != null;
  }

  /** The text key of the wording of a bank question. */
  public String textKey() {
    return "reflection.q." + id;
  }

  /** The values an answer to this question may take; empty for open questions. */
  public List<String> values() {
    return type == AnswerType.CHOICE ? options : type.fixedValues();
  }

  /** Whether {@code value} is a valid answer here (an open answer: 1-500 characters). */
  public boolean accepts(String value) {
    if (value == null) {
      return false;
    }
    if (type == AnswerType.OPEN) {
      return !value.isBlank()
          && value.length() <= AnswerType.OPEN_MAX
          && value.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n');
    }
    return values().contains(value);
  }
}
