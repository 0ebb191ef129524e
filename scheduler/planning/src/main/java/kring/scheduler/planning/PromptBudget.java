package kring.scheduler.planning;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import kring.core.identity.UserRef;

/**
 * Few means few: each person gets at most one message of prompts per school day and at most {@link
 * #PER_WEEK} per school week, across all their cases. Shared by every node, so two nodes never both
 * use the same share.
 */
public interface PromptBudget {

  /** Unsolicited messages a person gets in a school week at most. */
  int PER_WEEK = 2;

  /**
   * Takes one message from each person's share for {@code day}, atomically per person.
   *
   * @param week the Monday of the week {@code day} is in
   * @return for each person, whether the message may go, or which share is used up
   */
  default Map<UserRef, Share> take(Set<UserRef> people, LocalDate day, LocalDate week) {
    return take(people, Set.of(), day, week);
  }

  /**
   * Takes one message from each person's share, as {@link #take(Set, LocalDate, LocalDate)} does,
   * except that for the people in {@code canWait} (their message would hold only what can wait a
   * few days, like a nudge for news) the week's last message is not taken: it is kept for what
   * cannot wait, such as a check-in's reminder before it closes.
   *
   * @return for each person, whether the message may go, or why not
   */
  Map<UserRef, Share> take(
      Set<UserRef> people, Set<UserRef> canWait, LocalDate day, LocalDate week);

  /** Whether a person's message may go now. */
  enum Share {
    GRANTED,
    /** They already had their message today. */
    DAY_USED,
    /** They already had their messages this week. */
    WEEK_USED,
    /** Only the week's last message is left, and it is kept for what cannot wait. */
    KEPT
  }
}
