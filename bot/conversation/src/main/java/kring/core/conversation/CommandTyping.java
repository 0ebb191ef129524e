package kring.core.conversation;

import kring.core.identity.ChannelRef;

/**
 * How a person types a command to Kring in a channel, for the texts that tell them: where Kring
 * reads every message, the command itself; where it reads only what mentions it, the mention first.
 * Each platform says this for its own channels.
 */
@FunctionalInterface
public interface CommandTyping {

  /** The command as it is typed in this channel, such as {@code start AB}. */
  String typed(ChannelRef channel, String command);

  /** Commands are typed as they are. */
  CommandTyping AS_IS = (channel, command) -> command;
}
