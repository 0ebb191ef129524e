package kring.core.privacy;

import java.time.Period;

/**
 * How long Kring keeps a case.
 *
 * @param closedCase how long a closed case is kept before it is erased
 * @param inactiveAfter how long an open case may go without anyone acting before Kring asks its
 *     coordinator whether to close it
 * @param closeAfterAsking how long Kring waits for an answer before it closes the case itself
 */
public record RetentionPeriods(Period closedCase, Period inactiveAfter, Period closeAfterAsking) {

  /** A year for closed cases, half a year of quiet, then a month to answer. */
  public static final RetentionPeriods DEFAULT =
      new RetentionPeriods(Period.ofMonths(12), Period.ofMonths(6), Period.ofMonths(1));

  public RetentionPeriods {
    for (Period period : new Period[] {closedCase, inactiveAfter, closeAfterAsking}) {
      if (period == null || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("A retention period is longer than zero");
      }
    }
  }
}
