package kring.core.checkin;

/** The three quick questions of a check-in; about a minute to answer. */
public enum CheckInQuestion {
  /** Is our shared goal still on track? */
  GOAL_ON_TRACK,
  /** Did you get what you needed from the others, in time? */
  GOT_WHAT_NEEDED,
  /** Is it clear who does what? */
  CLEAR_WHO_DOES_WHAT
}
