package kring.core.cases;

import java.time.LocalDate;
import java.util.List;
import kring.scheduler.calendar.WorkingHours;

/**
 * How a case's schedule differs from Kring's defaults.
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
}
