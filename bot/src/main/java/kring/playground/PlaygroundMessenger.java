package kring.playground;

import java.time.Duration;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to the playground by appending them to the room's timeline: a channel
 * message for everyone in the room, a private one only to the recipient's own view.
 */
public final class PlaygroundMessenger implements Messenger {

  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundMessenger.class);

  private final Rooms rooms;

  /**
   * @param rooms the simulated platform the messages are posted to
   */
  public PlaygroundMessenger(Rooms rooms) {
    this.rooms = rooms;
  }

  @Override
  public Platform platform() {
    return Platform.PLAYGROUND;
  }

  /** The playground has no rate limit of its own. */
  @Override
  public Duration pace() {
    return Duration.ZERO;
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    Recipient to = message.to();
    ChannelRef channel = to.channel();
    if (!PlaygroundRefs.isPlayground(channel)) {
      return new Delivery.Undeliverable("Not a playground room: " + channel.key());
    }
    UserRef person = to.person();
    if (person != null && !PlaygroundRefs.isPlayground(person)) {
      return new Delivery.Undeliverable("Not a playground person: " + person.key());
    }
    String visibleTo = person == null ? null : person.user();
    try {
      if (rooms.room(channel.channel()).isEmpty()) {
        return new Delivery.Undeliverable("The playground room no longer exists");
      }
      if (visibleTo != null && rooms.person(visibleTo).isEmpty()) {
        return new Delivery.Undeliverable("The playground person no longer exists");
      }
      rooms.postByKring(channel.channel(), message.reply(), visibleTo);
      return new Delivery.Delivered();
    } catch (RuntimeException e) {
      // The store may have kept the entry before the failure surfaced, so the outcome is unknown.
      LOG.warn("Could not post message {} to the playground", message.id(), e);
      return new Delivery.Unknown(e.getClass().getSimpleName());
    }
  }
}
