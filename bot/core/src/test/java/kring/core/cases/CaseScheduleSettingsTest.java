package kring.core.cases;

import static kring.core.cases.CaseTest.ANNA;
import static kring.core.cases.CaseTest.BERT;
import static kring.core.cases.CaseTest.CARO;
import static kring.core.cases.CaseTest.NOW;
import static kring.core.cases.CaseTest.started;
import static kring.core.cases.CaseTest.withPartner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.EvaluationPlan;
import kring.core.agreement.Task;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseScheduleSettingsTest {

  /** Monday 30 November 2026, the day of {@link CaseTest#NOW}. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  static final UserRef TEA = new UserRef(Platform.SLACK, "T1", "UTEA");
  static final WorkingHours NINE_TO_FOUR =
      new WorkingHours(LocalTime.of(9, 0), LocalTime.of(16, 0));

  static Case join(Case c, UserRef user, Sector sector, Role role, boolean informedOnly) {
    return c.askToJoin(new JoinRequest(user, user.user(), null, sector, role, informedOnly, NOW))
        .acceptJoin(ANNA, user, NOW);
  }

  /** Anna, a NAFT coach, coordinates; Bert is a crisis worker: nobody from a school or the CLB. */
  static Case youthCareOnly() {
    Case c = started().introduce(ANNA, "Anna", "NAFT", Sector.YOUTH_CARE, Role.NAFT_COACH, NOW);
    return join(c, BERT, Sector.YOUTH_CARE, Role.CRISIS_WORKER, false);
  }

  @Test
  void theCoordinatorSetsTheCaseHoursOnceAndAPartnerCannot() {
    Case c = withPartner(started(), BERT, false);

    Case set = c.setHours(ANNA, NINE_TO_FOUR, NOW);

    assertThat(set.settings().hours()).isEqualTo(NINE_TO_FOUR);
    assertThat(set.audit().get(set.audit().size() - 1))
        .isEqualTo(new AuditEntry(NOW, 1, AuditEvent.HOURS_SET, List.of("09:00", "16:00")));
    assertThat(set.setHours(ANNA, NINE_TO_FOUR, NOW)).isSameAs(set);
    assertThatThrownBy(() -> c.setHours(BERT, NINE_TO_FOUR, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.only-coordinator-schedules");
  }

  @Test
  void aSchoolPartnerAddsAFreeDayOnceAndTheAuditSaysWhichDay() {
    Case c = join(started(), TEA, Sector.EDUCATION, Role.TEACHER, false);
    LocalDate monday = LocalDate.of(2026, 12, 7);

    Case added = c.addFreeDay(TEA, monday, TODAY, NOW);

    assertThat(added.settings().freeDays()).containsExactly(monday);
    assertThat(added.audit().get(added.audit().size() - 1).event())
        .isEqualTo(AuditEvent.FREE_DAY_ADDED);
    assertThat(added.audit().get(added.audit().size() - 1).args()).containsExactly("2026-12-07");
    assertThat(added.addFreeDay(TEA, monday, TODAY, NOW)).isSameAs(added);
    Case removed = added.removeFreeDay(TEA, monday, NOW);
    assertThat(removed.settings().freeDays()).isEmpty();
    assertThat(removed.removeFreeDay(TEA, monday, NOW)).isSameAs(removed);
  }

  @Test
  void aClbPartnerAnInformedOnlyTeacherOrANonMemberCannotTouchFreeDays() {
    Case c = join(withPartner(started(), BERT, false), TEA, Sector.EDUCATION, Role.TEACHER, true);
    LocalDate monday = LocalDate.of(2026, 12, 7);

    for (UserRef who : List.of(BERT, TEA, CARO)) {
      assertThatThrownBy(() -> c.addFreeDay(who, monday, TODAY, NOW))
          .as(who.user())
          .isInstanceOf(Refusal.class)
          .hasMessage("refusal.free-day-who");
    }
    Case added = c.addFreeDay(ANNA, monday, TODAY, NOW);
    assertThatThrownBy(() -> added.removeFreeDay(BERT, monday, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.free-day-who");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2026-12-05, a Saturday, refusal.free-day-not-school-day",
    "2026-12-22, in the Christmas holidays, refusal.free-day-not-school-day",
    "2027-05-06, Ascension Day, refusal.free-day-not-school-day",
    "2026-11-27, last Friday, refusal.free-day-when",
    "2028-09-01, the school year after next, refusal.free-day-when",
  })
  void onlySchoolDaysFromTodayToTheEndOfNextSchoolYearCanBeFreeDays(
      LocalDate day, String what, String refusal) {
    assertThatThrownBy(() -> started().addFreeDay(ANNA, day, TODAY, NOW)).hasMessage(refusal);
  }

  @Test
  void todayAndTheLastSchoolDayOfNextSchoolYearCanBeFreeDays() {
    assertThat(started().addFreeDay(ANNA, TODAY, TODAY, NOW).settings().freeDays())
        .containsExactly(TODAY);
    LocalDate lastOfNextYear = LocalDate.of(2028, 6, 30);
    assertThat(started().addFreeDay(ANNA, lastOfNextYear, TODAY, NOW).settings().freeDays())
        .containsExactly(lastOfNextYear);
  }

  @Test
  void aCaseKeepsAtMostThirtyFreeDaysAndDropsThoseAlreadyPast() {
    SchoolCalendar school = SchoolCalendar.flemish(ZoneId.of("Europe/Brussels"));
    Case c = started();
    for (int i = 0; i < CaseSettings.FREE_DAY_LIMIT; i++) {
      c = c.addFreeDay(ANNA, school.plusSchoolDays(TODAY, i), TODAY, NOW);
    }
    Case full = c;
    LocalDate another = school.plusSchoolDays(TODAY, 40);

    assertThatThrownBy(() -> full.addFreeDay(ANNA, another, TODAY, NOW))
        .hasMessage("refusal.free-days-full");
    // A week later the first five are past: they make room and are dropped.
    Case later = full.addFreeDay(ANNA, another, TODAY.plusDays(7), NOW);
    assertThat(later.settings().freeDays())
        .hasSize(CaseSettings.FREE_DAY_LIMIT - 4)
        .allMatch(d -> !d.isBefore(TODAY.plusDays(7)))
        .endsWith(another)
        .isSorted();
  }

  @Test
  void holidaysCanBeWorkedThroughOnlyWithoutSchoolOrClbPartners() {
    Case school = withPartner(started(), BERT, false);
    assertThatThrownBy(() -> school.skipHolidays(ANNA, false, NOW))
        .hasMessage("refusal.holidays-school-case");

    Case youthCare = youthCareOnly();
    Case worked = youthCare.skipHolidays(ANNA, false, NOW);

    assertThat(worked.holidaysSkipped()).isFalse();
    assertThat(worked.audit().get(worked.audit().size() - 1).event())
        .isEqualTo(AuditEvent.HOLIDAYS_WORKED);
    assertThat(worked.skipHolidays(ANNA, false, NOW)).isSameAs(worked);
    assertThatThrownBy(() -> youthCare.skipHolidays(BERT, false, NOW))
        .hasMessage("refusal.only-coordinator-schedules");
    assertThat(worked.skipHolidays(ANNA, true, NOW).holidaysSkipped()).isTrue();
  }

  @Test
  void aSchoolPartnerJoiningLaterBringsTheHolidaysBack() {
    Case worked = youthCareOnly().skipHolidays(ANNA, false, NOW);

    Case withTeacher = join(worked, TEA, Sector.EDUCATION, Role.TEACHER, false);

    assertThat(withTeacher.settings().holidaysSkipped()).isFalse();
    assertThat(withTeacher.holidaysSkipped()).isTrue();
  }

  @Test
  void theRhythmFollowsTheAgreementUntilTheCoordinatorSetsItAndAgainAfterDefault() {
    Case c = withPartner(started(), BERT, false);
    assertThat(c.cadence()).isEqualTo(new Cadence(4, 10));
    Draft collaboration =
        Draft.empty()
            .withTasks(List.of(new Task(1, "coordinates", "")))
            .withGoal(
                "Back in class",
                Draft.empty().perspective(),
                1,
                0,
                Draft.empty().communication(),
                EvaluationPlan.defaultFor(CollaborationLevel.COLLABORATION));
    Case agreed = c.propose(ANNA, collaboration, 0, NOW);
    assertThat(agreed.cadence()).isEqualTo(new Cadence(2, 6));

    Case set = agreed.setCadence(ANNA, new Cadence(3, 0), NOW);
    assertThat(set.cadence()).isEqualTo(new Cadence(3, 0));
    assertThat(set.agreements().cadence()).isEqualTo(new Cadence(2, 6));
    assertThat(set.audit().get(set.audit().size() - 1).args()).containsExactly("3", "0");
    assertThat(set.setCadence(ANNA, new Cadence(3, 0), NOW)).isSameAs(set);

    Case back = set.setCadence(ANNA, null, NOW);
    assertThat(back.cadence()).isEqualTo(new Cadence(2, 6));
    assertThat(back.audit().get(back.audit().size() - 1).event())
        .isEqualTo(AuditEvent.CADENCE_AGREED);
    assertThat(back.setCadence(ANNA, null, NOW)).isSameAs(back);
  }

  @Test
  void onlyTheCoordinatorOrBackupSetsTheRhythmAndNothingChangesInAClosedCase() {
    Case c = withPartner(started(), BERT, false);

    assertThatThrownBy(() -> c.setCadence(BERT, new Cadence(3, 6), NOW))
        .hasMessage("refusal.only-coordinator-schedules");
    assertThatThrownBy(() -> c.setCadence(CARO, new Cadence(3, 6), NOW))
        .hasMessage("refusal.only-coordinator-schedules");
    Case closed = c.close(ANNA, NOW, new SplittableRandom(1));
    assertThatThrownBy(() -> closed.setCadence(ANNA, new Cadence(3, 6), NOW))
        .hasMessage("refusal.case-closed");
    assertThatThrownBy(() -> closed.addFreeDay(ANNA, TODAY, TODAY, NOW))
        .hasMessage("refusal.case-closed");
  }
}
