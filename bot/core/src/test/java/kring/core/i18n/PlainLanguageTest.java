package kring.core.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Both bundles read as plain language: Dutch sentences of at most 20 words, quotes that close, no
 * doubled punctuation, the same keys in both languages, and patterns MessageFormat can read.
 */
class PlainLanguageTest {

  static final int MAX_WORDS = 20;

  @Test
  void noDutchSentenceIsLongerThanTwentyWords() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Map.Entry<String, String> text : bundle("nl").entrySet()) {
      for (String sentence : sentences(expand(text.getValue()))) {
        int words = words(sentence);
        if (words > MAX_WORDS) {
          tooLong.add(text.getKey() + " (" + words + "): " + sentence.strip());
        }
      }
    }
    assertThat(tooLong).as("Dutch sentences over " + MAX_WORDS + " words").isEmpty();
  }

  @Test
  void quotesAreBalancedInBothLanguages() throws IOException {
    List<String> unbalanced = new ArrayList<>();
    for (String language : List.of("nl", "en")) {
      for (Map.Entry<String, String> text : bundle(language).entrySet()) {
        if (!quotesBalance(text.getValue())) {
          unbalanced.add(language + " " + text.getKey() + ": " + text.getValue());
        }
      }
    }
    assertThat(unbalanced).as("texts with a quote that does not close").isEmpty();
  }

  @Test
  void noDoubledPunctuationInBothLanguages() throws IOException {
    List<String> doubled = new ArrayList<>();
    for (String language : List.of("nl", "en")) {
      for (Map.Entry<String, String> text : bundle(language).entrySet()) {
        String expanded = expandAll(text.getValue());
        if (DOUBLED.matcher(expanded).find() || QUOTED_THEN_STOP.matcher(text.getValue()).find()) {
          doubled.add(language + " " + text.getKey() + ": " + text.getValue());
        }
      }
    }
    assertThat(doubled).as("texts with doubled punctuation").isEmpty();
  }

  @Test
  void everyKeyExistsInBothLanguages() throws IOException {
    Set<String> dutch = bundle("nl").keySet();
    Set<String> english = bundle("en").keySet();
    Set<String> onlyDutch = new TreeSet<>(dutch);
    onlyDutch.removeAll(english);
    Set<String> onlyEnglish = new TreeSet<>(english);
    onlyEnglish.removeAll(dutch);
    assertThat(onlyDutch).as("keys only in Dutch").isEmpty();
    assertThat(onlyEnglish).as("keys only in English").isEmpty();
  }

  @Test
  void everyPatternParsesAndKeepsNoStraightApostrophe() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Language language : Language.values()) {
      String code = language.locale().getLanguage();
      for (Map.Entry<String, String> text : bundle(code).entrySet()) {
        // MessageFormat reads ' as the start of a quoted part: texts use ’ instead.
        if (text.getValue().indexOf('\'') >= 0) {
          broken.add(code + " " + text.getKey() + ": straight apostrophe");
          continue;
        }
        try {
          new MessageFormat(text.getValue(), language.locale());
        } catch (IllegalArgumentException e) {
          broken.add(code + " " + text.getKey() + ": " + e.getMessage());
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theRulesCatchWhatTheyAreFor() {
    String longSentence = "een ".repeat(MAX_WORDS) + "{0} en nog {1,choice,1#een|1<{1} meer}.";
    assertThat(sentences(expand(longSentence)).stream().mapToInt(PlainLanguageTest::words).max())
        .hasValue(MAX_WORDS + 5);
    assertThat(sentences(expand("Kort. Ook kort: zo.\nEn zo? Ja!"))).hasSize(4);
    assertThat(quotesBalance("Typ “hulp” of ‘start’; the school’s plan, commando’s.")).isTrue();
    assertThat(quotesBalance("Typ “hulp of start.")).isFalse();
    assertThat(quotesBalance("Typ ‘hulp of start.")).isFalse();
    assertThat(quotesBalance("Typ \"hulp of start.")).isFalse();
    assertThat(quotesBalance("Typ «hulp of start.")).isFalse();
    assertThat(DOUBLED.matcher("Typ “hulp.”.").find()).isTrue();
    assertThat(DOUBLED.matcher("Klaar..").find()).isTrue();
    assertThat(DOUBLED.matcher("Klaar.,").find()).isTrue();
    assertThat(DOUBLED.matcher("Klaar?.").find()).isTrue();
    assertThat(DOUBLED.matcher("Typ “hulp”. Wacht…").find()).isFalse();
    assertThat(QUOTED_THEN_STOP.matcher("We kijken verschillend naar “{0}”. Praat.").find())
        .isTrue();
    assertThat(QUOTED_THEN_STOP.matcher("Over “{0}” denken we verschillend.").find()).isFalse();
  }

  // ".." (use … instead), a stop or comma after another mark, a full stop after a closing quote
  // whose words already ended with one.
  static final Pattern DOUBLED =
      Pattern.compile("\\.\\.|[.!?,;:][.,;:!?]|[.!?][”’\"»]\\.|\\s[.,;:!?](?!\\S)");

  // A quoted placeholder followed by a full stop: what is filled in may end with its own stop.
  static final Pattern QUOTED_THEN_STOP = Pattern.compile("\\{\\d+}[”’\"»]\\.");

  static Map<String, String> bundle(String language) throws IOException {
    Properties texts = new Properties();
    try (InputStream in =
        PlainLanguageTest.class.getResourceAsStream("/kring/texts_" + language + ".properties")) {
      assertThat(in).as("bundle " + language).isNotNull();
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> sorted = new TreeMap<>();
    texts.stringPropertyNames().forEach(key -> sorted.put(key, texts.getProperty(key)));
    return sorted;
  }

  /**
   * The text with each placeholder as one word; a choice shows its wordiest option, so the longest
   * sentence a reader can meet is the one that is counted.
   */
  static String expand(String pattern) {
    return replacePlaceholders(pattern, true);
  }

  /** The text with each choice showing all its options one after another, for punctuation. */
  static String expandAll(String pattern) {
    return replacePlaceholders(pattern, false);
  }

  private static String replacePlaceholders(String pattern, boolean wordiest) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c != '{') {
        out.append(c);
        i++;
        continue;
      }
      int end = closingBrace(pattern, i);
      String inside = pattern.substring(i + 1, end);
      String[] parts = inside.split(",", 3);
      if (parts.length == 3 && parts[1].strip().equals("choice")) {
        List<String> options = new ArrayList<>();
        for (String option : topLevelOptions(parts[2])) {
          String text = option.replaceFirst("^[^#<≤]*[#<≤]", "");
          options.add(replacePlaceholders(text, wordiest));
        }
        if (wordiest) {
          out.append(
              options.stream().max((a, b) -> Integer.compare(words(a), words(b))).orElse(""));
        } else {
          out.append(String.join(" ", options));
        }
      } else {
        out.append("X");
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static int closingBrace(String pattern, int open) {
    int depth = 0;
    for (int i = open; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '{') {
        depth++;
      } else if (pattern.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("Unclosed placeholder in: " + pattern);
  }

  private static List<String> topLevelOptions(String choices) {
    List<String> options = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < choices.length(); i++) {
      char c = choices.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '|' && depth == 0) {
        options.add(choices.substring(start, i));
        start = i + 1;
      }
    }
    options.add(choices.substring(start));
    return options;
  }

  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    // A colon introduces a list or an example; it does not end the sentence.
    for (String part : text.split("[.!?\\n]+")) {
      if (!part.isBlank()) {
        sentences.add(part);
      }
    }
    return sentences;
  }

  private static final Pattern WORD = Pattern.compile("\\S*[\\p{L}\\p{N}]\\S*");

  static int words(String sentence) {
    Matcher m = WORD.matcher(sentence);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  /**
   * Whether every “, ‘, « and " closes, in order. A ’ between letters, or with no ‘ open, is an
   * apostrophe (school’s, commando’s, partners’).
   */
  static boolean quotesBalance(String text) {
    Deque<Character> open = new ArrayDeque<>();
    int straight = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '“', '‘', '«' -> open.push(c);
        case '”' -> {
          if (open.isEmpty() || open.pop() != '“') {
            return false;
          }
        }
        case '»' -> {
          if (open.isEmpty() || open.pop() != '«') {
            return false;
          }
        }
        case '’' -> {
          boolean betweenLetters =
              i > 0
                  && i + 1 < text.length()
                  && Character.isLetter(text.charAt(i - 1))
                  && Character.isLetter(text.charAt(i + 1));
          if (!betweenLetters && !open.isEmpty() && open.peek() == '‘') {
            open.pop();
          }
        }
        case '"' -> straight++;
        default -> {}
      }
    }
    return open.isEmpty() && straight % 2 == 0;
  }
}
