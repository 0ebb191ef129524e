package kring.family;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The page's own words, in their own bundles ({@code kring/family/family_<lang>.properties}): Dutch
 * at A2 to B1, English and French.
 */
final class FamilyTexts {

  /** The languages of the page, the first the one it falls back to. */
  static final List<String> LANGUAGES = List.of("nl", "en", "fr");

  private final Map<String, Properties> bundles = new TreeMap<>();

  FamilyTexts() {
    for (String lang : LANGUAGES) {
      bundles.put(lang, load(lang));
    }
  }

  static Properties load(String lang) {
    String name = "kring/family/family_" + lang + ".properties";
    Properties texts = new Properties();
    try (InputStream in = FamilyTexts.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The family page is missing " + name);
      }
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  /** A known language, else Dutch. */
  static String language(String asked) {
    String lang = asked == null ? "" : asked.strip().toLowerCase(Locale.ROOT);
    return LANGUAGES.contains(lang) ? lang : LANGUAGES.get(0);
  }

  /** The language asked for, else the first of the browser's that the page has, else Dutch. */
  static String language(String asked, java.util.Enumeration<Locale> browser) {
    if (asked != null && LANGUAGES.contains(asked.strip().toLowerCase(Locale.ROOT))) {
      return language(asked);
    }
    while (browser != null && browser.hasMoreElements()) {
      String lang = browser.nextElement().getLanguage();
      if (LANGUAGES.contains(lang)) {
        return lang;
      }
    }
    return LANGUAGES.get(0);
  }

  /** The text of {@code key} in {@code lang}, with its values filled in. */
  String get(String lang, String key, Object... args) {
    String text = bundles.get(language(lang)).getProperty(key);
    if (text == null) {
      throw new IllegalArgumentException("No family text " + key);
    }
    return args.length == 0
        ? text
        : new MessageFormat(text, Locale.forLanguageTag(lang)).format(args);
  }
}
