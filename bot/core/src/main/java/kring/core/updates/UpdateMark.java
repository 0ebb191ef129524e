package kring.core.updates;

import java.time.Instant;

/**
 * When a partner last gave the others news: Kring keeps who updated when, never the text.
 *
 * @param partnerSeq the partner
 * @param at when
 * @param nothingNew whether the partner said there was nothing new instead of posting an update
 */
public record UpdateMark(int partnerSeq, Instant at, boolean nothingNew) {

  public UpdateMark {
    if (partnerSeq < 1 || at == null) {
      throw new IllegalArgumentException("An update mark needs a partner and a moment");
    }
  }
}
