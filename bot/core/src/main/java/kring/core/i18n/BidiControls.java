package kring.core.i18n;

/**
 * The invisible characters that change the direction of the text around them: the embeddings and
 * overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). A
 * name that ends in a right-to-left override reverses what follows it, so it could disguise itself
 * or the sentence it stands in. Kring takes them out of everything people give it, and out of
 * everything it shows; a right-to-left name stays readable without them, since each platform shows
 * it in its own isolated run.
 */
public final class BidiControls {

  private BidiControls() {}

  /** Whether {@code c} is one of the direction controls. */
  public static boolean isControl(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C;
  }

  /** Whether {@code text} holds any direction control. */
  public static boolean any(String text) {
    if (text == null) {
      return false;
    }
    // A plain loop: this runs on every text Kring takes in and shows, and a stream per text was a
    // noticeable share of what a turn allocates.
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} without its direction controls; null stays null. */
  public static String strip(String text) {
    if (!any(text)) {
      return text;
    }
    StringBuilder kept = new StringBuilder(text.length());
    text.chars().filter(c -> !isControl(c)).forEach(c -> kept.append((char) c));
    return kept.toString();
  }
}
