package kring.core.checkin;

import java.util.Map;

/**
 * How a closed check-in round was answered, without who answered what.
 *
 * @param invited how many partners were asked
 * @param answered how many answered
 * @param counts by question, how many gave each answer
 */
public record Tally(
    int invited, int answered, Map<CheckInQuestion, Map<CheckInAnswer, Integer>> counts) {

  public Tally {
    counts = Map.copyOf(counts);
  }
}
