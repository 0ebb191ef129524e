package kring.core.reflection;

import java.util.List;
import java.util.Map;

/**
 * How one question of a closed round was answered, with nothing that tells who answered what.
 *
 * @param questionId the question
 * @param answered how many partners answered it
 * @param counts how many gave each value; empty when too few answered to show it anonymously
 * @param open the open answers that may be shown, in no revealing order
 */
public record QuestionResult(
    String questionId, int answered, Map<String, Integer> counts, List<OpenAnswer> open) {

  public QuestionResult {
    counts = Map.copyOf(counts);
    open = List.copyOf(open);
  }

  /** Whether the distribution can be shown (enough partners answered). */
  public boolean shown() {
    return !counts.isEmpty();
  }

  /** How many gave {@code value}. */
  public int count(String value) {
    return counts.getOrDefault(value, 0);
  }
}
