package kring.core.reflection;

/**
 * How many partners must have answered a question before its distribution is shown. Small teams
 * make anonymity fragile, so it is never below {@link #MINIMUM}; an installation may ask for more.
 *
 * @param threshold the least number of answers that are shown, at least 3
 */
public record Anonymity(int threshold) {

  /** Below three answers, anyone in the team could work out who said what. */
  public static final int MINIMUM = 3;

  /** More than a case can hold would hide everything. */
  public static final int MAXIMUM = 40;

  public static final Anonymity DEFAULT = new Anonymity(MINIMUM);

  public Anonymity {
    if (threshold < MINIMUM || threshold > MAXIMUM) {
      throw new IllegalArgumentException(
          "The anonymity threshold is "
              + MINIMUM
              + " to "
              + MAXIMUM
              + " answers, not "
              + threshold);
    }
  }

  /** Whether {@code answers} are enough to show a question's result. */
  public boolean allows(int answers) {
    return answers >= threshold;
  }
}
