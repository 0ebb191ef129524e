package kring.core.reflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One reflection round of a case. While open it holds each invited partner's answers, attributed,
 * so they can change them until the deadline and those who did not answer can be reminded. Closing
 * it keeps only who took part and each question's anonymous result ({@link RoundResult}).
 *
 * @param number 1, 2, 3 … within the case
 * @param kind a regular round or the final evaluation
 * @param startedBy the partner who started it and was asked at once (the others are asked through
 *     their own prompts), or 0 when everyone is: the case's rhythm opened it, or it opens only
 *     after a school holiday it would otherwise have run into (the audit trail says who started it)
 * @param openedAt when the partners were asked, or are asked when it opens later
 * @param closesAt the deadline: answers are accepted until just before it
 * @param threshold the anonymity threshold fixed for this round ({@link Anonymity})
 * @param questions what is asked, at most {@link QuestionBank#MAX_QUESTIONS}
 * @param invited the partners asked, by number
 * @param answers the answers so far, while open; empty once closed
 * @param result the anonymous result once closed; null while open
 * @param improvements what the partners agreed to change after this round
 */
public record ReflectionRound(
    int number,
    RoundKind kind,
    int startedBy,
    Instant openedAt,
    Instant closesAt,
    int threshold,
    List<Question> questions,
    List<Integer> invited,
    List<PartnerAnswers> answers,
    RoundResult result,
    List<Improvement> improvements) {

  /** A round keeps at most this many agreed improvements. */
  public static final int IMPROVEMENTS_MAX = 5;

  public ReflectionRound {
    if (number < 1 || kind == null || startedBy < 0) {
      throw new IllegalArgumentException("A round needs a number and a kind");
    }
    if (openedAt == null || closesAt == null || !closesAt.isAfter(openedAt)) {
      throw new IllegalArgumentException("A round opens before it closes");
    }
    new Anonymity(threshold);
    questions = List.copyOf(questions);
    invited = List.copyOf(invited);
    answers = List.copyOf(answers);
    improvements = List.copyOf(improvements);
    if (questions.isEmpty() || questions.size() > QuestionBank.MAX_QUESTIONS) {
      throw new IllegalArgumentException("A round asks 1-" + QuestionBank.MAX_QUESTIONS);
    }
    if (questions.stream().map(Question::id).distinct().count() != questions.size()) {
      throw new IllegalArgumentException("A round asks each question once");
    }
    if (result != null && !answers.isEmpty()) {
      throw new IllegalArgumentException("A closed round keeps no attributed answers");
    }
    if (improvements.size() > IMPROVEMENTS_MAX) {
      throw new IllegalArgumentException("A round keeps at most " + IMPROVEMENTS_MAX + " changes");
    }
    for (PartnerAnswers given : answers) {
      if (!invited.contains(given.partnerSeq())) {
        throw new IllegalArgumentException("Only invited partners answer");
      }
      for (Map.Entry<String, Answer> answer : given.answers().entrySet()) {
        check(questions, answer.getKey(), answer.getValue());
      }
    }
  }

  /** A new round, open for answers until {@code closesAt}. */
  public static ReflectionRound open(
      int number,
      RoundKind kind,
      int startedBy,
      Instant openedAt,
      Instant closesAt,
      Anonymity anonymity,
      List<Question> questions,
      List<Integer> invited) {
    return new ReflectionRound(
        number,
        kind,
        startedBy,
        openedAt,
        closesAt,
        anonymity.threshold(),
        questions,
        invited,
        List.of(),
        null,
        List.of());
  }

  public boolean isOpen() {
    return result == null;
  }

  /**
   * Whether an answer given at {@code now} counts: the round is open, has opened, and is not yet
   * due.
   */
  public boolean acceptsAnswersAt(Instant now) {
    return isOpen() && !now.isBefore(openedAt) && now.isBefore(closesAt);
  }

  /** Whether the round waits for a school holiday to pass: it opens only after {@code now}. */
  public boolean opensAfter(Instant now) {
    return isOpen() && openedAt.isAfter(now);
  }

  public boolean invites(int partnerSeq) {
    return invited.contains(partnerSeq);
  }

  public Optional<PartnerAnswers> answersOf(int partnerSeq) {
    return answers.stream().filter(a -> a.partnerSeq() == partnerSeq).findFirst();
  }

  public Optional<Question> question(String id) {
    return questions.stream().filter(q -> q.id().equals(id)).findFirst();
  }

  /** The invited partners who have not saved any answers yet. */
  public List<Integer> notAnswered() {
    Set<Integer> answered = new HashSet<>();
    answers.forEach(a -> answered.add(a.partnerSeq()));
    return invited.stream().filter(seq -> !answered.contains(seq)).toList();
  }

  public boolean everyoneAnswered() {
    return notAnswered().isEmpty();
  }

  /** This round with a partner's answers, replacing what they saved before. */
  public ReflectionRound withAnswers(PartnerAnswers given) {
    if (!isOpen()) {
      throw new IllegalStateException("Round " + number + " is closed");
    }
    List<PartnerAnswers> next = new ArrayList<>(answers);
    next.removeIf(a -> a.partnerSeq() == given.partnerSeq());
    next.add(given);
    return with(next, null, improvements);
  }

  /**
   * This open round without a partner who asked Kring to forget them: they are no longer invited
   * and their answers are gone.
   */
  public ReflectionRound without(int partnerSeq) {
    if (!isOpen()) {
      throw new IllegalStateException("Round " + number + " is closed; it holds no one's answers");
    }
    List<PartnerAnswers> next = new ArrayList<>(answers);
    next.removeIf(a -> a.partnerSeq() == partnerSeq);
    List<Integer> asked = new ArrayList<>(invited);
    asked.removeIf(seq -> seq == partnerSeq);
    return new ReflectionRound(
        number,
        kind,
        startedBy,
        openedAt,
        closesAt,
        threshold,
        questions,
        asked,
        next,
        null,
        improvements);
  }

  /**
   * The closed round: the answers are replaced by their anonymous result; the link between a
   * partner and their answers is gone. Closing a closed round changes nothing.
   *
   * @param random shuffles the open answers, so their order tells nothing
   */
  public ReflectionRound close(RandomGenerator random) {
    if (!isOpen()) {
      return this;
    }
    return with(List.of(), Aggregation.close(this, random), improvements);
  }

  /** This round with the improvements the partners agreed on. */
  public ReflectionRound withImprovements(List<Improvement> agreed) {
    return with(answers, result, agreed);
  }

  /** The same round with what changes over its life: answers, result and improvements. */
  private ReflectionRound with(
      List<PartnerAnswers> newAnswers, RoundResult newResult, List<Improvement> newImprovements) {
    return new ReflectionRound(
        number,
        kind,
        startedBy,
        openedAt,
        closesAt,
        threshold,
        questions,
        invited,
        newAnswers,
        newResult,
        newImprovements);
  }

  public Anonymity anonymity() {
    return new Anonymity(threshold);
  }

  private static void check(List<Question> questions, String id, Answer answer) {
    Question question =
        questions.stream()
            .filter(q -> q.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No question " + id + " here"));
    if (!question.accepts(answer.value())) {
      throw new IllegalArgumentException("Not an answer to " + id);
    }
    if (answer.signed() && question.type() != AnswerType.OPEN) {
      throw new IllegalArgumentException("Only open answers are signed");
    }
  }

  /** The answers given to one question, for aggregation; package-private on purpose. */
  List<Map.Entry<Integer, Answer>> given(String questionId) {
    List<Map.Entry<Integer, Answer>> given = new ArrayList<>();
    for (PartnerAnswers partner : answers) {
      Answer answer = partner.answers().get(questionId);
      if (answer != null) {
        given.add(Map.entry(partner.partnerSeq(), answer));
      }
    }
    return given;
  }
}
