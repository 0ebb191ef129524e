package kring.core.outbox;

import java.util.regex.Pattern;

/**
 * What a message stands for when that thing changes later (a join request that gets handled, an
 * agreement version that people confirm, a person's check-in): the first message for a place is
 * posted, every later one updates that post in place, so that the channel shows one message per
 * thing and no button stays where it no longer works.
 *
 * <p>A place is one person's or the channel's: the same name sent to two people is two posts.
 *
 * @param name the thing, unique within its case, such as {@code join:4}, {@code agreement:2} or
 *     {@code check-in:3}
 * @param version which state of it the message shows: a later state has a higher version (the
 *     revision the case's commit stores), so that an older state delivered late never overwrites a
 *     newer one
 * @param mode how the message takes the place
 */
public record Place(String name, long version, Mode mode) {

  /** How a message takes its place. */
  public enum Mode {
    /** Updates the post of an earlier state, or is posted when there is none. */
    SHOW,
    /**
     * Is posted anew, so that its person is notified (a reminder), and the post of an earlier state
     * is deleted: one post stands for the thing.
     */
    AGAIN,
    /**
     * Only updates an earlier post (to take its buttons away once they no longer apply); dropped
     * when nothing was posted for the place.
     */
    RETIRE
  }

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9:.-]{0,63}");

  public Place {
    if (name == null || !NAME.matcher(name).matches() || version < 0 || mode == null) {
      throw new IllegalArgumentException("A place needs a short name, a version and a mode");
    }
  }

  /** State {@code version} of {@code name}, updating the earlier post or posted. */
  public static Place show(String name, long version) {
    return new Place(name, version, Mode.SHOW);
  }
}
