package kring.core.store;

import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.scheduler.planning.DuePrompt;

/** Where a store that cannot commit a turn at once puts the turn's plan and finished prompts. */
public interface PlanWriter {

  /** Applies what a commit does to a case's planned prompts. */
  void apply(CaseCode code, Plan plan);

  /** Claimed due prompts are done (see {@link kring.scheduler.planning.DuePrompts#done}). */
  void finished(List<DuePrompt> prompts, Instant now);

  /**
   * Puts a prompt off (see {@link kring.scheduler.planning.DuePrompts#putOff}).
   *
   * @return what only tells the pollers of its new time, to be run once the turn is stored
   */
  Runnable putOff(DuePrompt moved);
}
