package kring.core.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The family page's own bundles are plainer than Kring's: Dutch sentences of at most 15 words (A2
 * to B1), by the same counting rules as {@link PlainLanguageTest}; the same keys in Dutch, English
 * and French; quotes that close; no straight apostrophe.
 */
class FamilyPlainLanguageTest {

  static final int MAX_WORDS = 15;
  static final List<String> LANGUAGES = List.of("nl", "en", "fr");

  static Map<String, String> family(String lang) throws IOException {
    Properties texts = new Properties();
    String name = "kring/family/family_" + lang + ".properties";
    try (InputStream in =
        FamilyPlainLanguageTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> bundle = new TreeMap<>();
    texts.stringPropertyNames().forEach(k -> bundle.put(k, texts.getProperty(k)));
    return bundle;
  }

  @Test
  void noDutchSentenceIsLongerThanFifteenWords() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Map.Entry<String, String> text : family("nl").entrySet()) {
      for (String sentence :
          PlainLanguageTest.sentences(PlainLanguageTest.expand(text.getValue()))) {
        int words = PlainLanguageTest.words(sentence);
        if (words > MAX_WORDS) {
          tooLong.add(text.getKey() + " (" + words + "): " + sentence.strip());
        }
      }
    }
    assertThat(tooLong).as("Dutch sentences over " + MAX_WORDS + " words").isEmpty();
  }

  @Test
  void everyLanguageHasTheSameKeys() throws IOException {
    var dutch = family("nl").keySet();
    for (String lang : LANGUAGES) {
      assertThat(family(lang).keySet()).as(lang).isEqualTo(dutch);
    }
  }

  @Test
  void quotesCloseAndPatternsParseWithoutAStraightApostrophe() throws IOException {
    List<String> broken = new ArrayList<>();
    for (String lang : LANGUAGES) {
      for (Map.Entry<String, String> text : family(lang).entrySet()) {
        String value = text.getValue();
        if (value.indexOf('\'') >= 0 || !PlainLanguageTest.quotesBalance(value)) {
          broken.add(lang + " " + text.getKey());
          continue;
        }
        try {
          new MessageFormat(value, Locale.forLanguageTag(lang));
        } catch (IllegalArgumentException e) {
          broken.add(lang + " " + text.getKey() + ": " + e.getMessage());
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theLimitCatchesALongSentence() {
    String sixteen =
        "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien"
            + " vijftien zestien.";
    assertThat(PlainLanguageTest.words(PlainLanguageTest.sentences(sixteen).get(0)))
        .isGreaterThan(MAX_WORDS);
  }
}
