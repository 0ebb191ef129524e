package kring.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A platform delivery that must have one effect however often the platform sends it, decided by
 * marks remembered for a while: the request's own mark (a replay of the very same request), then
 * the delivery's (the platform's next try of it). The delivery was sent before when any of its
 * marks is remembered; otherwise all are remembered from now. A store decides it with a turn's read
 * ({@link TurnRead.Extra#firstSight}), in the same round trip.
 *
 * @param marks in the order they are looked at: a mark found remembered leaves the ones after it as
 *     they were
 */
public record Sighting(List<Mark> marks) {

  /**
   * One mark of a delivery.
   *
   * @param scope a short fixed word of the platform, such as {@code slack-event}: what the mark
   *     stands for, named in the log when it drops a delivery
   * @param digest the {@link ShortDigest} of the platform's id, never the id itself
   * @param remember how long the mark is remembered: longer than the platform sends it again
   */
  public record Mark(String scope, String digest, Duration remember) {
    public Mark {
      if (!scope.matches("[a-z-]{1,30}")) {
        throw new IllegalArgumentException("A scope is a short lower-case word: " + scope);
      }
      if (!digest.matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("A mark keeps a short digest, not an id");
      }
      if (remember.isNegative() || remember.isZero()) {
        throw new IllegalArgumentException("A mark is remembered for a while: " + remember);
      }
    }

    /** The mark of the platform's id {@code id} (any text: only its digest is kept). */
    public static Mark of(String scope, String id, Duration remember) {
      return new Mark(scope, ShortDigest.of(id), remember);
    }
  }

  /**
   * What a store found of a delivery's marks.
   *
   * @param rememberedBy the scope of the first mark found remembered, or empty when none was (the
   *     delivery is new, and its marks are remembered now)
   */
  public record Found(Optional<String> rememberedBy) {

    /** None of the marks was remembered: the delivery is new. */
    public static final Found NEW = new Found(Optional.empty());

    /** The platform sent the delivery before. */
    public boolean sentBefore() {
      return rememberedBy.isPresent();
    }
  }

  public Sighting {
    marks = List.copyOf(marks);
    if (marks.isEmpty()) {
      throw new IllegalArgumentException("A delivery is seen by at least one mark");
    }
  }

  /** A delivery seen by these marks, in this order. */
  public static Sighting of(Mark... marks) {
    return new Sighting(List.of(marks));
  }
}
