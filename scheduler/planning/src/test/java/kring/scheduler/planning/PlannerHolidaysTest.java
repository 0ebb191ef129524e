package kring.scheduler.planning;

import static kring.scheduler.planning.PlannerTest.BRUSSELS;
import static kring.scheduler.planning.PlannerTest.CODE;
import static kring.scheduler.planning.PlannerTest.local;
import static kring.testing.Samples.partnerUser;
import static kring.testing.Samples.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.core.checkin.CheckInRound;
import kring.scheduler.planning.RoundWindow.Fit;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * The plan around the school holidays of 2026–2027: a check-in that would run into the autumn
 * holiday opens after it or closes before it, and the September check of who is still on the team
 * goes only to cases that existed before the summer holiday.
 */
class PlannerHolidaysTest {

  final Planner planner = new Planner(BRUSSELS);

  static String at(Instant instant) {
    return LocalDateTime.ofInstant(instant, BRUSSELS).toString();
  }

  /** Four partners who agreed at {@code agreed}, with a check-in every school week. */
  static Case weeklyCheckIns(String agreed) {
    Instant at = local(agreed);
    return Samples.activeCase(
            CODE,
            slackChannel("C1"),
            List.of(partnerUser(1), partnerUser(2), partnerUser(3), partnerUser(4)),
            CollaborationLevel.COLLABORATION,
            at)
        .setCadence(partnerUser(1), new Cadence(1, 0), at);
  }

  DuePrompt only(Case c, Instant now, PromptKind kind) {
    List<DuePrompt> found = planner.plan(c, now).stream().filter(p -> p.kind() == kind).toList();
    assertThat(found).as(kind.name()).hasSize(1);
    return found.get(0);
  }

  /**
   * The case with its first check-in opened when the plan made half an hour after agreeing says.
   */
  Case firstCheckInOpened(Case c) {
    Instant open =
        only(c, c.agreements().agreedAt().orElseThrow().plusSeconds(1800), PromptKind.CHECK_IN_OPEN)
            .dueAt();
    return c.openCheckIn(1, open, planner.checkInClosesAt(c, open));
  }

  @Test
  void aCheckInTheRhythmWantsOnTheThursdayBeforeTheAutumnHolidayOpensAfterIt() {
    // Agreed on Thursday 22 October: a week later is Thursday 29 October, one school day before
    // the autumn holiday (2 to 8 November).
    Case opened = firstCheckInOpened(weeklyCheckIns("2026-10-22T09:00"));

    CheckInRound round = opened.activity().checkIn(1).orElseThrow();
    assertThat(at(round.openedAt())).isEqualTo("2026-11-10T10:00");
    assertThat(at(round.closesAt())).isEqualTo("2026-11-17T12:00");
    RoundWindow window = planner.checkInWindow(opened, round);
    assertThat(window.fit()).isEqualTo(Fit.OPENS_AFTER);
    assertThat(window.holiday().name()).isEqualTo("autumn");
  }

  @Test
  void aCheckInWithEnoughSchoolDaysLeftClosesOnTheLastSchoolDayBeforeTheHoliday() {
    // Agreed on Tuesday 20 October: the check-in opens on Tuesday 27 October as the rhythm says.
    Case opened = firstCheckInOpened(weeklyCheckIns("2026-10-20T09:00"));

    CheckInRound round = opened.activity().checkIn(1).orElseThrow();
    assertThat(at(round.openedAt())).isEqualTo("2026-10-27T10:00");
    assertThat(at(round.closesAt())).isEqualTo("2026-10-30T12:00");
    Instant later = local("2026-10-27T10:05");
    assertThat(at(only(opened, later, PromptKind.CHECK_IN_CLOSE).dueAt()))
        .isEqualTo("2026-10-30T12:00");
    // Its one reminder still comes before it closes, on the second school day.
    assertThat(planner.plan(opened, later))
        .filteredOn(p -> p.kind() == PromptKind.CHECK_IN_REMINDER)
        .extracting(p -> at(p.dueAt()))
        .containsOnly("2026-10-29T10:00");
    RoundWindow window = planner.checkInWindow(opened, round);
    assertThat(window.fit()).isEqualTo(Fit.CLOSES_BEFORE);
    assertThat(window.holiday().first()).hasToString("2026-11-02");
  }

  @Test
  void aCheckInThatRunsAsUsualSaysNothingAboutAHoliday() {
    Case opened = firstCheckInOpened(weeklyCheckIns("2026-11-10T09:00"));

    assertThat(planner.checkInWindow(opened, opened.activity().checkIn(1).orElseThrow()).fit())
        .isEqualTo(Fit.USUAL);
  }

  @Test
  void theSeptemberTeamCheckGoesOnlyToCasesThatExistedBeforeTheSummerHoliday() {
    Case june = weeklyCheckIns("2026-06-15T09:00");
    Case lastEvening = weeklyCheckIns("2026-08-31T20:00");
    Case firstDayOfSummer = weeklyCheckIns("2026-07-01T09:00");

    DuePrompt old = only(june, local("2026-08-31T20:00"), PromptKind.TEAM_CHECK);
    assertThat(at(old.dueAt())).isEqualTo("2026-09-01T10:00");
    assertThat(old.round()).isEqualTo(2026);

    for (Case fresh : List.of(lastEvening, firstDayOfSummer)) {
      DuePrompt next = only(fresh, local("2026-08-31T20:30"), PromptKind.TEAM_CHECK);
      assertThat(next.round()).isEqualTo(2027);
      assertThat(at(next.dueAt())).isEqualTo("2027-09-01T10:00");
    }
  }
}
