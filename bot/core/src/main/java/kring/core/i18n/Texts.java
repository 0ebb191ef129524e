package kring.core.i18n;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;

/** Looks up Kring's sentences by key in the bundle {@code kring/texts} for one language. */
public final class Texts {

  private static final String BUNDLE = "kring.texts";

  private Texts() {}

  /** The sentence for {@code key}, with {@code args} filled in the MessageFormat way. */
  public static String get(Language language, String key, Object... args) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(), NO_FALLBACK);
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("No text '" + key + "' for " + language, e);
    }
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, language.locale()).format(args);
  }

  /** Items read as one list in {@code language}: "a", "a en b", "a, b en c". Empty for no items. */
  public static String list(Language language, List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    String allButLast = String.join(", ", items.subList(0, items.size() - 1));
    return get(language, "list.and", allButLast, items.get(items.size() - 1));
  }

  /** Whether a key exists, for texts that are optional (such as a role's longer description). */
  public static boolean has(Language language, String key) {
    return ResourceBundle.getBundle(BUNDLE, language.locale(), NO_FALLBACK).containsKey(key);
  }

  /**
   * Every sentence whose key starts with {@code prefix}, by the rest of its key, as written (its
   * arguments not filled in): for a page that shows Kring's words and fills them in itself.
   */
  public static Map<String, String> startingWith(Language language, String prefix) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(), NO_FALLBACK);
    Map<String, String> found = new TreeMap<>();
    for (String key : bundle.keySet()) {
      if (key.startsWith(prefix)) {
        found.put(key.substring(prefix.length()), bundle.getString(key));
      }
    }
    return Collections.unmodifiableMap(found);
  }

  // Each language has its own complete bundle; never fall back to the JVM's default locale.
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
}
