package kring.core.consent;

import java.time.Instant;

/**
 * That a consent was withdrawn: by which partner, when.
 *
 * @param bySeq the partner who recorded the withdrawal
 * @param at when
 */
public record Withdrawal(int bySeq, Instant at) {

  public Withdrawal {
    if (bySeq < 1 || at == null) {
      throw new IllegalArgumentException("A withdrawal needs a partner and a moment");
    }
  }
}
