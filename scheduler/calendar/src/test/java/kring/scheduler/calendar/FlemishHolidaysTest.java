package kring.scheduler.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlemishHolidaysTest {

  static Holiday named(int startYear, String name) {
    List<Holiday> year = FlemishHolidays.schoolYear(startYear);
    return year.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0}-{1}: {2} {3} to {4}")
  @CsvSource({
    "2025, autumn,    2025-10-27, 2025-11-02",
    "2025, christmas, 2025-12-22, 2026-01-04",
    "2025, carnival,  2026-02-16, 2026-02-22",
    "2025, easter,    2026-04-06, 2026-04-19",
    "2025, summer,    2026-07-01, 2026-08-31",
    "2027, autumn,    2027-11-01, 2027-11-07",
    "2027, christmas, 2027-12-27, 2028-01-09",
    "2027, carnival,  2028-02-28, 2028-03-05",
    "2027, easter,    2028-04-03, 2028-04-16",
  })
  void matchesTheDatesTheFlemishGovernmentPublished(
      int startYear, String name, LocalDate first, LocalDate last) {
    assertThat(named(startYear, name)).isEqualTo(new Holiday(name, first, last));
  }

  @ParameterizedTest
  @CsvSource({
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2027, 2027-03-28",
    "2028, 2028-04-16",
    "2038, 2038-04-25"
  })
  void computesEasterSunday(int year, LocalDate easter) {
    assertThat(FlemishHolidays.easterSunday(year)).isEqualTo(easter);
  }

  @ParameterizedTest
  @CsvSource({
    // Easter in March: the break starts the Monday after Easter.
    "2026, 2027-03-29, 2027-04-11",
    // Easter after 15 April: the second Monday before Easter, and Easter Monday free too.
    "2024, 2025-04-07, 2025-04-20",
  })
  void followsTheEasterRuleInEveryCase(int startYear, LocalDate first, LocalDate last) {
    assertThat(named(startYear, "easter")).isEqualTo(new Holiday("easter", first, last));
  }

  @ParameterizedTest
  @CsvSource({
    "2027, easter-monday, 2028-04-17, 2028-04-17",
    "2025, armistice,     2025-11-11, 2025-11-11",
    "2025, labour-day,    2026-05-01, 2026-05-01",
    "2025, ascension,     2026-05-14, 2026-05-15",
    "2025, whit-monday,   2026-05-25, 2026-05-25",
  })
  void knowsTheSingleFreeDays(int startYear, String name, LocalDate first, LocalDate last) {
    assertThat(named(startYear, name)).isEqualTo(new Holiday(name, first, last));
  }

  @ParameterizedTest
  @CsvSource({"2025", "2026", "2027"})
  void theEasterMondayOfAnOrdinaryYearLiesInTheEasterBreak(int startYear) {
    List<String> names = FlemishHolidays.schoolYear(startYear).stream().map(Holiday::name).toList();
    LocalDate easterMonday = FlemishHolidays.easterSunday(startYear + 1).plusDays(1);
    boolean inBreak = named(startYear, "easter").contains(easterMonday);
    assertThat(inBreak || names.contains("easter-monday")).isTrue();
  }
}
