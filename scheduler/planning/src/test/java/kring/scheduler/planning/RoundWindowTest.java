package kring.scheduler.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.scheduler.calendar.FlemishHolidays;
import kring.scheduler.calendar.Holiday;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.RoundWindow.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How check-ins (four school days, until noon) and reflection rounds (five by default, until 16:00)
 * fit around the Flemish school holidays of 2026–2027, on the real calendar: autumn 2–8 November,
 * Christmas 21 December–3 January, carnival 8–14 February, Easter 29 March–11 April, summer from 1
 * July; 11 November, Easter Monday inside the Easter break, 6–7 May and 17 May are single free
 * days.
 */
class RoundWindowTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final SchoolCalendar CALENDAR = SchoolCalendar.flemish(BRUSSELS);
  static final LocalTime NOON = LocalTime.NOON;
  static final LocalTime FOUR = LocalTime.of(16, 0);

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  static String at(Instant instant) {
    return LocalDateTime.ofInstant(instant, BRUSSELS).toString();
  }

  @ParameterizedTest(name = "{0}: {1} school days from {2} -> {4} {3} to {5}")
  @CsvSource({
    // No holiday in between: four school days later, the single free day of 11 November skipped.
    "none,      4, 2026-11-10T10:00, USUAL,         2026-11-10T10:00, 2026-11-17T12:00, ",
    // Ascension (Thursday and Friday) is no holiday to avoid either.
    "ascension, 4, 2027-05-04T10:00, USUAL,         2027-05-04T10:00, 2027-05-12T12:00, ",
    // Autumn: three school days are left before it, so the check-in closes on the Friday.
    "autumn,    4, 2026-10-27T10:00, CLOSES_BEFORE, 2026-10-27T10:00, 2026-10-30T12:00, autumn",
    // Only the Friday is left: it opens on the second school day after the holiday.
    "autumn,    4, 2026-10-29T10:00, OPENS_AFTER,   2026-11-10T10:00, 2026-11-17T12:00, autumn",
    // Asked on the Saturday right before the holiday: after it too.
    "autumn,    4, 2026-10-31T11:00, OPENS_AFTER,   2026-11-10T10:00, 2026-11-17T12:00, autumn",
    // Christmas: a round of five school days needs three of them left.
    "christmas, 5, 2026-12-15T10:00, CLOSES_BEFORE, 2026-12-15T10:00, 2026-12-18T16:00, christmas",
    "christmas, 5, 2026-12-16T10:00, OPENS_AFTER,   2027-01-05T10:00, 2027-01-12T16:00, christmas",
    // Asked in the Christmas holiday itself (an evening between the feasts).
    "christmas, 5, 2026-12-28T20:00, OPENS_AFTER,   2027-01-05T10:00, 2027-01-12T16:00, christmas",
    // Carnival: the Thursday and Friday are enough for a check-in, the Friday alone is not.
    "carnival,  4, 2027-02-03T10:00, CLOSES_BEFORE, 2027-02-03T10:00, 2027-02-05T12:00, carnival",
    "carnival,  4, 2027-02-04T10:00, OPENS_AFTER,   2027-02-16T10:00, 2027-02-22T12:00, carnival",
    // Easter, a round of ten school days started by hand: half its time, five days, must be left.
    "easter,   10, 2027-03-19T10:00, CLOSES_BEFORE, 2027-03-19T10:00, 2027-03-26T16:00, easter",
    "easter,   10, 2027-03-22T10:00, OPENS_AFTER,   2027-04-13T10:00, 2027-04-27T16:00, easter",
    // Summer: opened on 28 June a check-in closes on 30 June, not on 2 September.
    "summer,    4, 2027-06-28T10:00, CLOSES_BEFORE, 2027-06-28T10:00, 2027-06-30T12:00, summer",
    "summer,    4, 2027-06-29T10:00, OPENS_AFTER,   2027-09-02T10:00, 2027-09-08T12:00, summer",
    "summer,    5, 2027-06-28T10:00, OPENS_AFTER,   2027-09-02T10:00, 2027-09-09T16:00, summer",
    // Started by hand on a Saturday evening in the summer holiday.
    "summer,    5, 2027-07-24T20:00, OPENS_AFTER,   2027-09-02T10:00, 2027-09-09T16:00, summer",
  })
  void aRoundClosesBeforeAHolidayOrOpensAfterIt(
      String about,
      int schoolDays,
      String wanted,
      Fit fit,
      String opens,
      String closes,
      String holiday) {
    LocalTime closeTime = schoolDays == 4 ? NOON : FOUR;

    RoundWindow window = RoundWindow.fit(CALENDAR, local(wanted), schoolDays, closeTime);

    assertThat(window.fit()).isEqualTo(fit);
    assertThat(at(window.opensAt())).isEqualTo(opens);
    assertThat(at(window.closesAt())).isEqualTo(closes);
    assertThat(Optional.ofNullable(window.holiday()).map(Holiday::name))
        .isEqualTo(Optional.ofNullable(holiday));
  }

  @Test
  void aRoundThatMustOpenNowClosesBeforeTheHolidayHoweverLittleTimeThatLeaves() {
    // Its opening step came late, on the Thursday before the autumn holiday.
    RoundWindow thursday = RoundWindow.openedAt(CALENDAR, local("2026-10-29T14:00"), 4, NOON);
    assertThat(thursday.fit()).isEqualTo(Fit.CLOSES_BEFORE);
    assertThat(at(thursday.opensAt())).isEqualTo("2026-10-29T14:00");
    assertThat(at(thursday.closesAt())).isEqualTo("2026-10-30T12:00");

    // On the Friday afternoon itself: at the end of the day's hours.
    RoundWindow friday = RoundWindow.openedAt(CALENDAR, local("2026-10-30T14:00"), 4, NOON);
    assertThat(at(friday.closesAt())).isEqualTo("2026-10-30T17:00");

    assertThat(RoundWindow.openedAt(CALENDAR, local("2026-11-10T10:00"), 4, NOON))
        .isEqualTo(RoundWindow.fit(CALENDAR, local("2026-11-10T10:00"), 4, NOON));
  }

  @Test
  void aRoundClosesWithinTheCasesHoursSoThatItsCloseIsNotPutOffPastTheHoliday() {
    SchoolCalendar mornings =
        new SchoolCalendar(
            BRUSSELS, new WorkingHours(LocalTime.of(8, 0), LocalTime.of(11, 0)), true, Set.of());

    RoundWindow window = RoundWindow.fit(mornings, local("2026-10-27T09:00"), 4, NOON);

    assertThat(at(window.closesAt())).isEqualTo("2026-10-30T11:00");
    assertThat(mornings.sendable(window.closesAt())).isEqualTo(window.closesAt());
  }

  @Test
  void aCaseThatWorksThroughTheHolidaysKeepsItsUsualWindow() {
    SchoolCalendar youthCare =
        new SchoolCalendar(BRUSSELS, WorkingHours.SCHOOL_DAY, false, Set.of());

    RoundWindow window = RoundWindow.fit(youthCare, local("2026-12-16T10:00"), 5, FOUR);

    assertThat(window.fit()).isEqualTo(Fit.USUAL);
    assertThat(at(window.closesAt())).isEqualTo("2026-12-23T16:00");
  }

  @Test
  void aSchoolsOwnFreeDaysCountAsNoSchoolDayButNotAsAHoliday() {
    SchoolCalendar withFreeDay =
        new SchoolCalendar(
            BRUSSELS, WorkingHours.SCHOOL_DAY, true, Set.of(LocalDate.of(2026, 10, 28)));

    // Tuesday: only Thursday and Friday are school days before the autumn holiday, still enough.
    RoundWindow window = RoundWindow.fit(withFreeDay, local("2026-10-27T10:00"), 4, NOON);

    assertThat(window.fit()).isEqualTo(Fit.CLOSES_BEFORE);
    assertThat(at(window.closesAt())).isEqualTo("2026-10-30T12:00");
  }

  /**
   * Every moment of the school year a check-in or round could be wanted, for every length a round
   * may have: no window holds a day of a holiday, none opens before it was wanted, one that closes
   * before a holiday has at least half its time (and two school days), and one that runs as usual
   * runs its full number of school days.
   */
  @Test
  void noWindowOfTheSchoolYearHoldsADayOfAHoliday() {
    for (LocalDate day = LocalDate.of(2026, 9, 1);
        day.isBefore(LocalDate.of(2027, 9, 1));
        day = day.plusDays(1)) {
      for (int schoolDays : List.of(1, 2, 4, 5, 10, 20)) {
        Instant wanted = CALENDAR.at(day, LocalTime.of(10, 0));
        RoundWindow window = RoundWindow.fit(CALENDAR, wanted, schoolDays, FOUR);
        LocalDate opens = window.opensAt().atZone(BRUSSELS).toLocalDate();
        LocalDate closes = window.closesAt().atZone(BRUSSELS).toLocalDate();
        String what = schoolDays + " school days wanted on " + day;

        assertThat(window.opensAt()).as(what).isAfterOrEqualTo(wanted);
        assertThat(window.closesAt()).as(what).isAfter(window.opensAt());
        for (LocalDate d = opens; !d.isAfter(closes); d = d.plusDays(1)) {
          assertThat(CALENDAR.breakOn(d)).as(what + ": " + d).isEmpty();
        }
        assertThat(CALENDAR.isSchoolDay(closes)).as(what).isTrue();
        int given = CALENDAR.schoolDaysBetween(CALENDAR.plusSchoolDays(opens, 0), closes);
        switch (window.fit()) {
          case USUAL, OPENS_AFTER -> assertThat(given).as(what).isEqualTo(schoolDays);
          case CLOSES_BEFORE ->
              assertThat(given)
                  .as(what)
                  .isGreaterThanOrEqualTo(Math.max(2, (schoolDays + 1) / 2))
                  .isLessThan(schoolDays);
        }
      }
    }
  }

  @Test
  void everyHolidayARoundMayWaitForHasItsNameInBothLanguages() {
    List<Holiday> breaks =
        FlemishHolidays.schoolYear(2026).stream().filter(Holiday::isBreak).toList();

    assertThat(breaks)
        .extracting(Holiday::name)
        .containsExactly("autumn", "christmas", "carnival", "easter", "summer");
    for (Language language : Language.values()) {
      for (Holiday holiday : breaks) {
        assertThat(Texts.has(language, "holiday." + holiday.name())).isTrue();
      }
    }
  }
}
