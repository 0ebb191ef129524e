package kring.core.cases;

import java.time.Instant;

/**
 * A case on hold (a hospital stay, a long absence): Kring sends it no prompts until it resumes.
 *
 * @param since when the case was paused
 * @param bySeq the partner who paused it
 */
public record Pause(Instant since, int bySeq) {

  public Pause {
    if (since == null) {
      throw new IllegalArgumentException("A pause needs a moment");
    }
  }
}
