package kring.core.checkin;

import java.time.Instant;
import java.util.Map;

/**
 * One partner's answers to an open check-in; kept only while the round is open.
 *
 * @param partnerSeq the partner
 * @param at when they answered (a later answer replaces an earlier one)
 * @param answers by question; a question left out was skipped
 */
public record AnswersGiven(
    int partnerSeq, Instant at, Map<CheckInQuestion, CheckInAnswer> answers) {

  public AnswersGiven {
    if (partnerSeq < 1 || at == null) {
      throw new IllegalArgumentException("Answers need a partner and a moment");
    }
    answers = Map.copyOf(answers);
  }
}
