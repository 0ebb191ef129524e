package kring.playground;

import java.time.Duration;
import java.util.List;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to the playground by appending them to the room's timeline: a channel
 * message for everyone in the room, a private one only to the recipient's own view. Each shows the
 * moment Kring sent it on the playground's clock, not the moment it happened to be delivered. Its
 * sequence number is what the playground calls it, so that it can be removed when its case is
 * erased.
 */
public final class PlaygroundMessenger implements Messenger {

  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundMessenger.class);

  /** The origin of what the playground posts: it is its own platform. */
  static final String ORIGIN = "playground";

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
      TimelineEntry entry =
          rooms.postByKring(channel.channel(), message.reply(), visibleTo, message.createdAt());
      return Delivery.Delivered.as(
          Posted.message(
              Platform.PLAYGROUND, ORIGIN, channel.channel(), Long.toString(entry.seq())),
          List.of());
    } catch (RuntimeException e) {
      // The store may have kept the entry before the failure surfaced, so the outcome is unknown.
      LOG.warn("Could not post message {} to the playground", message.id(), e);
      return new Delivery.Unknown(e.getClass().getSimpleName());
    }
  }

  /** Shows the message in place of Kring's earlier one; one that is gone is posted anew. */
  @Override
  public Delivery update(Posted shown, OutboundMessage message) {
    if (!ours(shown)) {
      return deliver(message);
    }
    try {
      if (rooms.updateByKring(shown.conversation(), Long.parseLong(shown.id()), message.reply())) {
        return Delivery.Delivered.updated(shown);
      }
      return deliver(message);
    } catch (RuntimeException e) {
      LOG.warn("Could not update a message in the playground for {}", message.id(), e);
      return new Delivery.Unknown(e.getClass().getSimpleName());
    }
  }

  private static boolean ours(Posted posted) {
    return posted.platform() == Platform.PLAYGROUND
        && posted.kind() == Posted.Kind.MESSAGE
        && posted.id().matches("\\d{1,18}");
  }

  /** Removes Kring's message from its room; a room or message that is gone counts as done. */
  @Override
  public Retraction retract(Posted posted) {
    if (!ours(posted)) {
      return new Retraction.Impossible("Not a playground message");
    }
    try {
      rooms.removeByKring(posted.conversation(), Long.parseLong(posted.id()));
      return new Retraction.Done();
    } catch (RuntimeException e) {
      return new Retraction.Later(null, e.getClass().getSimpleName());
    }
  }
}
