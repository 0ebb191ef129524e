package kring.core.reflection;

import java.util.List;
import java.util.OptionalDouble;

/** How a question is answered; each type knows its valid values and how they score. */
public enum AnswerType {
  /** 1 (not at all) to 5 (fully). */
  SCALE(List.of("1", "2", "3", "4", "5")),
  /** Yes, partly or no; scored 5, 3 and 1 so that themes compare with the scale. */
  YES_PARTLY_NO(List.of("yes", "partly", "no")),
  /** One of the question's own options; not scored. */
  CHOICE(List.of()),
  /** A short text; never scored, shown only unattributed (or signed by its author). */
  OPEN(List.of());

  /** The longest open answer Kring keeps; a reflection answer is a sentence or two. */
  public static final int OPEN_MAX = 500;

  private final List<String> values;

  AnswerType(List<String> values) {
    this.values = values;
  }

  /** The fixed values of this type, in the order they are shown; empty for choice and open. */
  public List<String> fixedValues() {
    return values;
  }

  /** The score of a value on the 1–5 scale, if this type is scored. */
  public OptionalDouble score(String value) {
    return switch (this) {
      case SCALE -> OptionalDouble.of(Integer.parseInt(value));
      case YES_PARTLY_NO ->
          OptionalDouble.of(
              switch (value) {
                case "yes" -> 5;
                case "partly" -> 3;
                default -> 1;
              });
      case CHOICE, OPEN -> OptionalDouble.empty();
    };
  }

  public boolean scored() {
    return this == SCALE || this == YES_PARTLY_NO;
  }
}
