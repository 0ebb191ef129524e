package kring.core.operations;

import java.time.Duration;
import java.util.Map;

/**
 * How much work is waiting, read from the store at one moment.
 *
 * @param outboxWaiting messages in the outbox, waiting or being delivered
 * @param outboxOverdue how long the message that came due first has waited since; zero when none is
 *     overdue
 * @param deadLetters dead letters kept (the newest, up to the store's cap)
 * @param casesWithPromptsDue cases with a scheduled prompt that came due and is not taken yet
 * @param promptsOverdue how long the prompt that came due first has waited since; zero when none
 * @param cases how many cases there are in each stage of their life
 */
public record Backlog(
    long outboxWaiting,
    Duration outboxOverdue,
    long deadLetters,
    long casesWithPromptsDue,
    Duration promptsOverdue,
    Map<CaseStage, Long> cases) {

  public Backlog {
    cases = Map.copyOf(cases);
  }

  /** Where a case is as the retention clock sees it; each case is in one stage. */
  public enum CaseStage {
    /** Open (getting started or active), and someone acted in it lately. */
    OPEN,
    /** Open, quiet for long: its coordinator was asked whether to close it. */
    QUIET,
    /** Closed, kept until its retention period ends. */
    CLOSED,
    /** Erased; only its code is kept, so that a restored backup cannot bring it back. */
    ERASED
  }
}
