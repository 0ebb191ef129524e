package kring.core.outbox;

import java.time.Duration;

/** What a platform says happened when Kring asked it to delete something it posted. */
public sealed interface Retraction {

  /** Deleted, or already gone (deleted by someone, or its channel is gone): nothing left to do. */
  record Done() implements Retraction {}

  /**
   * Not deleted now, worth asking again (rate limit, a 5xx, no network).
   *
   * @param after how long the platform asked Kring to wait, or null to use Kring's own backoff
   * @param reason what the platform said
   */
  record Later(Duration after, String reason) implements Retraction {}

  /**
   * Cannot be deleted until the account it was posted in lets Kring in again (the workspace removed
   * Kring or revoked its token): kept, and tried again when the account is back ({@link
   * Retractions#resume}) or at the latest after {@link Retractor#WAITING}.
   *
   * @param reason what the platform said
   */
  record Waiting(String reason) implements Retraction {}

  /**
   * Cannot be deleted by Kring (no permission any more, the platform forbids it): give it up.
   *
   * @param reason what the platform said
   */
  record Impossible(String reason) implements Retraction {}
}
