package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.Question;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import org.junit.jupiter.api.Test;

class ReflectionCaseTest {

  static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  static final Instant DEADLINE = NOW.plus(Duration.ofDays(7));
  static final List<Question> QUESTIONS =
      QuestionBank.round(Optional.empty(), Optional.empty(), false);
  static final UserRef ANNA = CaseTest.ANNA;
  static final UserRef BERT = CaseTest.BERT;
  static final UserRef CARO = CaseTest.CARO;
  static final UserRef DIRK = new UserRef(Platform.SLACK, "T1", "UDIRK");

  /** Anna coordinates (interim); Bert and Caro are partners; Dirk follows as informed only. */
  static Case team() {
    Case c = CaseTest.withPartner(CaseTest.started(), BERT, false);
    c = CaseTest.withPartner(c, CARO, false);
    return CaseTest.withPartner(c, DIRK, true);
  }

  static Case started(Case c) {
    return c.startReflection(
        ANNA, RoundKind.REGULAR, QUESTIONS, Anonymity.DEFAULT, NOW, DEADLINE, NOW);
  }

  static Map<String, Answer> scale(String value) {
    return Map.of("info-in-time", new Answer(value, false));
  }

  @Test
  void theCoordinatorStartsARoundThatAsksEveryActingPartner() {
    Case c = started(team());

    ReflectionRound round = c.openReflection().orElseThrow();
    assertThat(round.number()).isEqualTo(1);
    assertThat(round.startedBy()).isEqualTo(1);
    assertThat(round.invited()).containsExactly(1, 2, 3);
    assertThat(c.audit().get(c.audit().size() - 1).event())
        .isEqualTo(AuditEvent.REFLECTION_STARTED);
  }

  @Test
  void aPartnerOrSomeoneOutsideCannotStartOne() {
    for (UserRef who : List.of(BERT, DIRK, new UserRef(Platform.SLACK, "T1", "UX"))) {
      assertThatThrownBy(
              () ->
                  team()
                      .startReflection(
                          who, RoundKind.REGULAR, QUESTIONS, Anonymity.DEFAULT, NOW, DEADLINE, NOW))
          .isInstanceOf(Refusal.class)
          .hasMessage("refusal.reflection.only-coordinator");
    }
  }

  @Test
  void aCaseWithFewerPartnersThanTheThresholdCannotReflectAnonymously() {
    Case two = CaseTest.withPartner(CaseTest.started(), BERT, false);

    assertThatThrownBy(() -> started(two))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.reflection.too-few");
    assertThatThrownBy(
            () ->
                team()
                    .startReflection(
                        ANNA, RoundKind.REGULAR, QUESTIONS, new Anonymity(4), NOW, DEADLINE, NOW))
        .hasMessage("refusal.reflection.too-few");
  }

  @Test
  void oneRoundAtATime() {
    Case c = started(team());

    assertThatThrownBy(() -> started(c)).hasMessage("refusal.reflection.already-open");
  }

  @Test
  void answersCanChangeUntilTheDeadlineAndLateOnesAreRefused() {
    Case c = started(team()).answerReflection(BERT, 1, scale("2"), NOW.plusSeconds(60));
    Case changed = c.answerReflection(BERT, 1, scale("4"), NOW.plusSeconds(120));

    assertThat(changed.openReflection().get().answersOf(2).get().answers()).isEqualTo(scale("4"));
    assertThat(changed.answerReflection(BERT, 1, scale("4"), NOW.plusSeconds(180)))
        .isSameAs(changed);
    assertThat(
            changed.audit().stream().filter(e -> e.event().equals(AuditEvent.REFLECTION_ANSWERED)))
        .hasSize(1);
    assertThatThrownBy(() -> changed.answerReflection(CARO, 1, scale("4"), DEADLINE))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.reflection.closed");
  }

  @Test
  void onlyInvitedPartnersAnswerAndOnlyForThemselves() {
    Case c = started(team());

    assertThatThrownBy(() -> c.answerReflection(DIRK, 1, scale("4"), NOW))
        .hasMessage("refusal.reflection.not-invited");
    assertThatThrownBy(
            () -> c.answerReflection(new UserRef(Platform.SLACK, "T1", "UX"), 1, scale("4"), NOW))
        .hasMessage("refusal.not-a-partner");
    assertThatThrownBy(() -> c.answerReflection(BERT, 7, scale("4"), NOW))
        .hasMessage("refusal.reflection.no-round");
    assertThatThrownBy(() -> c.answerReflection(BERT, 1, scale("9"), NOW))
        .hasMessage("refusal.bad-form");
    Case bert = c.answerReflection(BERT, 1, scale("4"), NOW);
    assertThat(bert.openReflection().get().answers())
        .singleElement()
        .satisfies(a -> assertThat(a.partnerSeq()).isEqualTo(2));
  }

  @Test
  void closingForgetsWhoAnsweredWhatAndRecordsOnlyHowMany() {
    Case c =
        started(team())
            .answerReflection(ANNA, 1, scale("4"), NOW)
            .answerReflection(BERT, 1, scale("5"), NOW)
            .answerReflection(CARO, 1, scale("4"), NOW);

    Case closed = c.closeReflection(1, DEADLINE, new SplittableRandom(1));

    ReflectionRound round = closed.reflections().round(1).orElseThrow();
    assertThat(round.isOpen()).isFalse();
    assertThat(round.answers()).isEmpty();
    assertThat(round.result().tookPart()).containsExactly(1, 2, 3);
    assertThat(closed.openReflection()).isEmpty();
    AuditEntry last = closed.audit().get(closed.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.REFLECTION_CLOSED);
    assertThat(last.args()).containsExactly("1", "3", "3");
    assertThat(closed.closeReflection(1, DEADLINE, new SplittableRandom(2))).isSameAs(closed);
  }

  @Test
  void keepsOnlyTheNewestRounds() {
    Case c = team();
    for (int i = 0; i < Reflections.KEPT + 3; i++) {
      Instant at = NOW.plus(Duration.ofDays(10L * i));
      c =
          c.startReflection(
                  ANNA, RoundKind.REGULAR, QUESTIONS, Anonymity.DEFAULT, at, at.plusSeconds(60), at)
              .closeReflection(i + 1, at.plusSeconds(60), new SplittableRandom(i));
    }

    assertThat(c.reflections().rounds()).hasSize(Reflections.KEPT);
    assertThat(c.reflections().rounds().get(c.reflections().rounds().size() - 1).number())
        .isEqualTo(Reflections.KEPT + 3);
  }

  @Test
  void aClosedCaseStartsNoRound() {
    Case closed = team().close(ANNA, NOW, new SplittableRandom(1));

    assertThatThrownBy(() -> started(closed)).hasMessage("refusal.case-closed");
  }
}
