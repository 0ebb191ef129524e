package kring.core.identity;

/**
 * A person on one platform, for example Slack user {@code U123} in workspace {@code T9}.
 *
 * @param platform where the person has their account
 * @param space the workspace or tenant that scopes the user id
 * @param user the platform's own user id
 */
public record UserRef(Platform platform, String space, String user) {

  public UserRef {
    if (platform == null) {
      throw new IllegalArgumentException("A user reference needs a platform");
    }
    Refs.space(space);
    Refs.id(user, "A user id");
  }

  /** One string that names this person, used in keys: {@code slack:T9:U123}. */
  public String key() {
    return platform.id() + ":" + space + ":" + user;
  }

  /** Parses what {@link #key()} wrote. */
  public static UserRef parse(String key) {
    String[] parts = Refs.split(key, "user");
    return new UserRef(Platform.fromId(parts[0]), parts[1], parts[2]);
  }
}
