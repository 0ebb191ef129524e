package kring.core.cases;

import java.time.LocalDate;

/**
 * A known transition the partners recorded (exams, a change of school or class, the end of a
 * youth-care trajectory), for which Kring plans a reflection round shortly before.
 *
 * @param on the day it happens
 * @param kind what kind of transition
 * @param label the partners' own short words for an {@link TransitionKind#OTHER} transition, at
 *     most {@link #LABEL_MAX} characters; empty for the other kinds
 */
public record Transition(LocalDate on, TransitionKind kind, String label) {

  /** A label is a few words, never a story. */
  public static final int LABEL_MAX = 60;

  public Transition {
    if (on == null || kind == null) {
      throw new IllegalArgumentException("A transition needs a day and a kind");
    }
    label = label == null ? "" : label;
    if (kind == TransitionKind.OTHER ? label.isBlank() : !label.isEmpty()) {
      throw new IllegalArgumentException("Only another kind of transition has a label");
    }
    if (label.length() > LABEL_MAX || label.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("A transition's label is one short line");
    }
  }

  /** The same transition: the same day and kind, and the same label whatever its case. */
  boolean sameAs(Transition other) {
    return on.equals(other.on) && kind == other.kind && label.equalsIgnoreCase(other.label);
  }
}
