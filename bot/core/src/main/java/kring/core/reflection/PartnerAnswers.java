package kring.core.reflection;

import java.time.Instant;
import java.util.Map;

/**
 * One partner's answers to an open round, kept attributed only while the round is open so that they
 * can change them and be reminded; a question left out was skipped.
 *
 * @param partnerSeq the partner
 * @param at when they last saved their answers
 * @param answers by question id
 */
public record PartnerAnswers(int partnerSeq, Instant at, Map<String, Answer> answers) {

  public PartnerAnswers {
    if (partnerSeq < 1 || at == null) {
      throw new IllegalArgumentException("Answers need a partner and a moment");
    }
    answers = Map.copyOf(answers);
  }
}
