package kring.scheduler.planning;

import static kring.scheduler.planning.PlannerTest.BRUSSELS;
import static kring.scheduler.planning.PlannerTest.CODE;
import static kring.scheduler.planning.PlannerTest.local;
import static kring.testing.Samples.partnerUser;
import static kring.testing.Samples.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.Transition;
import kring.core.cases.TransitionKind;
import kring.scheduler.calendar.SchoolCalendar;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/** Reflection rounds before the known transitions partners recorded. */
class TransitionPlannerTest {

  final Planner planner = new Planner(BRUSSELS);

  /** Monday 12 January 2026, when four partners agreed. */
  static final Instant AGREED = local("2026-01-12T09:00");

  static final Instant NOW = local("2026-01-12T09:30");

  static final LocalDate TODAY = LocalDate.of(2026, 1, 12);

  /** Four partners who collaborate: a reflection round every six school weeks. */
  static Case collaborating(CollaborationLevel level) {
    return Samples.activeCase(
        CODE,
        slackChannel("C1"),
        List.of(partnerUser(1), partnerUser(2), partnerUser(3), partnerUser(4)),
        level,
        AGREED);
  }

  /** A collaborating case with one known transition recorded. */
  static Case before(LocalDate on, TransitionKind kind) {
    return with(collaborating(CollaborationLevel.COLLABORATION), on, kind);
  }

  static Case with(Case c, LocalDate on, TransitionKind kind) {
    return c.addTransition(partnerUser(2), new Transition(on, kind, ""), TODAY, NOW);
  }

  /** The one round the case plans next, when it opens. */
  List<Instant> roundsPlanned(Case c, Instant now) {
    return planner.plan(c, now).stream()
        .filter(p -> p.kind() == PromptKind.REFLECTION_OPEN)
        .map(DuePrompt::dueAt)
        .toList();
  }

  @Test
  void withoutATransitionTheRoundFollowsTheRhythm() {
    // Thirty school days after 12 January, the carnival week of 16-20 February not counted.
    assertThat(roundsPlanned(collaborating(CollaborationLevel.COLLABORATION), NOW))
        .containsExactly(local("2026-03-02T10:00"));
  }

  @Test
  void aRoundOpensTenSchoolDaysBeforeATransitionOnASchoolDayWithinTheCasesHours() {
    // Exams on Monday 23 February: ten school days before, the carnival week not counted.
    Case c = before(LocalDate.of(2026, 2, 23), TransitionKind.EXAMS);

    List<Instant> rounds = roundsPlanned(c, NOW);

    assertThat(rounds).containsExactly(local("2026-02-02T10:00"));
    LocalDateTime at = LocalDateTime.ofInstant(rounds.get(0), BRUSSELS);
    SchoolCalendar calendar = planner.calendarOf(c);
    assertThat(calendar.isSchoolDay(at.toLocalDate())).isTrue();
    assertThat(calendar.hours().contains(at.toLocalTime())).isTrue();
    assertThat(planner.preparedTransition(c, rounds.get(0)))
        .map(Transition::kind)
        .contains(TransitionKind.EXAMS);
    assertThat(planner.preparedTransition(c, NOW)).as("six weeks before: not yet").isEmpty();
  }

  @Test
  void aRoundTheRhythmPlansShortlyBeforeATransitionIsNotDoubled() {
    // The rhythm's round of 2 March comes a week before the change of school: it prepares for it.
    Case c = before(LocalDate.of(2026, 3, 9), TransitionKind.SCHOOL_CHANGE);

    List<Instant> rounds = roundsPlanned(c, NOW);

    assertThat(rounds).containsExactly(local("2026-03-02T10:00"));
    assertThat(planner.preparedTransition(c, rounds.get(0)))
        .map(Transition::kind)
        .contains(TransitionKind.SCHOOL_CHANGE);
  }

  @Test
  void aRoundHeldShortlyBeforeATransitionPreparesForItAndTheRhythmGoesOnFromThere() {
    Case c = before(LocalDate.of(2026, 3, 2), TransitionKind.EXAMS);
    assertThat(roundsPlanned(c, NOW)).containsExactly(local("2026-02-09T10:00"));

    Case held = Samples.afterOneRound(c, local("2026-02-09T10:00"));

    // Thirty school days after 9 February; the exams of 2 March have had their round.
    assertThat(roundsPlanned(held, local("2026-02-12T11:00")))
        .containsExactly(local("2026-03-30T10:00"));
  }

  @Test
  void eachTransitionGetsItsRoundUnlessTheyFallCloseTogether() {
    Case c = before(LocalDate.of(2026, 2, 9), TransitionKind.EXAMS);
    c = with(c, LocalDate.of(2026, 2, 12), TransitionKind.CLASS_CHANGE);

    assertThat(roundsPlanned(c, NOW)).containsExactly(local("2026-01-26T10:00"));
    Case held = Samples.afterOneRound(c, local("2026-01-26T10:00"));
    assertThat(roundsPlanned(held, local("2026-01-29T11:00")))
        .as("the class change three days after the exams was prepared for in the same round")
        .containsExactly(local("2026-03-16T10:00"));
  }

  @Test
  void aTransitionTooCloseForARoundToCloseBeforeItGetsNone() {
    // Wednesday 14 January is only two school days away: a round could not close before it.
    Case c = before(LocalDate.of(2026, 1, 14), TransitionKind.CARE_END);

    assertThat(roundsPlanned(c, NOW)).containsExactly(local("2026-03-02T10:00"));
  }

  @Test
  void aTransitionRecordedLateStillGetsItsRoundTheNextSchoolMorning() {
    // Wednesday 21 January is seven school days away: the ten-day moment passed, a round fits.
    Case c = before(LocalDate.of(2026, 1, 21), TransitionKind.EXAMS);

    assertThat(roundsPlanned(c, NOW)).containsExactly(local("2026-01-13T10:00"));
    assertThat(LocalDateTime.ofInstant(local("2026-01-13T10:00"), BRUSSELS).getDayOfWeek())
        .isEqualTo(DayOfWeek.TUESDAY);
  }

  @Test
  void aCaseWithoutReflectionRoundsGetsNoneBeforeTransitionsEither() {
    Case c =
        with(
            collaborating(CollaborationLevel.CONTACT),
            LocalDate.of(2026, 2, 23),
            TransitionKind.EXAMS);

    assertThat(roundsPlanned(c, NOW)).isEmpty();
  }

  @Test
  void countsSchoolDaysBackwardsOverAHoliday() {
    SchoolCalendar calendar = SchoolCalendar.flemish(BRUSSELS);

    assertThat(calendar.minusSchoolDays(LocalDate.of(2026, 2, 23), 10))
        .isEqualTo(LocalDate.of(2026, 2, 2));
    assertThat(calendar.minusSchoolDays(LocalDate.of(2026, 2, 21), 0))
        .as("a Saturday in the carnival holiday: the last school day before it")
        .isEqualTo(LocalDate.of(2026, 2, 13));
  }
}
