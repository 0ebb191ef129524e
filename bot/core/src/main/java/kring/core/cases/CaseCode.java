package kring.core.cases;

import java.util.regex.Pattern;

/** The pseudonymous code Kring gives a case, such as {@code K-7F3Q}; never a name. */
public record CaseCode(String value) {

  /** Letters and digits that cannot be confused with each other (no 0/O, 1/I/L). */
  public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

  private static final Pattern FORMAT = Pattern.compile("K-[" + ALPHABET + "]{4}");

  public CaseCode {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("Not a case code: " + value);
    }
  }

  /** Whether a string is a well-formed case code, for parsing untrusted input. */
  public static boolean isValid(String value) {
    return value != null && FORMAT.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
