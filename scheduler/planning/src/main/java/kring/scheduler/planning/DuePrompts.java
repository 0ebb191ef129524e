package kring.scheduler.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kring.core.cases.CaseCode;

/**
 * The one list of what is due when: the single source of truth for scheduled prompts, shared by
 * every node. The clock (Quartz) only asks it what is due; losing the clock loses nothing.
 *
 * <p>A prompt is claimed with a lease: the node that claimed it finishes it ({@link #done} or
 * {@link #later}); a node that dies first loses nothing, because once the lease runs out the prompt
 * is claimed again. Whoever sends it must therefore be ready to see it twice.
 */
public interface DuePrompts {

  /**
   * Replaces everything planned for a case with {@code prompts}, atomically. A prompt put off or
   * claimed is left as it is; a personal prompt already handed out (finished by {@link #done}) is
   * never planned again, while a step the case's schedule takes on its own is planned again for as
   * long as the case still needs it (its state says whether it is done).
   */
  void replace(CaseCode code, List<DuePrompt> prompts);

  /**
   * Takes up to about {@code max} prompts due at {@code now}: of all nodes asking at once, exactly
   * one gets each prompt until {@code lease} has passed; one not finished by then is claimed again.
   */
  List<DuePrompt> claim(Instant now, int max, Duration lease);

  /**
   * Claimed prompts are finished: sent, or dropped on purpose. They are remembered as handed out
   * until a day after their window ends.
   */
  void done(List<DuePrompt> finished, Instant now);

  /**
   * Puts a prompt off to a later moment ({@code moved} carries it), whether it was claimed or only
   * planned: it came due when it may not be sent (Kring came back in the evening; the person
   * already had their share of prompts today), or the person asked to be reminded later. Planning
   * again neither drops it nor plans the original once more.
   */
  void later(DuePrompt moved);

  /**
   * Puts a prompt off as {@link #later} does, but leaves what only tells the pollers of its new
   * time to the step returned, to be run once whoever asked for it was answered (a list that has no
   * such step does everything now).
   */
  default Runnable putOff(DuePrompt moved) {
    later(moved);
    return () -> {};
  }

  /** What is planned for a case, earliest first. */
  List<DuePrompt> planned(CaseCode code);

  /**
   * Forgets everything about a case: planned, claimed and handed-out prompts (not its counts, which
   * go with the case's erasure).
   */
  void forget(CaseCode code);

  /** Adds what became of prompts to their cases' counts. */
  void count(List<PromptFate> fates);

  /** How many of a case's prompts ended each way so far, by kind; kinds with none are left out. */
  Map<PromptKind, Map<Fate, Long>> counts(CaseCode code);
}
