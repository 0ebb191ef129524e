package kring.core.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A note a partner who left wrote for whoever takes over their part: written on purpose, for the
 * successor, like the agreement's texts.
 *
 * @param fromSeq the partner who left
 * @param role their role, so that a newcomer in the same role gets the note
 * @param note what the successor should know, at most {@link #NOTE_MAX} characters
 * @param successor who takes over, if the leaver knows (a name or a function), or empty
 * @param at when it was written
 * @param givenTo the partners who joined since and got it
 */
public record Handover(
    int fromSeq, Role role, String note, String successor, Instant at, List<Integer> givenTo) {

  public static final int NOTE_MAX = 1000;
  public static final int SUCCESSOR_MAX = 100;

  public Handover {
    if (fromSeq < 1 || at == null) {
      throw new IllegalArgumentException("A handover needs its author and a moment");
    }
    note = note == null ? "" : note;
    successor = successor == null ? "" : successor;
    if (note.isBlank() || note.length() > NOTE_MAX || successor.length() > SUCCESSOR_MAX) {
      throw new IllegalArgumentException("A handover note is 1 to " + NOTE_MAX + " characters");
    }
    givenTo = List.copyOf(givenTo);
  }

  /** The same note, now also given to partner {@code seq}. */
  public Handover givenTo(int seq) {
    if (givenTo.contains(seq)) {
      return this;
    }
    List<Integer> more = new ArrayList<>(givenTo);
    more.add(seq);
    return new Handover(fromSeq, role, note, successor, at, more);
  }
}
