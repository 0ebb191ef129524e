package kring.core.store;

import java.util.List;
import kring.scheduler.planning.DuePrompt;

/**
 * What a commit does to a case's planned prompts.
 *
 * @param prompts the case's plan from now on, when {@link #kind} is {@link Kind#REPLACE}
 */
public record Plan(Kind kind, List<DuePrompt> prompts) {

  /** What happens to the plan. */
  public enum Kind {
    /** The plan stays as it is. */
    KEEP,
    /** The plan is replaced (see {@link kring.scheduler.planning.DuePrompts#replace}). */
    REPLACE,
    /** The case closed: nothing is planned any more, and nothing is remembered. */
    FORGET
  }

  public static final Plan KEEP = new Plan(Kind.KEEP, List.of());
  public static final Plan FORGET = new Plan(Kind.FORGET, List.of());

  public Plan {
    prompts = List.copyOf(prompts);
    if (kind != Kind.REPLACE && !prompts.isEmpty()) {
      throw new IllegalArgumentException("Only a new plan holds prompts");
    }
  }

  public static Plan replace(List<DuePrompt> prompts) {
    return new Plan(Kind.REPLACE, prompts);
  }
}
