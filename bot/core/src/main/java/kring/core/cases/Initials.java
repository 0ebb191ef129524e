package kring.core.cases;

import java.util.Optional;
import java.util.regex.Pattern;

/** At most three initials of the pupil, if the partners want them: {@code AB}, never a name. */
public record Initials(String value) {

  private static final Pattern CAPITALS = Pattern.compile("[A-Z]{1,3}");
  private static final Pattern SEPARATED = Pattern.compile("(\\p{L}[. ]\\s*){1,3}");

  public Initials {
    if (value == null || !CAPITALS.matcher(value).matches()) {
      throw new IllegalArgumentException("Initials are 1-3 capital letters");
    }
  }

  /**
   * Reads what a person typed: {@code AB}, {@code A.B.} or {@code a. b.}; refuses anything that
   * could be a name, such as {@code Bob} or {@code Anna}.
   */
  public static Optional<Initials> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String text = typed.strip();
    if (CAPITALS.matcher(text).matches()) {
      return Optional.of(new Initials(text));
    }
    if (SEPARATED.matcher(text + " ").matches()) {
      String letters = text.replaceAll("[^\\p{L}]", "").toUpperCase(java.util.Locale.ROOT);
      if (CAPITALS.matcher(letters).matches()) {
        return Optional.of(new Initials(letters));
      }
    }
    return Optional.empty();
  }
}
