package kring.core.conversation.family;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The secrets of a family link: a token of 256 random bits (43 characters in the link) and a short
 * code of 8 characters to read out or write down. Kring keeps only their SHA-256 hashes.
 */
public final class FamilyTokens {

  /** The letters of a short code: no 0/O or 1/I that a person might mix up. */
  private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  static final int CODE_LENGTH = 8;

  private final SecureRandom random;

  public FamilyTokens(SecureRandom random) {
    this.random = random;
  }

  /** A new token for a link: 32 random bytes, URL-safe. */
  public String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A new short code, shown as two groups of four: {@code KX7P-3MQA}. */
  public String shortCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < CODE_LENGTH; i++) {
      if (i == CODE_LENGTH / 2) {
        code.append('-');
      }
      code.append(CODE_LETTERS.charAt(random.nextInt(CODE_LETTERS.length())));
    }
    return code.toString();
  }

  /**
   * The hash a link is found by, for what a person brought: a token of the link's length, or a
   * short code with or without its dash, in any case; empty for anything else (nothing to look up).
   */
  public static Optional<String> hashOf(String given) {
    if (given == null || given.length() > 64) {
      return Optional.empty();
    }
    if (given.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.of(sha256(given));
    }
    String code = given.replace("-", "").toUpperCase(Locale.ROOT);
    if (code.length() == CODE_LENGTH && code.chars().allMatch(c -> CODE_LETTERS.indexOf(c) >= 0)) {
      return Optional.of(sha256("code:" + code));
    }
    return Optional.empty();
  }

  /** The SHA-256 of a text, in hexadecimal. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }
}
