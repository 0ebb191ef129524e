package kring.scheduler.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchoolCalendarTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  final SchoolCalendar calendar = SchoolCalendar.flemish(BRUSSELS);

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // a Tuesday in working hours: as it is
    "2026-01-13T11:00, 2026-01-13T11:00",
    // before working hours: at their start
    "2026-01-13T06:30, 2026-01-13T08:00",
    // after working hours: the next working morning
    "2026-01-13T19:00, 2026-01-14T08:00",
    // Friday evening: Monday morning
    "2026-01-16T18:00, 2026-01-19T08:00",
    // in the autumn break: the second school day after it, at 10:00
    "2025-10-29T10:00, 2025-11-04T10:00",
    // the Friday evening before the Christmas break: the second school day after it
    "2025-12-19T17:30, 2026-01-06T10:00",
    // on a single free day (11 November, a Tuesday): Thursday 10:00
    "2025-11-11T09:00, 2025-11-13T10:00",
    // the night of the spring daylight-saving change, and the Monday after: local 08:00
    "2026-03-29T02:30, 2026-03-30T08:00",
    // the night of the autumn change (02:30 happens twice): the Monday after, once
    "2026-10-25T02:30, 2026-10-26T08:00",
  })
  void movesAPromptToAMomentAPartnerWelcomesIt(String wanted, String expected) {
    assertThat(calendar.sendable(local(wanted))).isEqualTo(local(expected));
  }

  @Test
  void aWholeYearOfWantedMomentsLandsOnlyOnSchoolDaysInWorkingHoursAndNeverMovesTwice() {
    Set<Instant> seen = new HashSet<>();
    Instant wanted = local("2025-09-01T00:17");
    Instant end = local("2026-09-01T00:00");
    while (wanted.isBefore(end)) {
      Instant sendable = calendar.sendable(wanted);
      ZonedDateTime at = sendable.atZone(BRUSSELS);
      assertThat(calendar.isSchoolDay(at.toLocalDate())).as("%s from %s", at, wanted).isTrue();
      assertThat(WorkingHours.SCHOOL_DAY.contains(at.toLocalTime())).as("%s", at).isTrue();
      assertThat(at.getHour()).isNotEqualTo(2);
      assertThat(calendar.sendable(sendable)).isEqualTo(sendable);
      assertThat(sendable).isAfterOrEqualTo(wanted);
      seen.add(sendable);
      wanted = wanted.plus(Duration.ofMinutes(97));
    }
    assertThat(seen.stream().map(i -> i.atZone(BRUSSELS).getMonthValue()).distinct())
        .doesNotContain(7, 8);
  }

  @Test
  void countsSchoolWeeksWithoutTheHolidays() {
    // Two school weeks from the Monday before the autumn break skip the break week.
    assertThat(calendar.plusSchoolWeeks(LocalDate.of(2025, 10, 20), 2))
        .isEqualTo(LocalDate.of(2025, 11, 10));
    // Across Christmas: 2 school weeks from 15 December end after the break.
    assertThat(calendar.plusSchoolWeeks(LocalDate.of(2025, 12, 15), 2))
        .isEqualTo(LocalDate.of(2026, 1, 12));
  }

  @Test
  void aYouthCareOnlyCaseWorksThroughSchoolHolidaysButNotWeekends() {
    SchoolCalendar youthCare =
        new SchoolCalendar(BRUSSELS, WorkingHours.SCHOOL_DAY, false, Set.of());

    assertThat(youthCare.sendable(local("2025-10-29T10:00"))).isEqualTo(local("2025-10-29T10:00"));
    assertThat(youthCare.isSchoolDay(LocalDate.of(2025, 12, 27))).isFalse();
  }

  @Test
  void aSchoolsOwnFreeDayIsAHoliday() {
    LocalDate pedagogicalDay = LocalDate.of(2026, 1, 21);
    SchoolCalendar school =
        new SchoolCalendar(BRUSSELS, WorkingHours.SCHOOL_DAY, true, Set.of(pedagogicalDay));

    assertThat(school.isSchoolDay(pedagogicalDay)).isFalse();
    assertThat(school.sendable(local("2026-01-21T11:00"))).isEqualTo(local("2026-01-23T10:00"));
  }

  @Test
  void workingHoursNeverReachIntoTheDaylightSavingNight() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new WorkingHours(LocalTime.of(2, 30), LocalTime.of(17, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weekendsAreNotSchoolDays() {
    LocalDate saturday = LocalDate.of(2026, 1, 17);
    assertThat(saturday.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(calendar.isSchoolDay(saturday)).isFalse();
    assertThat(calendar.holiday(saturday)).isEmpty();
  }
}
