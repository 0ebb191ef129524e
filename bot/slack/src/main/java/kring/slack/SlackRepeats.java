package kring.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kring.core.store.Sighting;
import kring.storage.RedisOnce;

/**
 * Whether Kring saw a Slack request before: by its signature (a replay of the very same request
 * inside the signature window) and, for an event, by its id (Slack's next try of an event it
 * already delivered, to this node or another). Decided in one round trip to Redis of its own, or,
 * for work that begins with a turn, by the turn's read.
 */
final class SlackRepeats {

  /** The scope of the signatures of the requests Kring took, in {@link RedisOnce}. */
  static final String REQUESTS = "slack-request";

  /** The scope of the events Kring took, in {@link RedisOnce}. */
  static final String EVENTS = "slack-event";

  /** Longer than the signature window, so a replay inside the window is always recognised. */
  static final Duration REMEMBER_SIGNATURES = SlackSignatures.WINDOW.multipliedBy(3);

  /** Longer than Slack goes on trying an event again (three tries within about five minutes). */
  static final Duration REMEMBER_EVENTS = Duration.ofHours(2);

  private final RedisOnce once;

  SlackRepeats(RedisOnce once) {
    this.once = once;
  }

  /**
   * Whether a request was seen before, and if not, remembers it as seen: its signature ({@code
   * null} through Socket Mode, which has none) and its event's key ({@code null} for anything but
   * an event).
   */
  RedisOnce.Seen seen(String signature, String event) {
    if (signature != null && event != null) {
      return once.firstThenClaim(
          REQUESTS, signature, REMEMBER_SIGNATURES, EVENTS, event, REMEMBER_EVENTS);
    }
    if (signature != null) {
      return once.first(REQUESTS, signature, REMEMBER_SIGNATURES)
          ? RedisOnce.Seen.NEW
          : RedisOnce.Seen.REPEATED;
    }
    if (event != null) {
      return once.first(EVENTS, event, REMEMBER_EVENTS)
          ? RedisOnce.Seen.NEW
          : RedisOnce.Seen.CLAIMED_ELSEWHERE;
    }
    return RedisOnce.Seen.NEW;
  }

  /**
   * The same marks for work that begins with a turn, which decides them with its read ({@link
   * kring.core.store.Sighting}): the request's signature ({@code null} through Socket Mode), then
   * its event's key ({@code null} for anything but an event). Empty where it has neither.
   */
  static Optional<Sighting> sighting(String signature, String event) {
    List<Sighting.Mark> marks = new ArrayList<>();
    if (signature != null) {
      marks.add(Sighting.Mark.of(REQUESTS, signature, REMEMBER_SIGNATURES));
    }
    if (event != null) {
      marks.add(Sighting.Mark.of(EVENTS, event, REMEMBER_EVENTS));
    }
    return marks.isEmpty() ? Optional.empty() : Optional.of(new Sighting(marks));
  }

  /** One line in the log for a request that is dropped as seen before, without its contents. */
  static String dropped(RedisOnce.Seen seen) {
    return seen == RedisOnce.Seen.REPEATED
        ? "Dropped a replayed Slack request"
        : "Dropped a Slack event delivered again";
  }
}
