package kring.scheduler.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import kring.scheduler.calendar.Holiday;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;

/**
 * When a check-in or reflection round takes answers, fitted around the school holidays, so that
 * nobody's answers are kept through one. A round that would run into a holiday of a week or more
 * ({@link Holiday#isBreak}) closes on the last school day before it when at least half its usual
 * time, and at least {@link #FEWEST_DAYS} school days, is left after the day it opens; otherwise it
 * opens after the holiday, at 10:00 on the second school day (as any prompt after a holiday). It
 * closes at its usual time of day, or at the end of the case's hours when they end earlier, so that
 * its close is never put off to a school day after a holiday.
 *
 * @param opensAt when the partners are asked: the moment wanted, or after the holiday
 * @param closesAt when it closes and its summary goes to the channel
 * @param fit how it fits around the holidays
 * @param holiday the holiday it closes before or opens after; null when it runs as usual
 */
public record RoundWindow(Instant opensAt, Instant closesAt, Fit fit, Holiday holiday) {

  /** How a round fits around the school holidays. */
  public enum Fit {
    /** It runs its usual number of school days: no holiday comes in between. */
    USUAL,
    /** It closes on the last school day before a holiday, earlier than usual. */
    CLOSES_BEFORE,
    /** It opens after a holiday: too little time was left before it, or it was asked in one. */
    OPENS_AFTER
  }

  /** A round cut short before a holiday still has at least this many school days to answer. */
  static final int FEWEST_DAYS = 2;

  /** Two holidays are far more than a round's longest time apart; this bounds the search. */
  private static final int MOST_HOLIDAYS = 3;

  public RoundWindow {
    if (opensAt == null || closesAt == null || fit == null || closesAt.isBefore(opensAt)) {
      throw new IllegalArgumentException("A round window opens before it closes");
    }
    if ((fit == Fit.USUAL) != (holiday == null)) {
      throw new IllegalArgumentException("A round that does not run as usual names its holiday");
    }
  }

  /**
   * The window of a round wanted at {@code wanted} that runs {@code schoolDays} school days and
   * closes at {@code closeTime}: as usual, closing before a holiday, or opening after one.
   */
  public static RoundWindow fit(
      SchoolCalendar calendar, Instant wanted, int schoolDays, LocalTime closeTime) {
    return fitted(calendar, wanted, schoolDays, closeTime, true);
  }

  /**
   * The window of a round that opens at {@code opened} whatever comes (its opening step came later
   * than planned): when a holiday is ahead it closes before it, however little time that leaves.
   */
  public static RoundWindow openedAt(
      SchoolCalendar calendar, Instant opened, int schoolDays, LocalTime closeTime) {
    return fitted(calendar, opened, schoolDays, closeTime, false);
  }

  /** Whether the round opens only after {@code now}: it waits for a holiday to pass. */
  public boolean opensAfter(Instant now) {
    return opensAt.isAfter(now);
  }

  /**
   * The fewest school days after the day a round opens that let it close before a holiday: half its
   * usual time, rounded up, and at least {@link #FEWEST_DAYS}.
   */
  static int fewestDays(int schoolDays) {
    return Math.max(FEWEST_DAYS, (schoolDays + 1) / 2);
  }

  private static RoundWindow fitted(
      SchoolCalendar calendar,
      Instant wanted,
      int schoolDays,
      LocalTime closeTime,
      boolean mayWait) {
    Instant opens = wanted;
    Holiday waited = null;
    for (int i = 0; i < MOST_HOLIDAYS; i++) {
      LocalDate day = opens.atZone(calendar.zone()).toLocalDate();
      LocalDate first = calendar.plusSchoolDays(day, 0);
      Optional<Holiday> now = breakFrom(calendar, day, first.minusDays(1));
      if (now.isPresent() && mayWait) {
        // Asked in a holiday (or the weekend before one): it opens after it.
        waited = now.get();
        opens = after(calendar, waited);
        continue;
      }
      LocalDate usual = calendar.plusSchoolDays(first, schoolDays);
      Optional<Holiday> ahead = breakFrom(calendar, first.plusDays(1), usual);
      if (ahead.isEmpty()) {
        Fit fit = waited == null ? Fit.USUAL : Fit.OPENS_AFTER;
        return new RoundWindow(opens, closing(calendar, usual, closeTime), fit, waited);
      }
      LocalDate lastBefore = calendar.minusSchoolDays(ahead.get().first(), 0);
      Instant close = closing(calendar, lastBefore, closeTime);
      boolean timeLeft =
          calendar.schoolDaysBetween(first, lastBefore) >= fewestDays(schoolDays)
              && close.isAfter(opens);
      if (timeLeft || !mayWait) {
        return new RoundWindow(
            opens, latest(opens, close, calendar, lastBefore), Fit.CLOSES_BEFORE, ahead.get());
      }
      waited = ahead.get();
      opens = after(calendar, waited);
    }
    throw new IllegalStateException("No window between the holidays around " + wanted);
  }

  /**
   * A round that must open now closes before the holiday all the same: at its time, else at the end
   * of the day's hours, else at once.
   */
  private static Instant latest(
      Instant opens, Instant close, SchoolCalendar calendar, LocalDate lastBefore) {
    if (close.isAfter(opens)) {
      return close;
    }
    Instant endOfDay = calendar.at(lastBefore, calendar.hours().end());
    return endOfDay.isAfter(opens) ? endOfDay : opens;
  }

  /** The first holiday of a week or more on a day from {@code from} up to {@code to}. */
  private static Optional<Holiday> breakFrom(
      SchoolCalendar calendar, LocalDate from, LocalDate to) {
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Optional<Holiday> found = calendar.breakOn(day);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The first moment after a holiday a prompt may come: 10:00 on its second school day. */
  private static Instant after(SchoolCalendar calendar, Holiday holiday) {
    return calendar.sendable(calendar.at(holiday.last(), Planner.REMINDER_TIME));
  }

  /** The close on {@code day} at {@code time}, within the case's hours. */
  private static Instant closing(SchoolCalendar calendar, LocalDate day, LocalTime time) {
    WorkingHours hours = calendar.hours();
    LocalTime within = time.isAfter(hours.end()) ? hours.end() : time;
    return calendar.at(day, within.isBefore(hours.start()) ? hours.start() : within);
  }
}
