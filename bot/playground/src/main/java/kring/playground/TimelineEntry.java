package kring.playground;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import kring.core.reply.Reply;

/**
 * One message in a room's timeline, as the simulated platform shows it.
 *
 * @param seq its place in the playground's single sequence; later messages have higher numbers
 * @param at when it was posted
 * @param kind a person's message or Kring's
 * @param author the person who wrote it, or null for Kring
 * @param text what the person wrote, or null for Kring
 * @param reply what Kring said, or null for a person
 * @param visibleTo the only person who sees it, or null when everyone in the room does
 */
public record TimelineEntry(
    long seq, Instant at, Kind kind, String author, String text, Reply reply, String visibleTo) {

  /** Whether this entry shows in the given person's own view of the room. */
  public boolean isVisibleTo(String personId) {
    return visibleTo == null || visibleTo.equals(personId);
  }

  /** Who wrote a timeline entry. */
  public enum Kind {
    @JsonProperty("user")
    USER,
    @JsonProperty("bot")
    BOT
  }
}
