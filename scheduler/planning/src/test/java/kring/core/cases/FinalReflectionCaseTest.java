package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kring.core.agreement.CollaborationLevel;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.identity.UserRef;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/** The final evaluation: a case closing through its last round. */
class FinalReflectionCaseTest {

  static final Instant NOW = Samples.T0;
  static final Instant DEADLINE = NOW.plus(Duration.ofDays(7));
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final List<UserRef> PEOPLE =
      List.of(Samples.partnerUser(1), Samples.partnerUser(2), Samples.partnerUser(3));
  static final UserRef COORDINATOR = PEOPLE.get(0);

  static Case running() {
    return Samples.activeCase(
        CODE, Samples.slackChannel("C1"), PEOPLE, CollaborationLevel.COLLABORATION, NOW);
  }

  static Case closing() {
    return running()
        .startFinalReflection(
            COORDINATOR, QuestionBank.FINAL, Anonymity.DEFAULT, NOW, DEADLINE, NOW);
  }

  static AuditEntry last(Case c) {
    return c.audit().get(c.audit().size() - 1);
  }

  @Test
  void theFinalQuestionsAreFewAndLookBackOnTheWholeCase() {
    assertThat(QuestionBank.FINAL).hasSizeLessThanOrEqualTo(5);
    assertThat(QuestionBank.FINAL)
        .extracting(q -> q.id())
        .contains("final-goal", "keep", "final-lesson")
        .doesNotContain(QuestionBank.CHANGE, QuestionBank.IMPROVEMENTS_DONE);
  }

  @Test
  void theCoordinatorStartsTheFinalEvaluationAndTheCaseIsClosing() {
    Case c = closing();

    ReflectionRound round = c.openReflection().orElseThrow();
    assertThat(round.kind()).isEqualTo(RoundKind.FINAL);
    assertThat(round.invited()).containsExactly(1, 2, 3);
    assertThat(c.closing()).isTrue();
    assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(running().closing()).isFalse();
  }

  @Test
  void closingTheFinalRoundClosesTheCaseByKringAndKeepsNoAttributedAnswers() {
    Case c =
        closing()
            .answerReflection(
                PEOPLE.get(1), 1, Map.of("final-goal", new Answer("yes", false)), NOW);

    Case closed = c.closeReflection(1, DEADLINE, new SplittableRandom(1));

    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.closing()).isFalse();
    assertThat(closed.reflections().round(1).orElseThrow().answers()).isEmpty();
    assertThat(closed.reflections().round(1).orElseThrow().result().tookPart()).containsExactly(2);
    assertThat(last(closed).event()).isEqualTo(AuditEvent.CASE_CLOSED_FINAL);
    assertThat(last(closed).actorSeq()).isZero();
    assertThat(closed.closeReflection(1, DEADLINE, new SplittableRandom(1))).isSameAs(closed);
  }

  @Test
  void aRegularRoundClosingLeavesTheCaseOpen() {
    Case c =
        running()
            .startReflection(
                COORDINATOR,
                RoundKind.REGULAR,
                QuestionBank.round(java.util.Optional.empty(), java.util.Optional.empty(), false),
                Anonymity.DEFAULT,
                NOW,
                DEADLINE,
                NOW);

    assertThat(c.closing()).isFalse();
    assertThat(c.closeReflection(1, DEADLINE, new SplittableRandom(1)).status())
        .isEqualTo(CaseStatus.ACTIVE);
  }

  @Test
  void closingNowClosesAnOpenRoundWithTheCase() {
    Case c =
        closing()
            .answerReflection(PEOPLE.get(2), 1, Map.of("final-goal", new Answer("no", false)), NOW);

    Case closed = c.close(COORDINATOR, NOW.plusSeconds(60), new SplittableRandom(1));

    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.openReflection()).isEmpty();
    assertThat(closed.reflections().round(1).orElseThrow().answers()).isEmpty();
    assertThat(closed.audit().subList(closed.audit().size() - 2, closed.audit().size()))
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.REFLECTION_CLOSED, AuditEvent.CASE_CLOSED);
    assertThat(last(closed).actorSeq()).isEqualTo(1);
    assertThatThrownBy(() -> closed.close(COORDINATOR, NOW, new SplittableRandom(1)))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.case-closed");
  }

  @Test
  void onlyTheCoordinationStartsAFinalEvaluationOfARunningCase() {
    assertThatThrownBy(
            () ->
                running()
                    .startFinalReflection(
                        PEOPLE.get(1), QuestionBank.FINAL, Anonymity.DEFAULT, NOW, DEADLINE, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.only-coordinator-closes");
    assertThatThrownBy(() -> running().close(PEOPLE.get(2), NOW, new SplittableRandom(1)))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.only-coordinator-closes");
    Case intake = Samples.caseAwaitingConfirmations(CODE, Samples.slackChannel("C1"), 3);
    assertThatThrownBy(
            () ->
                intake.startFinalReflection(
                    Samples.partnerUser(1),
                    QuestionBank.FINAL,
                    Anonymity.DEFAULT,
                    NOW,
                    DEADLINE,
                    NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.final.not-active");
    assertThatThrownBy(
            () ->
                closing()
                    .startFinalReflection(
                        COORDINATOR, QuestionBank.FINAL, Anonymity.DEFAULT, NOW, DEADLINE, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.reflection.already-open");
  }

  @Test
  void noCheckInOpensWhileTheCaseIsClosing() {
    assertThatThrownBy(() -> closing().openCheckIn(1, NOW, DEADLINE))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.closing");
    assertThat(running().openCheckIn(1, NOW, DEADLINE).activity().lastCheckIn()).isPresent();
  }

  @Test
  void aClosingCaseIsPlannedOnlyItsFinalEvaluationsPrompts() {
    Planner planner = new Planner(ZoneId.of("Europe/Brussels"));

    assertThat(planner.plan(running(), NOW))
        .extracting(p -> p.kind())
        .contains(PromptKind.UPDATE_DUE, PromptKind.CHECK_IN_OPEN, PromptKind.REFLECTION_OPEN);
    assertThat(planner.plan(closing(), NOW))
        .extracting(p -> p.kind())
        .containsOnly(
            PromptKind.REFLECTION_CLOSE,
            PromptKind.REFLECTION_INVITE,
            PromptKind.REFLECTION_REMINDER)
        .contains(PromptKind.REFLECTION_CLOSE);
  }

  @Test
  void aCheckInAlreadyOpenStillClosesWhileTheCaseIsClosing() {
    Case c =
        running()
            .openCheckIn(1, NOW, DEADLINE)
            .startFinalReflection(
                COORDINATOR, QuestionBank.FINAL, Anonymity.DEFAULT, NOW, DEADLINE, NOW);

    assertThat(new Planner(ZoneId.of("Europe/Brussels")).plan(c, NOW))
        .extracting(p -> p.kind())
        .contains(PromptKind.CHECK_IN_CLOSE, PromptKind.REFLECTION_CLOSE)
        .doesNotContain(PromptKind.CHECK_IN_OPEN, PromptKind.UPDATE_DUE);
  }

  @Test
  void aCaseThatClosesClosesItsOpenCheckInSoOnlyTotalsStay() {
    Map<CheckInQuestion, CheckInAnswer> yes =
        Map.of(CheckInQuestion.values()[0], CheckInAnswer.YES);
    Case answered =
        running().openCheckIn(1, NOW, DEADLINE).answerCheckIn(PEOPLE.get(1), 1, yes, NOW);

    Case closedNow = answered.close(COORDINATOR, NOW, new SplittableRandom(1));
    Case closing =
        answered.startFinalReflection(
            COORDINATOR, QuestionBank.FINAL, Anonymity.DEFAULT, NOW, DEADLINE, NOW);
    Case closedByFinal =
        closing.closeReflection(
            closing.openReflection().orElseThrow().number(), DEADLINE, new SplittableRandom(1));

    for (Case closed : List.of(closedNow, closedByFinal)) {
      assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
      CheckInRound checkIn = closed.activity().checkIn(1).orElseThrow();
      assertThat(checkIn.open()).isFalse();
      assertThat(checkIn.answers()).isEmpty();
      assertThat(checkIn.tally().answered()).isEqualTo(1);
    }
  }
}
