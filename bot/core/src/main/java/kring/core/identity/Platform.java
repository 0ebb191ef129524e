package kring.core.identity;

import java.util.Locale;

/** A chat platform Kring lives on; the playground counts as one. */
public enum Platform {
  SLACK,
  TEAMS,
  PLAYGROUND;

  /** The lower-case name used inside references and keys. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the lower-case name; refuses anything else. */
  public static Platform fromId(String id) {
    for (Platform platform : values()) {
      if (platform.id().equals(id)) {
        return platform;
      }
    }
    throw new IllegalArgumentException("Unknown platform: " + id);
  }
}
