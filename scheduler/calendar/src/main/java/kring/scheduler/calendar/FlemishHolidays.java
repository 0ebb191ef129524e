package kring.scheduler.calendar;

import static java.time.temporal.TemporalAdjusters.firstInMonth;
import static java.time.temporal.TemporalAdjusters.nextOrSame;
import static java.time.temporal.TemporalAdjusters.previousOrSame;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The holidays of Flemish schools, computed from the rules the Flemish government has kept for
 * decades, for any school year. They are worth checking yearly on the education website; a school
 * adds its own free days per case.
 */
public final class FlemishHolidays {

  /** Every case's calendar asks for the same few school years, for every prompt it sends. */
  private static final Map<Integer, List<Holiday>> YEARS = new ConcurrentHashMap<>();

  private FlemishHolidays() {}

  /**
   * The holidays and single free days of the school year that starts on 1 September of {@code
   * startYear}, in date order.
   */
  public static List<Holiday> schoolYear(int startYear) {
    return YEARS.computeIfAbsent(startYear, FlemishHolidays::compute);
  }

  private static List<Holiday> compute(int startYear) {
    int endYear = startYear + 1;
    List<Holiday> holidays = new ArrayList<>();
    holidays.add(weekOf("autumn", autumnStart(startYear), 1));
    holidays.add(single("armistice", LocalDate.of(startYear, Month.NOVEMBER, 11)));
    holidays.add(weekOf("christmas", christmasStart(startYear), 2));
    LocalDate easter = easterSunday(endYear);
    // The seventh Monday before Easter Sunday is 48 days before it.
    holidays.add(weekOf("carnival", easter.minusDays(48), 1));
    LocalDate easterBreak = easterBreakStart(easter);
    holidays.add(weekOf("easter", easterBreak, 2));
    LocalDate easterMonday = easter.plusDays(1);
    if (!new Holiday("easter", easterBreak, easterBreak.plusDays(13)).contains(easterMonday)) {
      holidays.add(single("easter-monday", easterMonday));
    }
    holidays.add(single("labour-day", LocalDate.of(endYear, Month.MAY, 1)));
    LocalDate ascension = easter.plusDays(39);
    holidays.add(new Holiday("ascension", ascension, ascension.plusDays(1)));
    holidays.add(single("whit-monday", easter.plusDays(50)));
    holidays.add(
        new Holiday(
            "summer",
            LocalDate.of(endYear, Month.JULY, 1),
            LocalDate.of(endYear, Month.AUGUST, 31)));
    holidays.sort((a, b) -> a.first().compareTo(b.first()));
    return List.copyOf(holidays);
  }

  /** The year in which the school year of {@code day} starts: it runs from 1 September. */
  public static int schoolYearOf(LocalDate day) {
    return day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
  }

  /** The Flemish holiday or single free day {@code day} falls in, if any. */
  public static Optional<Holiday> on(LocalDate day) {
    return schoolYear(schoolYearOf(day)).stream().filter(h -> h.contains(day)).findFirst();
  }

  /** The week of 1 November; if 1 November is a Sunday, the week from 2 November. */
  static LocalDate autumnStart(int year) {
    LocalDate allSaints = LocalDate.of(year, Month.NOVEMBER, 1);
    if (allSaints.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return allSaints.plusDays(1);
    }
    return allSaints.with(previousOrSame(DayOfWeek.MONDAY));
  }

  /** The Monday of the week of 25 December; the Monday after when it is a Saturday or Sunday. */
  static LocalDate christmasStart(int year) {
    LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
    DayOfWeek day = christmas.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return christmas.with(nextOrSame(DayOfWeek.MONDAY));
    }
    return christmas.with(previousOrSame(DayOfWeek.MONDAY));
  }

  /**
   * The first Monday of April; the Monday after Easter when Easter is in March; the second Monday
   * before Easter when Easter is after 15 April.
   */
  static LocalDate easterBreakStart(LocalDate easter) {
    if (easter.getMonth() == Month.MARCH) {
      return easter.plusDays(1);
    }
    if (easter.isAfter(LocalDate.of(easter.getYear(), Month.APRIL, 15))) {
      return easter.minusDays(13);
    }
    return LocalDate.of(easter.getYear(), Month.APRIL, 1).with(firstInMonth(DayOfWeek.MONDAY));
  }

  /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }

  private static Holiday weekOf(String name, LocalDate monday, int weeks) {
    return new Holiday(name, monday, monday.plusWeeks(weeks).minusDays(1));
  }

  private static Holiday single(String name, LocalDate day) {
    return new Holiday(name, day, day);
  }
}
