package kring.core.reply;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A text file for the reader to keep, such as the coordinator's export: each platform delivers it
 * as a file (an upload, a download) next to the message's words, which say what it is. It stays
 * readable as plain text.
 *
 * @param fileName the file's name: letters, digits, dots, dashes and underscores
 * @param mediaType its type, a text type such as {@code text/markdown}
 * @param text its content
 */
public record Document(String fileName, String mediaType, String text) implements Block {

  /**
   * The most a document holds, in UTF-8 bytes: far more than a case's export, well under limits.
   */
  public static final int MAX_BYTES = 512 * 1024;

  /** Markdown, as the export is written. */
  public static final String MARKDOWN = "text/markdown";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern TYPE = Pattern.compile("text/[a-z0-9.+-]{1,50}");

  public Document {
    if (fileName == null || !NAME.matcher(fileName).matches() || fileName.contains("..")) {
      throw new IllegalArgumentException("A document needs a short, plain file name");
    }
    if (mediaType == null || !TYPE.matcher(mediaType).matches()) {
      throw new IllegalArgumentException("A document is a text file");
    }
    if (text == null || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("A document holds at most " + MAX_BYTES + " bytes");
    }
  }

  /** Its content as the file's bytes. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
