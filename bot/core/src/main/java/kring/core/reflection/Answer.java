package kring.core.reflection;

/**
 * One partner's answer to one question.
 *
 * @param value the scale value, yes/partly/no, the option id, or the open text
 * @param signed for an open answer, whether its author chose to show their name with it
 */
public record Answer(String value, boolean signed) {

  public Answer {
    if (value == null) {
      throw new IllegalArgumentException("An answer has a value");
    }
  }
}
