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
public record CheckInAnswers(int partnerSeq, Instant at, Map<Question, Answer> answers) {

  public CheckInAnswers {
    if (partnerSeq < 1 || at == null) {
      throw new IllegalArgumentException("Answers need a partner and a moment");
    }
    answers = Map.copyOf(answers);
  }
}
