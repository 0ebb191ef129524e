package kring.core.cases;

/**
 * The rhythm the coordinator set for a case, overriding the agreement's evaluation plan.
 *
 * @param checkInWeeks school weeks between check-ins, 1 to 20
 * @param reflectionWeeks school weeks between reflection rounds, 0 for none, up to 40
 */
public record Cadence(int checkInWeeks, int reflectionWeeks) {

  public Cadence {
    if (checkInWeeks < 1 || checkInWeeks > 20 || reflectionWeeks < 0 || reflectionWeeks > 40) {
      throw new IllegalArgumentException("Check-ins every 1-20 weeks, reflection every 0-40 weeks");
    }
  }
}
