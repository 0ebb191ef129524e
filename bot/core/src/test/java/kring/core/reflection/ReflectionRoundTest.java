package kring.core.reflection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReflectionRoundTest {

  static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant CLOSES = OPENED.plus(Duration.ofDays(7));

  static ReflectionRound round(int partners, Anonymity anonymity) {
    List<Integer> invited = new ArrayList<>();
    for (int seq = 1; seq <= partners; seq++) {
      invited.add(seq);
    }
    return ReflectionRound.open(
        1,
        RoundKind.REGULAR,
        1,
        OPENED,
        CLOSES,
        anonymity,
        QuestionBank.round(Optional.empty(), Optional.empty(), false),
        invited);
  }

  static PartnerAnswers answers(int seq, Map<String, Answer> answers) {
    return new PartnerAnswers(seq, OPENED.plusSeconds(seq), answers);
  }

  static Answer a(String value) {
    return new Answer(value, false);
  }

  @Test
  void showsADistributionOnlyFromThreeAnswers() {
    ReflectionRound round =
        round(5, Anonymity.DEFAULT)
            .withAnswers(answers(1, Map.of("info-in-time", a("4"), "know-can", a("2"))))
            .withAnswers(answers(2, Map.of("info-in-time", a("5"), "know-can", a("3"))))
            .withAnswers(answers(3, Map.of("info-in-time", a("4"))));

    RoundResult result = round.close(new SplittableRandom(1)).result();

    assertThat(result.of("info-in-time").orElseThrow().counts()).isEqualTo(Map.of("4", 2, "5", 1));
    QuestionResult twoOnly = result.of("know-can").orElseThrow();
    assertThat(twoOnly.answered()).isEqualTo(2);
    assertThat(twoOnly.shown()).isFalse();
    assertThat(twoOnly.counts()).isEmpty();
  }

  @Test
  void aHigherThresholdHidesMore() {
    ReflectionRound round = round(5, new Anonymity(4));
    for (int seq = 1; seq <= 3; seq++) {
      round = round.withAnswers(answers(seq, Map.of("info-in-time", a("4"))));
    }

    assertThat(round.close(new SplittableRandom(1)).result().of("info-in-time").get().shown())
        .isFalse();
  }

  @Test
  void theThresholdIsNeverBelowThree() {
    assertThatThrownBy(() -> new Anonymity(2)).hasMessageContaining("3 to 40");
    assertThat(new Anonymity(3).allows(3)).isTrue();
    assertThat(new Anonymity(3).allows(2)).isFalse();
  }

  @Test
  void closingKeepsOnlyWhoTookPartAndDropsTheAttributedAnswers() {
    ReflectionRound round =
        round(4, Anonymity.DEFAULT)
            .withAnswers(answers(3, Map.of("keep", a("the weekly call"))))
            .withAnswers(answers(1, Map.of("info-in-time", a("2"))))
            .withAnswers(answers(2, Map.of()));

    ReflectionRound closed = round.close(new SplittableRandom(3));

    assertThat(closed.isOpen()).isFalse();
    assertThat(closed.answers()).isEmpty();
    assertThat(closed.result().tookPart()).containsExactly(1, 3);
    assertThat(closed.close(new SplittableRandom(4))).isEqualTo(closed);
  }

  @Test
  void unsignedOpenAnswersShowOnlyWhenEnoughWereUnsigned() {
    ReflectionRound round =
        round(4, Anonymity.DEFAULT)
            .withAnswers(answers(1, Map.of("change", new Answer("shorter meetings", true))))
            .withAnswers(answers(2, Map.of("change", a("a fixed contact at school"))))
            .withAnswers(answers(3, Map.of("change", a("answer within two days"))));

    QuestionResult change = round.close(new SplittableRandom(1)).result().of("change").get();

    assertThat(change.answered()).isEqualTo(3);
    assertThat(change.open()).containsExactly(new OpenAnswer("shorter meetings", 1));
  }

  @Test
  void openAnswersComeOutShuffledAndUnattributed() {
    List<String> texts = List.of("alpha", "bravo", "charlie", "delta", "echo");
    ReflectionRound round = round(5, Anonymity.DEFAULT);
    for (int seq = 1; seq <= 5; seq++) {
      round = round.withAnswers(answers(seq, Map.of("keep", a(texts.get(seq - 1)))));
    }
    Set<List<String>> orders = new HashSet<>();
    for (int seed = 0; seed < 30; seed++) {
      QuestionResult keep = round.close(new SplittableRandom(seed)).result().of("keep").get();
      assertThat(keep.open()).allMatch(o -> o.signedBy() == 0);
      orders.add(keep.open().stream().map(OpenAnswer::text).toList());
    }

    assertThat(orders).allMatch(order -> new HashSet<>(order).equals(new HashSet<>(texts)));
    assertThat(orders).hasSizeGreaterThan(10);
  }

  @Test
  void answersCanBeChangedUntilTheDeadline() {
    ReflectionRound round =
        round(3, Anonymity.DEFAULT)
            .withAnswers(answers(2, Map.of("info-in-time", a("1"))))
            .withAnswers(answers(2, Map.of("info-in-time", a("5"))));

    assertThat(round.answers()).hasSize(1);
    assertThat(round.answersOf(2).get().answers().get("info-in-time").value()).isEqualTo("5");
    assertThat(round.notAnswered()).containsExactly(1, 3);
    assertThat(round.acceptsAnswersAt(CLOSES.minusSeconds(1))).isTrue();
    assertThat(round.acceptsAnswersAt(CLOSES)).isFalse();
  }

  @Test
  void refusesAnswersThatDoNotFitTheQuestion() {
    ReflectionRound round = round(3, Anonymity.DEFAULT);

    assertThatThrownBy(() -> round.withAnswers(answers(1, Map.of("info-in-time", a("6")))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> round.withAnswers(answers(1, Map.of("nonsense", a("1")))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> round.withAnswers(answers(9, Map.of("info-in-time", a("1")))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> round.withAnswers(answers(1, Map.of("info-in-time", new Answer("3", true)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> round.withAnswers(answers(1, Map.of("keep", a("x".repeat(501))))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDefaultRoundAsksAtMostEightAcrossEveryTheme() {
    List<Question> questions = QuestionBank.round(Optional.empty(), Optional.empty(), false);

    assertThat(questions).hasSizeLessThanOrEqualTo(QuestionBank.MAX_QUESTIONS);
    assertThat(questions.stream().map(Question::theme).distinct()).hasSize(Theme.values().length);
    assertThat(questions)
        .extracting(Question::id)
        .contains(QuestionBank.GOAL_ACHIEVABLE, QuestionBank.CHANGE)
        .doesNotContain(QuestionBank.IMPROVEMENTS_DONE);
  }

  @Test
  void aFocusAnOwnQuestionAndTheImprovementsCheckStillFitInEight() {
    for (Theme focus : Theme.values()) {
      Question own = Question.own(Theme.TRUST, AnswerType.SCALE, "We laugh together sometimes.");
      List<Question> questions = QuestionBank.round(Optional.of(focus), Optional.of(own), true);

      assertThat(questions).hasSizeLessThanOrEqualTo(QuestionBank.MAX_QUESTIONS);
      assertThat(questions).containsAll(QuestionBank.ofTheme(focus));
      assertThat(questions.get(questions.size() - 1)).isEqualTo(own);
      assertThat(questions).extracting(Question::id).contains(QuestionBank.IMPROVEMENTS_DONE);
    }
  }
}
