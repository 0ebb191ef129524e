package kring.core.reflection;

import java.util.List;
import java.util.Optional;

/**
 * A closed round: who took part (in partner order, not answering order) and each question's
 * anonymous result.
 *
 * @param tookPart the partners who answered at least one question, ascending
 * @param questions one result per question of the round, in the round's order
 */
public record RoundResult(List<Integer> tookPart, List<QuestionResult> questions) {

  public RoundResult {
    tookPart = List.copyOf(tookPart);
    questions = List.copyOf(questions);
  }

  public Optional<QuestionResult> of(String questionId) {
    return questions.stream().filter(q -> q.questionId().equals(questionId)).findFirst();
  }
}
