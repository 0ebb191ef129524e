package kring.core.identity;

import java.util.regex.Pattern;

/** Shared validation for the opaque parts of references: short, printable, no separators. */
final class Refs {

  private static final Pattern SPACE = Pattern.compile("[A-Za-z0-9._@+\\-]{1,128}");

  // Teams ids look like "19:abc@thread.tacv2" or "29:1xyz", so the last part may hold ':' ';' '='.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@+\\-:;=]{1,256}");

  private Refs() {}

  static String space(String value) {
    if (value == null || !SPACE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "A workspace id must be 1-128 letters, digits or . _ @ + -, got: " + shorten(value));
    }
    return value;
  }

  static String id(String value, String what) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1-256 letters, digits or . _ @ + - : ; =, got: " + shorten(value));
    }
    return value;
  }

  static String[] split(String key, String what) {
    String[] parts = key == null ? new String[0] : key.split(":", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("Not a " + what + " reference: " + shorten(key));
    }
    return parts;
  }

  private static String shorten(String value) {
    if (value == null) {
      return "nothing";
    }
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
