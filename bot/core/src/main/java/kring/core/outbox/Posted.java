package kring.core.outbox;

import kring.core.identity.Platform;

/**
 * What the platform calls one thing Kring posted, so that Kring can delete it when its case is
 * erased: the platform's own opaque ids, never what it said.
 *
 * @param platform where it was posted
 * @param kind a message, or a file Kring uploaded
 * @param origin what the platform needs to find it again: the Slack workspace id (for its bot
 *     token), the Teams Bot Connector's service URL, the playground's own name
 * @param conversation the channel or chat it is in; none for a Slack file, which has its own id
 * @param id the platform's id of the message or file (a Slack timestamp or file id, a Teams
 *     activity id, a playground sequence number)
 */
public record Posted(Platform platform, Kind kind, String origin, String conversation, String id) {

  /** The longest id or address Kring keeps: platform ids are far shorter. */
  public static final int MAX_LENGTH = 512;

  /** What was posted. */
  public enum Kind {
    MESSAGE,
    FILE
  }

  public Posted {
    if (platform == null || kind == null || !fits(origin) || !fits(id)) {
      throw new IllegalArgumentException("A posted item needs a platform, a kind, a place and id");
    }
    if (kind == Kind.MESSAGE ? !fits(conversation) : conversation != null && !fits(conversation)) {
      throw new IllegalArgumentException("A posted message needs the conversation it is in");
    }
  }

  /** A message in a conversation. */
  public static Posted message(Platform platform, String origin, String conversation, String id) {
    return new Posted(platform, Kind.MESSAGE, origin, conversation, id);
  }

  /** A file Kring uploaded. */
  public static Posted file(Platform platform, String origin, String id) {
    return new Posted(platform, Kind.FILE, origin, null, id);
  }

  private static boolean fits(String value) {
    return value != null && !value.isBlank() && value.length() <= MAX_LENGTH;
  }
}
