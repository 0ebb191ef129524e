package kring.core.reply;

import kring.core.i18n.BidiControls;

/**
 * A paragraph. Plain text only: adapters escape it for their platform.
 *
 * @param text the words
 * @param style how it stands out
 */
public record Text(String text, Style style) implements Block {

  /** How a paragraph stands out. */
  public enum Style {
    PLAIN,
    HEADING,
    NOTE,
    WARNING
  }

  public Text {
    if (text == null || style == null) {
      throw new IllegalArgumentException("A text block needs words and a style");
    }
    text = BidiControls.strip(text);
  }
}
