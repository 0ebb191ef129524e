package kring.core.agreement;

/**
 * How closely the partners work together and how often they look back, in school weeks.
 *
 * @param level the collaboration level
 * @param checkInWeeks school weeks between check-ins
 * @param reflectionWeeks school weeks between reflection rounds, 0 for none
 */
public record EvaluationPlan(CollaborationLevel level, int checkInWeeks, int reflectionWeeks) {

  public EvaluationPlan {
    if (level == null) {
      throw new IllegalArgumentException("An evaluation plan needs a collaboration level");
    }
    if (checkInWeeks < 1 || checkInWeeks > 20 || reflectionWeeks < 0 || reflectionWeeks > 40) {
      throw new IllegalArgumentException("Check-ins every 1-20 weeks, reflection every 0-40 weeks");
    }
  }

  /**
   * The default plan for a collaboration level: how often the partners check in and reflect, the
   * closer they work together the more often.
   */
  public static EvaluationPlan defaultFor(CollaborationLevel level) {
    return switch (level) {
      case CONTACT -> new EvaluationPlan(level, 8, 0);
      case COORDINATION -> new EvaluationPlan(level, 4, 10);
      case COLLABORATION -> new EvaluationPlan(level, 2, 6);
    };
  }
}
