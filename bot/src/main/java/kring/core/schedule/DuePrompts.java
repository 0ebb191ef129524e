package kring.core.schedule;

import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;

/**
 * The one list of what is due when: the single source of truth for scheduled prompts, shared by
 * every node. The clock (Quartz) only asks it what is due; losing the clock loses nothing.
 */
public interface DuePrompts {

  /**
   * Replaces everything planned for a case with {@code prompts}, atomically. A prompt already
   * handed out once (by {@link #claim}) is never planned again.
   */
  void replace(CaseCode code, List<DuePrompt> prompts);

  /**
   * Takes up to {@code max} prompts due at {@code now}, atomically: of all nodes asking at once,
   * exactly one gets each prompt, and it is remembered as handed out.
   */
  List<DuePrompt> claim(Instant now, int max);

  /**
   * Puts a claimed prompt off to a later moment ({@code moved} carries it): it came due when it may
   * not be sent (Kring came back in the evening; the person already had their share of prompts
   * today; they asked to be reminded later). It stays handed out, so planning again neither drops
   * it nor plans the original once more.
   */
  void later(DuePrompt moved);

  /** What is planned for a case, earliest first. */
  List<DuePrompt> planned(CaseCode code);

  /** Forgets everything about a case: planned prompts and which were handed out. */
  void forget(CaseCode code);
}
