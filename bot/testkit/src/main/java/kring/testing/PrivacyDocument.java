package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PRIVACY.md as the tests read it: the key patterns of its Redis key table, and the backticked
 * entries of any of its tables, so that a test can hold the code and the document to each other.
 */
public final class PrivacyDocument {

  /** The heading of the section whose table lists every Redis key pattern. */
  public static final String KEY_SECTION = "Redis keys";

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private final Path file;
  private final List<String> lines;

  private PrivacyDocument(Path file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** The PRIVACY.md at the root of the checkout, found from the module the tests run in. */
  public static PrivacyDocument inRepository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("PRIVACY.md");
      if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("mvnw"))) {
        try {
          return new PrivacyDocument(candidate, Files.readAllLines(candidate));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "No PRIVACY.md beside mvnw above " + Path.of("").toAbsolutePath());
  }

  public Path file() {
    return file;
  }

  /**
   * The first backticked text of the first cell of every table row in the section under {@code
   * heading} (the heading's own text, any level), up to the next heading of the same or a higher
   * level.
   */
  public List<String> firstColumn(String heading) {
    return column(heading, 0);
  }

  /** Every backticked text in one column (0 is the first) of the tables under {@code heading}. */
  public List<String> column(String heading, int index) {
    List<String> found = new ArrayList<>();
    for (String line : section(heading)) {
      String row = line.strip();
      if (!row.startsWith("|") || row.matches("\\|[\\s:|-]+\\|?")) {
        continue;
      }
      String[] cells = row.substring(1).split("\\|", -1);
      if (index >= cells.length) {
        continue;
      }
      Matcher code = CODE.matcher(cells[index]);
      while (code.find()) {
        found.add(code.group(1));
        if (index == 0) {
          break;
        }
      }
    }
    return found;
  }

  /** The lines under a heading, without the heading itself. */
  public List<String> section(String heading) {
    List<String> section = new ArrayList<>();
    int level = 0;
    for (String line : lines) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        if (level > 0 && h.group(1).length() <= level) {
          break;
        }
        if (level == 0 && h.group(2).strip().equals(heading)) {
          level = h.group(1).length();
          continue;
        }
      }
      if (level > 0) {
        section.add(line);
      }
    }
    if (level == 0) {
      throw new IllegalStateException(file + " has no section '" + heading + "'");
    }
    return section;
  }

  /** The key patterns PRIVACY.md lists, such as {@code {<code>}:case}, without the prefix. */
  public List<KeyPattern> keyPatterns() {
    return firstColumn(KEY_SECTION).stream().map(KeyPattern::new).toList();
  }

  /** The keys that are not under {@code prefix} or match no pattern PRIVACY.md lists. */
  public List<String> unlisted(Collection<String> keys, String prefix) {
    List<KeyPattern> patterns = keyPatterns();
    return keys.stream()
        .filter(
            key ->
                !key.startsWith(prefix)
                    || patterns.stream().noneMatch(p -> p.matches(key.substring(prefix.length()))))
        .sorted()
        .toList();
  }

  /** Fails, naming them, when any of these keys is one PRIVACY.md does not list. */
  public void assertListed(Collection<String> keys, String prefix) {
    assertThat(unlisted(keys, prefix))
        .as("Redis keys that PRIVACY.md does not list (add their pattern, purpose and retention)")
        .isEmpty();
  }

  /**
   * A key pattern as PRIVACY.md writes it: literal text (braces included: they are Redis hash tags)
   * with placeholders such as {@code <code>}. A placeholder stands for one part between colons,
   * except those for a platform's own ids of channels and people and for conversations made of
   * them, which may hold colons (Teams ids do).
   */
  public record KeyPattern(String pattern) {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z]+)>");
    private static final Set<String> WITH_COLONS = Set.of("channel", "user", "conversation");

    public boolean matches(String key) {
      return regex().matcher(key).matches();
    }

    Pattern regex() {
      StringBuilder regex = new StringBuilder();
      Matcher placeholder = PLACEHOLDER.matcher(pattern);
      int at = 0;
      while (placeholder.find()) {
        regex.append(Pattern.quote(pattern.substring(at, placeholder.start())));
        regex.append(WITH_COLONS.contains(placeholder.group(1)) ? ".+" : "[^:]+");
        at = placeholder.end();
      }
      regex.append(Pattern.quote(pattern.substring(at)));
      return Pattern.compile(regex.toString());
    }
  }
}
