package kring.core.conversation;

import java.util.Map;
import kring.core.identity.ChannelRef;

/**
 * The one entry point for everything people do with Kring, on every platform: typed commands,
 * button presses and form submissions. Messages are written to the outbox before this returns; the
 * {@link Outcome} says only what the adapter must answer inside the request.
 */
public interface Conversation {

  /** Kring was added to a channel (or a playground room was created with Kring in it). */
  Outcome added(Speaker by, ChannelRef channel);

  /** A person typed something addressed to Kring (slash command, mention, message). */
  Outcome say(Speaker speaker, ChannelRef channel, String text);

  /** A person pressed one of Kring's buttons. */
  Outcome press(Speaker speaker, ChannelRef channel, String action, String value);

  /** A person submitted one of Kring's forms. */
  Outcome submit(Speaker speaker, ChannelRef channel, String formId, Map<String, String> values);
}
