package kring.scheduler.planning;

/**
 * What became of a prompt that came due, for the counts the coordinator's planning shows: few means
 * few, and what that gives up should be visible.
 */
public enum Fate {
  /** It went out in a message of its own. */
  SENT,
  /** It went out combined with other prompts in one message. */
  COMBINED,
  /** It had to wait for its person's next turn (their share of the day or week was used). */
  PUT_OFF,
  /** Its moment passed before it could go (its round closed, its window ended): it was dropped. */
  DROPPED
}
