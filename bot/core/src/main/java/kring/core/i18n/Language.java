package kring.core.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages Kring speaks; Dutch is the default. */
public enum Language {
  NL(Locale.forLanguageTag("nl-BE")),
  EN(Locale.ENGLISH);

  private final Locale locale;

  Language(Locale locale) {
    this.locale = locale;
  }

  public Locale locale() {
    return locale;
  }

  /** Reads the words people type for a language: nl, nederlands, dutch, en, english, engels. */
  public static Optional<Language> fromWord(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "nl", "nederlands", "dutch", "vlaams" -> Optional.of(NL);
      case "en", "english", "engels" -> Optional.of(EN);
      default -> Optional.empty();
    };
  }
}
