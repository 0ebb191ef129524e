package kring.playground;

import java.text.Normalizer;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Short, readable ids for rooms and people: a slug of the name and a random tail. */
final class Slugs {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,40}");
  private static final String TAIL_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final int STEM_MAX = 24;
  private static final int TAIL_LENGTH = 4;

  private Slugs() {}

  static boolean isId(String value) {
    return value != null && ID.matcher(value).matches();
  }

  /**
   * A new id such as {@code case-7b-k3mf}; {@code fallback} stands in for a name with no letters.
   */
  static String newId(String name, String fallback, RandomGenerator random) {
    StringBuilder id = new StringBuilder(stem(name, fallback)).append('-');
    for (int i = 0; i < TAIL_LENGTH; i++) {
      id.append(TAIL_ALPHABET.charAt(random.nextInt(TAIL_ALPHABET.length())));
    }
    return id.toString();
  }

  private static String stem(String name, String fallback) {
    String plain =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-");
    if (plain.length() > STEM_MAX) {
      plain = plain.substring(0, STEM_MAX);
    }
    plain = plain.replaceAll("^-+|-+$", "");
    return plain.isEmpty() ? fallback : plain;
  }
}
