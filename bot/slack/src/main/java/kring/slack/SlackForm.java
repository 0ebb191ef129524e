package kring.slack;

import java.nio.charset.StandardCharsets;
import okhttp3.FormBody;

/**
 * The words and blocks of a message as a Web API form carries them ({@code
 * application/x-www-form-urlencoded}), encoded once, in one pass over their UTF-8 bytes.
 *
 * <p>The Slack client's own form builder encodes every value a character at a time through a
 * buffer; for the blocks of a long message (the help, a case card) that was most of the processor
 * time of delivering it, on the threads that also acknowledge Slack's requests. A value encoded
 * here holds only letters, digits, {@code -._*} and {@code %XX} (a space too is {@code %20}), which
 * the form builder takes as they are ({@link FormBody.Builder#addEncoded}) without looking at them
 * again.
 *
 * @param text the message's fallback text, encoded
 * @param blocks its blocks as JSON, encoded
 */
record SlackForm(String text, String blocks) {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** The bytes a form value carries as they are; every other byte is written as {@code %XX}. */
  private static final boolean[] PLAIN = new boolean[256];

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

  /** A message's fallback text and blocks (as JSON), encoded for a form. */
  static SlackForm of(String text, String blocks) {
    return new SlackForm(encoded(text), encoded(blocks));
  }

  /** The form with the message's words and blocks added. */
  FormBody.Builder into(FormBody.Builder form) {
    return form.addEncoded("text", text).addEncoded("blocks", blocks);
  }

  /**
   * {@code value} percent-encoded as a form value: its UTF-8 bytes, each one that is not a letter,
   * digit or one of {@code -._*} as {@code %XX}. An unpaired surrogate becomes {@code ?}, as in any
   * UTF-8 encoding of Java's.
   */
  static String encoded(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length * 3];
    int n = 0;
    for (byte b : bytes) {
      int c = b & 0xff;
      if (PLAIN[c]) {
        out[n++] = b;
      } else {
        out[n++] = '%';
        out[n++] = HEX[c >> 4];
        out[n++] = HEX[c & 0xf];
      }
    }
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }
}
