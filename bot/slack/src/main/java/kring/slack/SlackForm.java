package kring.slack;

import java.util.Arrays;

/**
 * The body of a Web API call as a form ({@code application/x-www-form-urlencoded}), written once,
 * straight into its bytes: each name and value percent-encoded as UTF-8, every byte that is not a
 * letter, digit or one of {@code -._*} as {@code %XX} (a space too).
 *
 * <p>The Slack client's own form builder encodes every value a character at a time through a
 * buffer, and then its HTTP client reads it again; for the blocks of a long message (the help, a
 * case card) that was most of the processor time and the memory of delivering it, beside the
 * threads that acknowledge Slack's requests.
 */
final class SlackForm {

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
  };

  /** The ASCII characters a form value carries as they are. */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (int c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (int c = '0'; c <= '9'; c++) {
      PLAIN[c] = true;
    }
    for (char c : "-._*".toCharArray()) {
      PLAIN[c] = true;
    }
  }

  private byte[] bytes = new byte[256];
  private int length;

  /** The form with {@code name=value} added. */
  SlackForm add(String name, String value) {
    // Room for what the pair usually takes at once (in blocks, about every other character is
    // escaped), rather than a copy at every doubling; the encoding still makes room as it goes.
    ensure(1 + name.length() + 1 + 2 * value.length());
    if (length > 0) {
      ensure(1);
      bytes[length++] = '&';
    }
    encode(name);
    ensure(1);
    bytes[length++] = '=';
    encode(value);
    return this;
  }

  /** The body's bytes, {@link #length()} of them from the start. */
  byte[] bytes() {
    return bytes;
  }

  /** How many of {@link #bytes()} the body is. */
  int length() {
    return length;
  }

  /**
   * Writes {@code value} encoded. An unpaired surrogate becomes {@code ?}, as in any UTF-8 encoding
   * of Java's.
   */
  private void encode(String value) {
    for (int i = 0; i < value.length(); i++) {
      // The most one character takes: a surrogate pair, four bytes each written as %XX.
      ensure(12);
      char c = value.charAt(i);
      if (c < 0x80) {
        if (PLAIN[c]) {
          bytes[length++] = (byte) c;
        } else {
          escape(c);
        }
      } else if (c < 0x800) {
        escape(0xc0 | (c >> 6));
        escape(0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int code = Character.toCodePoint(c, value.charAt(++i));
        escape(0xf0 | (code >> 18));
        escape(0x80 | ((code >> 12) & 0x3f));
        escape(0x80 | ((code >> 6) & 0x3f));
        escape(0x80 | (code & 0x3f));
      } else if (Character.isSurrogate(c)) {
        escape('?');
      } else {
        escape(0xe0 | (c >> 12));
        escape(0x80 | ((c >> 6) & 0x3f));
        escape(0x80 | (c & 0x3f));
      }
    }
  }

  /** Room for {@code more} bytes, the body at least doubled when it grows. */
  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  private void escape(int b) {
    bytes[length++] = '%';
    bytes[length++] = HEX[(b >> 4) & 0xf];
    bytes[length++] = HEX[b & 0xf];
  }
}
