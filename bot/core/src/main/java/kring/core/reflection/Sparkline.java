package kring.core.reflection;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A trend as one line of text, one character per round, that every platform shows: block characters
 * from ▁ (1) to █ (5), and · for a round without a score.
 */
public final class Sparkline {

  static final String LEVELS = "▁▂▃▄▅▆▇█";
  static final char GAP = '·';

  private Sparkline() {}

  /** The sparkline of scores on the 1–5 scale, oldest first. */
  public static String of(List<OptionalDouble> scores) {
    StringBuilder line = new StringBuilder(scores.size());
    for (OptionalDouble score : scores) {
      line.append(score.isPresent() ? level(score.getAsDouble()) : GAP);
    }
    return line.toString();
  }

  /** The character for one score; scores outside 1–5 are held to the ends. */
  static char level(double score) {
    double within = Math.max(1, Math.min(5, score));
    int index = (int) Math.round((within - 1) / 4 * (LEVELS.length() - 1));
    return LEVELS.charAt(index);
  }
}
