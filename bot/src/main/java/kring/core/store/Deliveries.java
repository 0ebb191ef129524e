package kring.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names a platform's delivery (a Slack event, a Teams activity) by a digest of its id. */
public final class Deliveries {

  private Deliveries() {}

  /**
   * A short digest of {@code id}: 32 hexadecimal digits, the same for the same id on every node,
   * and nothing of the id itself.
   *
   * @param id the platform's id of the delivery, with whatever makes it unique (its workspace or
   *     conversation); any text
   */
  public static String digest(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
