package kring.scheduler.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * One case's calendar: which days are school days (Flemish holidays, the single free days and the
 * school's own free days), and when within them a prompt may be sent. Every answer is computed in
 * the case's time zone from local dates and times, so a daylight-saving change never sends a prompt
 * twice, skips one, or places one in the night.
 */
public final class SchoolCalendar {

  /** A holiday run is looked for at most this far; the longest, summer, is about 65 days. */
  private static final int LONGEST_BREAK_DAYS = 80;

  private final ZoneId zone;
  private final WorkingHours hours;
  private final boolean skipHolidays;
  private final Set<LocalDate> ownFreeDays;

  /**
   * @param zone the case's time zone, Europe/Brussels by default
   * @param hours when prompts may be sent on a working day
   * @param skipHolidays false for youth-care-only cases that work through school holidays
   * @param ownFreeDays free days the school added for this case
   */
  public SchoolCalendar(
      ZoneId zone, WorkingHours hours, boolean skipHolidays, Set<LocalDate> ownFreeDays) {
    this.zone = zone;
    this.hours = hours;
    this.skipHolidays = skipHolidays;
    this.ownFreeDays = Set.copyOf(ownFreeDays);
  }

  /** A calendar with Kring's defaults: Brussels, 08:00-17:00, holidays skipped. */
  public static SchoolCalendar flemish(ZoneId zone) {
    return new SchoolCalendar(zone, WorkingHours.SCHOOL_DAY, true, Set.of());
  }

  public ZoneId zone() {
    return zone;
  }

  public WorkingHours hours() {
    return hours;
  }

  /** The same days with other hours: one person's hours within the case's. */
  public SchoolCalendar withHours(WorkingHours other) {
    return new SchoolCalendar(zone, other, skipHolidays, ownFreeDays);
  }

  /** The holiday or free day this date falls in, if it is one (weekends are not holidays). */
  public Optional<Holiday> holiday(LocalDate day) {
    if (ownFreeDays.contains(day)) {
      return Optional.of(new Holiday("school-free-day", day, day));
    }
    if (!skipHolidays) {
      return Optional.empty();
    }
    return FlemishHolidays.schoolYear(FlemishHolidays.schoolYearOf(day)).stream()
        .filter(h -> h.contains(day))
        .findFirst();
  }

  /**
   * The school holiday of a week or more that {@code day} falls in ({@link Holiday#isBreak}), if
   * this calendar skips holidays.
   */
  public Optional<Holiday> breakOn(LocalDate day) {
    return skipHolidays ? FlemishHolidays.on(day).filter(Holiday::isBreak) : Optional.empty();
  }

  /** The number of school days after {@code from} up to and including {@code to}. */
  public int schoolDaysBetween(LocalDate from, LocalDate to) {
    int count = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isSchoolDay(day)) {
        count++;
      }
    }
    return count;
  }

  /** Monday to Friday, and no holiday or free day. */
  public boolean isSchoolDay(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && holiday(day).isEmpty();
  }

  /**
   * The moment a prompt wanted at {@code wanted} may be sent: as it is on a school day in working
   * hours; before working hours, at their start; after them or on a weekend, the next working
   * morning; in a holiday, the second school day after it at 10:00.
   */
  public Instant sendable(Instant wanted) {
    ZonedDateTime local = wanted.atZone(zone);
    LocalDate day = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    if (isSchoolDay(day)) {
      if (hours.contains(time)) {
        return wanted;
      }
      if (time.isBefore(hours.start())) {
        return at(day, hours.start());
      }
    }
    return nextMorning(day);
  }

  /**
   * The first school morning after {@code day}, or 10:00 on the second school day after a break.
   */
  private Instant nextMorning(LocalDate day) {
    LocalDate next = day.plusDays(1);
    boolean holidayCrossed = holiday(day).isPresent();
    for (int i = 0; i < LONGEST_BREAK_DAYS && !isSchoolDay(next); i++) {
      holidayCrossed |= holiday(next).isPresent();
      next = next.plusDays(1);
    }
    if (!holidayCrossed) {
      return at(next, hours.start());
    }
    return at(plusSchoolDays(next, 1), WorkingHours.AFTER_HOLIDAY);
  }

  /**
   * The school day {@code count} school days after {@code day} (0: the day itself if a school day).
   */
  public LocalDate plusSchoolDays(LocalDate day, int count) {
    LocalDate current = day;
    while (!isSchoolDay(current)) {
      current = current.plusDays(1);
    }
    for (int left = count; left > 0; ) {
      current = current.plusDays(1);
      if (isSchoolDay(current)) {
        left--;
      }
    }
    return current;
  }

  /**
   * The school day {@code count} school days before {@code day} (0: the day itself if a school day,
   * else the last school day before it).
   */
  public LocalDate minusSchoolDays(LocalDate day, int count) {
    LocalDate current = day;
    while (!isSchoolDay(current)) {
      current = current.minusDays(1);
    }
    for (int left = count; left > 0; ) {
      current = current.minusDays(1);
      if (isSchoolDay(current)) {
        left--;
      }
    }
    return current;
  }

  /** {@code weeks} school weeks after {@code day}: holidays do not count (5 school days a week). */
  public LocalDate plusSchoolWeeks(LocalDate day, int weeks) {
    return plusSchoolDays(day, 5 * weeks);
  }

  /** The moment of a local time on a date, in this calendar's zone. */
  public Instant at(LocalDate day, LocalTime time) {
    return ZonedDateTime.of(day, time, zone).toInstant();
  }
}
