package kring.core.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The documented list of words and phrases that suggest acute danger (Dutch and English, in {@code
 * kring/safety/danger-words.txt}), and the check whether a text contains one: whole words, case and
 * accents ignored, a trailing {@code *} matching longer words. It answers only yes or no, so
 * nothing of the text goes further than this check.
 */
public final class DangerWords {

  static final String RESOURCE = "/kring/safety/danger-words.txt";

  /** The sections of the list: entries in Dutch, in English, and names that never count. */
  static final List<String> SECTIONS = List.of("nl", "en", "never");

  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern NOT_AN_ENTRY_WORD = Pattern.compile("[^\\p{L}\\p{N}*]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private static final DangerWords STANDARD = load();

  private final Map<String, List<String>> written;
  private final List<Phrase> danger;
  private final List<Phrase> never;

  private DangerWords(Map<String, List<String>> written) {
    this.written = written;
    List<Phrase> phrases = new ArrayList<>();
    written.get("nl").forEach(entry -> phrases.add(Phrase.of(entry)));
    written.get("en").forEach(entry -> phrases.add(Phrase.of(entry)));
    this.danger = List.copyOf(phrases);
    this.never = written.get("never").stream().map(Phrase::of).toList();
  }

  /** The list that ships with Kring. */
  public static DangerWords standard() {
    return STANDARD;
  }

  /** Whether any of the texts contains a word or phrase of the list; null texts count as empty. */
  public boolean anyIn(Collection<String> texts) {
    for (String text : texts) {
      if (text != null && in(text)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text contains a word or phrase of the list. */
  public boolean in(String text) {
    List<String> words = wordsOf(text, NOT_A_WORD);
    boolean[] excepted = new boolean[words.size()];
    for (Phrase phrase : never) {
      for (int at = 0; at < words.size(); at++) {
        if (phrase.startsAt(words, at, null)) {
          Arrays.fill(excepted, at, at + phrase.length(), true);
        }
      }
    }
    for (int at = 0; at < words.size(); at++) {
      for (Phrase phrase : danger) {
        if (phrase.startsAt(words, at, excepted)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The entries as the list writes them, by section, for the test that holds PRIVACY.md to it. */
  Map<String, List<String>> written() {
    return written;
  }

  /** Lower case, without accents, split into words where {@code separators} are. */
  private static List<String> wordsOf(String text, Pattern separators) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKD);
    plain = MARKS.matcher(plain).replaceAll("").toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String word : separators.split(plain)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static DangerWords load() {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    SECTIONS.forEach(section -> sections.put(section, new ArrayList<>()));
    try (InputStream in = DangerWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The danger-word list " + RESOURCE + " is missing");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> current = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        if (entry.startsWith("[") && entry.endsWith("]")) {
          current = sections.get(entry.substring(1, entry.length() - 1));
          if (current == null) {
            throw new IllegalStateException("Unknown section " + entry + " in " + RESOURCE);
          }
        } else if (current == null) {
          throw new IllegalStateException("An entry before any section in " + RESOURCE);
        } else {
          current.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    sections.forEach((section, entries) -> frozen.put(section, List.copyOf(entries)));
    return new DangerWords(frozen);
  }

  /** One entry: words that must follow each other; a word ending in {@code *} is a beginning. */
  private record Phrase(List<String> words) {

    static Phrase of(String entry) {
      List<String> words = wordsOf(entry, NOT_AN_ENTRY_WORD);
      if (words.isEmpty() || !words.stream().allMatch(Phrase::usable)) {
        throw new IllegalStateException("Not a usable entry in " + RESOURCE + ": " + entry);
      }
      return new Phrase(List.copyOf(words));
    }

    /** A word, or the beginning of words: letters with one {@code *} at the end. */
    private static boolean usable(String word) {
      int star = word.indexOf('*');
      return star == -1 || (star == word.length() - 1 && star > 0);
    }

    int length() {
      return words.size();
    }

    /** Whether the phrase starts at word {@code at}, touching no word marked as excepted. */
    boolean startsAt(List<String> text, int at, boolean[] excepted) {
      if (at + words.size() > text.size()) {
        return false;
      }
      for (int i = 0; i < words.size(); i++) {
        if (excepted != null && excepted[at + i]) {
          return false;
        }
        String want = words.get(i);
        String have = text.get(at + i);
        boolean matches =
            want.endsWith("*")
                ? have.startsWith(want.substring(0, want.length() - 1))
                : have.equals(want);
        if (!matches) {
          return false;
        }
      }
      return true;
    }
  }
}
