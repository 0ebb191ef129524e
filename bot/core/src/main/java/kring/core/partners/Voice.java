package kring.core.partners;

import java.time.Instant;

/**
 * The perspective of a person without an account (the pupil, a parent), as the partner who
 * represents them recorded it: on the shared goal, and on how the collaboration works for them.
 *
 * @param onGoal their view on the goal, at most {@link #MAX} characters, or empty
 * @param onCollaboration how the collaboration works for them, at most {@link #MAX}, or empty
 * @param recordedBySeq the partner who recorded it
 * @param recordedAt when
 */
public record Voice(String onGoal, String onCollaboration, int recordedBySeq, Instant recordedAt) {

  public static final int MAX = 500;

  public Voice {
    onGoal = onGoal == null ? "" : onGoal;
    onCollaboration = onCollaboration == null ? "" : onCollaboration;
    if (recordedAt == null || recordedBySeq < 1) {
      throw new IllegalArgumentException("A voice is recorded by a partner at a moment");
    }
    if (onGoal.length() > MAX || onCollaboration.length() > MAX) {
      throw new IllegalArgumentException("A voice holds at most " + MAX + " characters each");
    }
    if (onGoal.isBlank() && onCollaboration.isBlank()) {
      throw new IllegalArgumentException("A voice says something");
    }
  }
}
