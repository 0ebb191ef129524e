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
 * @param replaces for a note that one of Kring's earlier entries changed: that entry's number (the
 *     note's reply is what it says now, or null when it was removed); null for any other entry
 */
public record TimelineEntry(
    long seq,
    Instant at,
    Kind kind,
    String author,
    String text,
    Reply reply,
    String visibleTo,
    Long replaces) {

  /** An entry that is not a note of a change. */
  public TimelineEntry(
      long seq, Instant at, Kind kind, String author, String text, Reply reply, String visibleTo) {
    this(seq, at, kind, author, text, reply, visibleTo, null);
  }

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
