package kring.core.identity;

/**
 * A channel, group chat or playground room that can hold one case.
 *
 * @param platform where the channel lives
 * @param space the workspace or team that scopes the channel id
 * @param channel the platform's own channel id
 */
public record ChannelRef(Platform platform, String space, String channel) {

  public ChannelRef {
    if (platform == null) {
      throw new IllegalArgumentException("A channel reference needs a platform");
    }
    Refs.space(space);
    Refs.id(channel, "A channel id");
  }

  /** One string that names this channel, used in keys: {@code slack:T9:C42}. */
  public String key() {
    return platform.id() + ":" + space + ":" + channel;
  }

  /** Parses what {@link #key()} wrote. */
  public static ChannelRef parse(String key) {
    String[] parts = Refs.split(key, "channel");
    return new ChannelRef(Platform.fromId(parts[0]), parts[1], parts[2]);
  }
}
