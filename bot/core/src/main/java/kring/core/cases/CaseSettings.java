package kring.core.cases;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kring.scheduler.calendar.FlemishHolidays;
import kring.scheduler.calendar.WorkingHours;

/**
 * How a case's schedule differs from Kring's defaults, with the rules for the school's free days
 * and the known transitions.
 *
 * @param hours when the case's prompts may be sent on a working day
 * @param holidaysSkipped false for a youth-care-only case that works through school holidays
 * @param freeDays free days the school added for this case, at most {@link #FREE_DAY_LIMIT}
 * @param cadence the rhythm the coordinator set, or null to follow the agreement
 * @param transitions known transitions the partners recorded, by date, at most {@link
 *     #TRANSITION_LIMIT}; a reflection round is planned shortly before each
 */
public record CaseSettings(
    WorkingHours hours,
    boolean holidaysSkipped,
    List<LocalDate> freeDays,
    Cadence cadence,
    List<Transition> transitions) {

  /** A school adds a handful of free days a year; a case keeps at most this many. */
  public static final int FREE_DAY_LIMIT = 30;

  /** A pupil has a few transitions ahead in a year and a half; a case keeps at most this many. */
  public static final int TRANSITION_LIMIT = 10;

  /** How far ahead a transition may be recorded: a school year and a half. */
  public static final int TRANSITION_MONTHS_AHEAD = 18;

  /** School days 08:00-17:00, holidays skipped, no own free days, the agreement's rhythm. */
  public static final CaseSettings DEFAULT =
      new CaseSettings(WorkingHours.SCHOOL_DAY, true, List.of(), null, List.of());

  public CaseSettings {
    if (hours == null) {
      throw new IllegalArgumentException("A case needs working hours");
    }
    freeDays = List.copyOf(freeDays);
    if (freeDays.size() > FREE_DAY_LIMIT) {
      throw new IllegalArgumentException("A case keeps at most " + FREE_DAY_LIMIT + " free days");
    }
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
    if (transitions.size() > TRANSITION_LIMIT) {
      throw new IllegalArgumentException(
          "A case keeps at most " + TRANSITION_LIMIT + " transitions");
    }
  }

  public CaseSettings withHours(WorkingHours value) {
    return new CaseSettings(value, holidaysSkipped, freeDays, cadence, transitions);
  }

  public CaseSettings withHolidaysSkipped(boolean value) {
    return new CaseSettings(hours, value, freeDays, cadence, transitions);
  }

  public CaseSettings withFreeDays(List<LocalDate> value) {
    return new CaseSettings(hours, holidaysSkipped, value, cadence, transitions);
  }

  /** These settings with the coordinator's rhythm, or with the agreement's for null. */
  public CaseSettings withCadence(Cadence value) {
    return new CaseSettings(hours, holidaysSkipped, freeDays, value, transitions);
  }

  /** These settings with another list of transitions, kept in date order. */
  public CaseSettings withTransitions(List<Transition> value) {
    return new CaseSettings(hours, holidaysSkipped, freeDays, cadence, value);
  }

  /**
   * These settings with a free day of the school's own: a school day from {@code today} to the end
   * of the next school year. Adding it twice has one effect; free days already past are dropped, so
   * they do not count against the limit.
   */
  CaseSettings freeDayAdded(LocalDate day, LocalDate today) {
    if (freeDays.contains(day)) {
      return this;
    }
    if (day.isBefore(today)
        || FlemishHolidays.schoolYearOf(day) > FlemishHolidays.schoolYearOf(today) + 1) {
      throw new Refusal(RefusalReason.FREE_DAY_WHEN, day.toString());
    }
    if (day.getDayOfWeek() == DayOfWeek.SATURDAY
        || day.getDayOfWeek() == DayOfWeek.SUNDAY
        || FlemishHolidays.on(day).isPresent()) {
      throw new Refusal(RefusalReason.FREE_DAY_NOT_SCHOOL_DAY, day.toString());
    }
    List<LocalDate> days = new ArrayList<>(freeDays);
    days.removeIf(d -> d.isBefore(today));
    days.add(day);
    days.sort(null);
    if (days.size() > FREE_DAY_LIMIT) {
      throw new Refusal(RefusalReason.FREE_DAYS_FULL, FREE_DAY_LIMIT);
    }
    return withFreeDays(days);
  }

  /** These settings without a free day; removing one they do not have changes nothing. */
  CaseSettings freeDayRemoved(LocalDate day) {
    return withFreeDays(freeDays.stream().filter(d -> !d.equals(day)).toList());
  }

  /** The recorded transitions from {@code today} on, by date: what people see and number. */
  public List<Transition> upcomingTransitions(LocalDate today) {
    return transitions.stream().filter(t -> !t.on().isBefore(today)).toList();
  }

  /**
   * These settings with a known transition: after today and within {@link #TRANSITION_MONTHS_AHEAD}
   * months. Transitions already past drop off, so they do not count against the limit; recording
   * the same one twice has one effect.
   */
  CaseSettings transitionAdded(Transition transition, LocalDate today) {
    if (!transition.on().isAfter(today)) {
      throw new Refusal(RefusalReason.TRANSITION_PAST, transition.on().toString());
    }
    if (transition.on().isAfter(today.plusMonths(TRANSITION_MONTHS_AHEAD))) {
      throw new Refusal(RefusalReason.TRANSITION_FAR, TRANSITION_MONTHS_AHEAD);
    }
    List<Transition> kept = new ArrayList<>(upcomingTransitions(today));
    if (kept.stream().anyMatch(transition::sameAs)) {
      return this;
    }
    if (kept.size() >= TRANSITION_LIMIT) {
      throw new Refusal(RefusalReason.TRANSITIONS_FULL, TRANSITION_LIMIT);
    }
    kept.add(transition);
    kept.sort(Comparator.comparing(Transition::on));
    return withTransitions(kept);
  }

  /** The transition numbered {@code number} in the list from today on. */
  Transition upcomingTransition(int number, LocalDate today) {
    List<Transition> kept = upcomingTransitions(today);
    if (number < 1 || number > kept.size()) {
      throw new Refusal(RefusalReason.TRANSITION_UNKNOWN, number);
    }
    return kept.get(number - 1);
  }

  /** These settings without the transition numbered {@code number}; past ones drop off with it. */
  CaseSettings transitionRemoved(int number, LocalDate today) {
    upcomingTransition(number, today);
    List<Transition> kept = new ArrayList<>(upcomingTransitions(today));
    kept.remove(number - 1);
    return withTransitions(kept);
  }
}
