package kring.core.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a platform sender says happened to one message. */
public sealed interface Delivery {

  /**
   * The platform accepted it.
   *
   * @param posted what the platform calls what Kring posted (the message, files uploaded with it),
   *     so that it can be deleted with its case; empty when there is nothing Kring could delete (an
   *     ephemeral message) or when an earlier post was updated
   * @param shown the post that shows the message, which a later message for the same {@link Place}
   *     can update; null when there is none Kring could update (an ephemeral message, a notice that
   *     stands for several messages)
   */
  record Delivered(List<Posted> posted, Posted shown) implements Delivery {

    public Delivered {
      posted = posted == null ? List.of() : List.copyOf(posted);
      if (shown != null && shown.kind() != Posted.Kind.MESSAGE) {
        throw new IllegalArgumentException("Only a message can be updated in place");
      }
    }

    /** Delivered, with these posts to delete with the case and none to update in place. */
    public Delivered(List<Posted> posted) {
      this(posted, null);
    }

    /** Delivered, with nothing Kring could delete later. */
    public Delivered() {
      this(List.of());
    }

    /** Delivered as one new post, which is deleted with the case and can be updated in place. */
    public static Delivered as(Posted post, List<Posted> alsoPosted) {
      List<Posted> all = new ArrayList<>();
      all.add(post);
      all.addAll(alsoPosted);
      return new Delivered(all, post);
    }

    /** An earlier post now shows the message: nothing new to delete. */
    public static Delivered updated(Posted post) {
      return new Delivered(List.of(), post);
    }
  }

  /**
   * Certainly not delivered, worth trying again (rate limit, a 5xx before acceptance, no network).
   *
   * @param after how long the platform asked us to wait, or null to use our own backoff
   * @param reason what the platform said
   * @param rateLimited whether the platform said Kring sends too fast (HTTP 429)
   */
  record NotYet(Duration after, String reason, boolean rateLimited) implements Delivery {

    /** Not delivered for a reason other than a rate limit. */
    public NotYet(Duration after, String reason) {
      this(after, reason, false);
    }

    /** The platform said Kring sends too fast, and asked it to wait {@code after} (or null). */
    public static NotYet rateLimited(Duration after, String reason) {
      return new NotYet(after, reason, true);
    }
  }

  /**
   * Not sent: Kring held it back itself to stay within the platform's limits (a method's quota for
   * the minute is used up, or the platform asked to wait). Not a failed attempt: it is due again
   * after {@code after} with its attempts as they were.
   *
   * @param after how long to wait
   * @param reason which limit held it back
   */
  record Waits(Duration after, String reason) implements Delivery {

    public Waits {
      if (after == null || after.isNegative()) {
        throw new IllegalArgumentException("A message held back waits a known time");
      }
    }
  }

  /**
   * Maybe delivered: the platform may have accepted it before the connection failed.
   *
   * @param reason what happened
   */
  record Unknown(String reason) implements Delivery {}

  /**
   * Never deliverable (channel gone, bot removed, bad request): give it up.
   *
   * @param reason what the platform said
   * @param gone what the platform says is gone for good, if anything
   */
  record Undeliverable(String reason, Gone gone) implements Delivery {

    /** Undeliverable for a reason that says nothing about the channel or the person. */
    public Undeliverable(String reason) {
      this(reason, Gone.NOTHING);
    }
  }

  /** What an undeliverable message tells about where it should have gone. */
  enum Gone {
    NOTHING,
    /** The channel is archived or deleted, or Kring is no longer in it. */
    CHANNEL,
    /** The person's account is deactivated or unknown. */
    PERSON
  }
}
