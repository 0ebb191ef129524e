package kring.core.outbox;

import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;

/**
 * Where a message goes: the channel, or one person privately in the context of that channel.
 *
 * @param channel the channel (for a private message: where the person met Kring)
 * @param person the person for a private message, or null for the channel
 */
public record Recipient(ChannelRef channel, UserRef person) {

  public Recipient {
    if (channel == null) {
      throw new IllegalArgumentException("A recipient needs a channel");
    }
  }

  public static Recipient channel(ChannelRef channel) {
    return new Recipient(channel, null);
  }

  public static Recipient privately(ChannelRef channel, UserRef person) {
    if (person == null) {
      throw new IllegalArgumentException("A private message needs a person");
    }
    return new Recipient(channel, person);
  }

  public boolean isPrivate() {
    return person != null;
  }

  /** The conversation a platform paces by: the channel, or the private chat with the person. */
  public String conversationKey() {
    return person == null ? channel.key() : "dm:" + person.key();
  }
}
