package kring.core.conversation;

import kring.core.identity.UserRef;
import kring.core.store.ShortDigest;

/**
 * The names of the things Kring's messages stand for ({@link kring.core.outbox.Place}), which the
 * features and the schedule share: each names one post in the channel, or one in a person's private
 * chat, that later states of the thing update.
 */
public final class PlaceNames {

  private PlaceNames() {}

  /** A partner's check-in card for one round. */
  public static String checkIn(int number) {
    return "check-in:" + number;
  }

  /**
   * A partner's check-in card posted on its own after they answered from a message that held other
   * prompts too, which the card must not replace.
   */
  public static String checkInCard(int number) {
    return "check-in:" + number + ":card";
  }

  /** Every post that shows a partner's check-in: what a closed round retires. */
  public static java.util.List<String> checkInPosts(int number) {
    return java.util.List.of(checkIn(number), checkInCard(number));
  }

  /** A version's post in the channel, and a partner's reminder to confirm it. */
  public static String agreement(int version) {
    return "agreement:" + version;
  }

  /**
   * A request to join, in the channel: one post per applicant. Named by a digest, so that no
   * account id is in its name.
   */
  public static String join(UserRef applicant) {
    return "join:" + ShortDigest.of(applicant.key());
  }

  /** A reflection round's invitation, in the channel or to a partner. */
  public static String reflection(int number) {
    return "reflection:" + number;
  }
}
