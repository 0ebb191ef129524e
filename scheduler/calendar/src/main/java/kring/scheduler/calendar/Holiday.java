package kring.scheduler.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A run of free days in a school year, both ends included.
 *
 * @param name what it is called, a text key such as {@code christmas}
 * @param first the first free day
 * @param last the last free day
 */
public record Holiday(String name, LocalDate first, LocalDate last) {

  public Holiday {
    if (name == null || first == null || last == null || last.isBefore(first)) {
      throw new IllegalArgumentException("A holiday needs a name and a first day before its last");
    }
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }

  /**
   * Whether this is a school holiday of a week or more (autumn, Christmas, carnival, Easter,
   * summer), which no check-in or reflection round stays open across; a single free day is not.
   */
  public boolean isBreak() {
    return ChronoUnit.DAYS.between(first, last) >= 6;
  }
}
