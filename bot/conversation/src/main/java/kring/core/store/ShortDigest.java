package kring.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short digest of an id that must not be kept as it is: a platform's delivery (a Slack event, a
 * Teams activity), a message waiting for its reader.
 */
public final class ShortDigest {

  private ShortDigest() {}

  /**
   * A short digest of {@code id}: 32 hexadecimal digits, the same for the same id on every node,
   * and nothing of the id itself.
   *
   * @param id the id, with whatever makes it unique (a delivery's workspace or conversation); any
   *     text
   */
  public static String of(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
