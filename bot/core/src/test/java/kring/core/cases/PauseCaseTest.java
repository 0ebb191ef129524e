package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * A pause stops what takes answers as closing the case does: the open check-in keeps only its
 * totals, the open round its anonymous result, a round still waiting for a holiday to pass is
 * withdrawn; and the coordination may close a regular round early so the final evaluation can
 * start.
 */
class PauseCaseTest {

  static final Instant NOW = Samples.T0;
  static final Instant LATER = NOW.plus(Duration.ofDays(1));
  static final Instant DEADLINE = NOW.plus(Duration.ofDays(7));
  static final List<UserRef> PEOPLE =
      List.of(
          Samples.partnerUser(1),
          Samples.partnerUser(2),
          Samples.partnerUser(3),
          Samples.partnerUser(4));
  static final UserRef COORDINATOR = PEOPLE.get(0);
  static final Map<CheckInQuestion, CheckInAnswer> YES =
      Map.of(CheckInQuestion.values()[0], CheckInAnswer.YES);
  static final Map<String, Answer> AGREE =
      Map.of(QuestionBank.GOAL_ACHIEVABLE, new Answer("yes", false));

  static Case running() {
    return Samples.activeCase(
        new CaseCode("K-7F3Q"),
        Samples.slackChannel("C1"),
        PEOPLE,
        CollaborationLevel.COLLABORATION,
        NOW);
  }

  /** A running case with check-in 1 and reflection round 1 open, each answered by partner 2. */
  static Case withOpenRounds() {
    return running()
        .openCheckIn(1, NOW, DEADLINE)
        .answerCheckIn(PEOPLE.get(1), 1, YES, NOW)
        .startReflection(
            COORDINATOR,
            RoundKind.REGULAR,
            QuestionBank.round(Optional.empty(), Optional.empty(), false),
            Anonymity.DEFAULT,
            NOW,
            DEADLINE,
            NOW)
        .answerReflection(PEOPLE.get(1), 1, AGREE, NOW);
  }

  static List<AuditEvent> events(Case c) {
    return c.audit().stream().map(AuditEntry::event).toList();
  }

  @Test
  void pausingClosesTheOpenCheckInAndRoundSoThatOnlyTotalsAndAnonymousResultsStay() {
    Case paused = withOpenRounds().pause(COORDINATOR, LATER, new SplittableRandom(1));

    assertThat(paused.paused()).isTrue();
    CheckInRound checkIn = paused.activity().checkIn(1).orElseThrow();
    assertThat(checkIn.open()).isFalse();
    assertThat(checkIn.answers()).isEmpty();
    assertThat(checkIn.tally().answered()).isEqualTo(1);
    ReflectionRound round = paused.reflections().round(1).orElseThrow();
    assertThat(round.isOpen()).isFalse();
    assertThat(round.answers()).isEmpty();
    assertThat(round.result().tookPart()).hasSize(1);
    assertThat(paused.openReflection()).isEmpty();
    assertThat(events(paused))
        .endsWith(AuditEvent.CHECK_IN_CLOSED, AuditEvent.REFLECTION_CLOSED, AuditEvent.CASE_PAUSED)
        .containsOnlyOnce(AuditEvent.CASE_PAUSED);
  }

  @Test
  void aPauseClosesWhatClosingTheCaseWouldCloseInTheSameWay() {
    Case open = withOpenRounds();
    SplittableRandom random = new SplittableRandom(3);

    Case paused = open.pause(COORDINATOR, LATER, new SplittableRandom(3));
    Case closed = open.close(COORDINATOR, LATER, random);

    assertThat(paused.activity().checkIns()).isEqualTo(closed.activity().checkIns());
    assertThat(paused.reflections().rounds()).isEqualTo(closed.reflections().rounds());
  }

  @Test
  void aPauseOfARunningCaseWithNothingOpenOnlyPauses() {
    Case c = running();

    Case paused = c.pause(COORDINATOR, LATER, new SplittableRandom(1));

    assertThat(paused.activity()).isEqualTo(c.activity());
    assertThat(paused.reflections().rounds()).isEqualTo(c.reflections().rounds());
    assertThat(events(paused)).endsWith(AuditEvent.CASE_PAUSED);
    assertThat(paused.pause(COORDINATOR, LATER, new SplittableRandom(1))).isSameAs(paused);
  }

  @Test
  void aRoundThatWaitsForAHolidayIsWithdrawnRatherThanClosed() {
    Instant afterHoliday = NOW.plus(Duration.ofDays(14));
    Case waiting =
        running()
            .startReflection(
                COORDINATOR,
                RoundKind.REGULAR,
                QuestionBank.round(Optional.empty(), Optional.empty(), false),
                Anonymity.DEFAULT,
                afterHoliday,
                afterHoliday.plus(Duration.ofDays(7)),
                NOW);
    ReflectionRound round = waiting.openReflection().orElseThrow();
    assertThat(round.opensAfter(LATER)).isTrue();
    assertThat(round.acceptsAnswersAt(LATER)).isFalse();
    // Nobody was asked yet: its partners are asked through their own prompts when it opens.
    assertThat(round.startedBy()).isZero();
    assertThatThrownBy(() -> waiting.answerReflection(PEOPLE.get(1), 1, AGREE, LATER))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("not-open-yet");

    for (Case stopped :
        List.of(
            waiting.pause(COORDINATOR, LATER, new SplittableRandom(1)),
            waiting.close(COORDINATOR, LATER, new SplittableRandom(1)),
            waiting.closeReflectionEarly(COORDINATOR, 1, LATER, new SplittableRandom(1)))) {
      assertThat(stopped.reflections().rounds()).isEmpty();
      assertThat(events(stopped))
          .contains(AuditEvent.REFLECTION_WITHDRAWN)
          .doesNotContain(AuditEvent.REFLECTION_CLOSED);
    }
  }

  @Test
  void aClosingCaseIsNotPausedForThatWouldCloseIt() {
    Case closing =
        running()
            .startFinalReflection(
                COORDINATOR, QuestionBank.FINAL, Anonymity.DEFAULT, NOW, DEADLINE, NOW);

    assertThatThrownBy(() -> closing.pause(COORDINATOR, LATER, new SplittableRandom(1)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("refusal.pause-closing");
  }

  @Test
  void onlyTheCoordinationClosesARegularRoundEarlyAndNotTheFinalEvaluation() {
    Case open = withOpenRounds();

    assertThatThrownBy(
            () -> open.closeReflectionEarly(PEOPLE.get(1), 1, LATER, new SplittableRandom(1)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("only-coordinator-closes");
    Case closed = open.closeReflectionEarly(COORDINATOR, 1, LATER, new SplittableRandom(1));
    ReflectionRound round = closed.reflections().round(1).orElseThrow();
    assertThat(round.isOpen()).isFalse();
    assertThat(round.answers()).isEmpty();
    AuditEntry last = closed.audit().get(closed.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.REFLECTION_CLOSED);
    assertThat(last.actorSeq()).isEqualTo(1);
    assertThat(closed.activity().checkIn(1).orElseThrow().open())
        .as("the check-in runs on")
        .isTrue();
    assertThat(closed.closeReflectionEarly(COORDINATOR, 1, LATER, new SplittableRandom(1)))
        .isSameAs(closed);

    Case closing =
        closed.startFinalReflection(
            COORDINATOR, QuestionBank.FINAL, Anonymity.DEFAULT, LATER, DEADLINE, LATER);
    assertThatThrownBy(
            () -> closing.closeReflectionEarly(COORDINATOR, 2, LATER, new SplittableRandom(1)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("refusal.closing");
  }
}
