package kring.playground;

import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;

/** How playground rooms and people are named to the core. */
final class PlaygroundRefs {

  /** The one workspace of the playground. */
  static final String SPACE = "local";

  private PlaygroundRefs() {}

  static ChannelRef channel(String roomId) {
    return new ChannelRef(Platform.PLAYGROUND, SPACE, roomId);
  }

  static UserRef user(String personId) {
    return new UserRef(Platform.PLAYGROUND, SPACE, personId);
  }

  static boolean isPlayground(ChannelRef channel) {
    return channel.platform() == Platform.PLAYGROUND
        && SPACE.equals(channel.space())
        && Slugs.isId(channel.channel());
  }

  static boolean isPlayground(UserRef person) {
    return person.platform() == Platform.PLAYGROUND
        && SPACE.equals(person.space())
        && Slugs.isId(person.user());
  }
}
