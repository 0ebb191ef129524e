package kring.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature strictly: the timestamp must lie within a window on both sides
 * of now (Bolt's own check lets future timestamps through), and the signature is compared in
 * constant time.
 */
public final class SlackSignatures {

  /** Slack's advice: refuse requests older than five minutes; Kring also refuses newer ones. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private final byte[] secret;
  private final Clock clock;

  public SlackSignatures(String signingSecret, Clock clock) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("Slack's signing secret is missing");
    }
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** What a check found. */
  enum Verdict {
    VALID,
    MISSING,
    OUT_OF_WINDOW,
    WRONG
  }

  Verdict check(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      return Verdict.MISSING;
    }
    long seconds = Long.parseLong(timestamp);
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > WINDOW.toSeconds()) {
      return Verdict.OUT_OF_WINDOW;
    }
    byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.WRONG;
  }

  /** The signature Slack puts on a request: {@code v0=} and the hex HMAC-SHA256. */
  String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every JVM has HmacSHA256", e);
    }
  }
}
