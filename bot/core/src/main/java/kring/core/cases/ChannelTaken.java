package kring.core.cases;

import kring.core.identity.ChannelRef;

/** A channel holds at most one case; this one already has one. */
public class ChannelTaken extends RuntimeException {

  public ChannelTaken(ChannelRef channel) {
    super("Channel " + channel.key() + " already holds a case");
  }
}
