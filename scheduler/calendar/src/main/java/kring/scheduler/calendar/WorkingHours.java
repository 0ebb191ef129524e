package kring.scheduler.calendar;

import java.time.LocalTime;

/**
 * When a person may get a prompt on a working day; outside these hours Kring is quiet.
 *
 * @param start the earliest time, never before 03:00 (the night of a daylight-saving change)
 * @param end the latest time, after {@code start}
 */
public record WorkingHours(LocalTime start, LocalTime end) {

  /** 08:00 to 17:00, the default for school partners. */
  public static final WorkingHours SCHOOL_DAY =
      new WorkingHours(LocalTime.of(8, 0), LocalTime.of(17, 0));

  /** Prompts after a holiday come at 10:00: not the first thing on the first morning back. */
  public static final LocalTime AFTER_HOLIDAY = LocalTime.of(10, 0);

  public WorkingHours {
    if (start == null || end == null || !end.isAfter(start)) {
      throw new IllegalArgumentException("Working hours need a start before their end");
    }
    if (start.isBefore(LocalTime.of(3, 0))) {
      throw new IllegalArgumentException(
          "Working hours start at 03:00 or later: 02:00-03:00 is skipped or doubled by daylight"
              + " saving time");
    }
  }

  public boolean contains(LocalTime time) {
    return !time.isBefore(start) && !time.isAfter(end);
  }

  /**
   * The hours in which one person gets this case's prompts, given the hours they set for all their
   * cases: the overlap of the two; when they do not overlap at all, the person's own hours.
   */
  public WorkingHours forPerson(WorkingHours personal) {
    LocalTime from = start.isAfter(personal.start) ? start : personal.start;
    LocalTime to = end.isBefore(personal.end) ? end : personal.end;
    if (to.isAfter(from)) {
      return new WorkingHours(from, to);
    }
    // No overlap (a crisis worker on evening shifts in a case with school hours): a prompt in the
    // case's hours would reach them off duty, and a private prompt is for them alone, so it comes
    // when they can act on it rather than at a time that suits the others.
    return personal;
  }
}
