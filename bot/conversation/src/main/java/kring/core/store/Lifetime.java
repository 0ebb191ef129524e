package kring.core.store;

import java.time.Instant;

/**
 * What a commit tells the retention clock about its case, stored with the case itself so that the
 * clock's shared indexes can always be rebuilt from the cases: when people last acted in it, and
 * when its erasure was agreed to happen. That the case is closed (and since when) the store takes
 * from the case's status.
 *
 * @param actedAt when people acted in the case with this commit, or null when the commit was
 *     Kring's own (a scheduled step, an operator's task)
 * @param eraseAt when the case is to be erased, agreed with this commit, or null
 */
public record Lifetime(Instant actedAt, Instant eraseAt) {

  /** A commit of Kring's own: the retention clock learns nothing but a closing. */
  public static final Lifetime UNCHANGED = new Lifetime(null, null);

  /** People acted in the case at {@code at}. */
  public static Lifetime acted(Instant at) {
    return new Lifetime(at, null);
  }

  /** The same, with the case's erasure agreed for {@code at}. */
  public Lifetime erasedAt(Instant at) {
    return new Lifetime(actedAt, at);
  }
}
