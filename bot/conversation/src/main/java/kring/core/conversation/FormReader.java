package kring.core.conversation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.reply.Form;

/**
 * Reads submitted form values strictly: trims, bounds lengths and numbers, accepts only known
 * choices, and collects a friendly error per field instead of failing on the first one.
 */
public final class FormReader {

  /** How Kring fills in a date for people to change: day/month/year, as Flemish people write. */
  public static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

  private static final List<DateTimeFormatter> DATES =
      List.of(
          DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT));

  private final Map<String, String> values;
  private final Turn turn;
  private final Map<String, String> errors = new LinkedHashMap<>();

  public FormReader(Map<String, String> values, Turn turn) {
    this.values = values;
    this.turn = turn;
  }

  /** A text value, stripped; empty when absent and not required. */
  public String text(String name, boolean required, int maxLength) {
    String value = values.getOrDefault(name, "");
    value = value == null ? "" : value.strip();
    if (value.isEmpty() && required) {
      errors.put(name, turn.t("form.required"));
    } else if (value.length() > maxLength) {
      errors.put(name, turn.t("form.too-long", maxLength, value.length()));
    }
    return value;
  }

  /** A whole number in a range; the fallback when absent. */
  public int number(String name, int min, int max, int fallback) {
    String value = values.getOrDefault(name, "");
    value = value == null ? "" : value.strip();
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below like any out-of-range value
    }
    errors.put(name, turn.t("form.number", min, max));
    return fallback;
  }

  /**
   * One of an enum's constants, by the option value forms use for it ({@link Cards#key}); empty
   * when absent and not required.
   */
  public <E extends Enum<E>> Optional<E> choice(String name, Class<E> type, boolean required) {
    String value = values.getOrDefault(name, "");
    value = value == null ? "" : value.strip();
    if (value.isEmpty()) {
      if (required) {
        errors.put(name, turn.t("form.choose"));
      }
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (Cards.key(constant).equals(value)) {
        return Optional.of(constant);
      }
    }
    errors.put(name, turn.t("form.choose"));
    return Optional.empty();
  }

  /**
   * The values chosen in a multiple choice, each once, in the order of {@code allowed}; a value
   * that is not one of them marks the field wrong. Empty when nothing was chosen and not required.
   */
  public List<String> several(String name, List<String> allowed, boolean required) {
    String value = values.getOrDefault(name, "");
    Set<String> chosen = new HashSet<>();
    for (String part : (value == null ? "" : value).split(Form.SEPARATOR, -1)) {
      if (!part.isBlank()) {
        chosen.add(part.strip());
      }
    }
    if (!allowed.containsAll(chosen) || (required && chosen.isEmpty())) {
      errors.put(name, turn.t("form.choose"));
      return List.of();
    }
    return allowed.stream().filter(chosen::contains).toList();
  }

  /** A date as {@code 2026-12-07} or {@code 7/12/2026}; empty when absent and not required. */
  public Optional<LocalDate> date(String name, boolean required) {
    String value = text(name, required, 10);
    if (value.isEmpty() || errors.containsKey(name)) {
      return Optional.empty();
    }
    Optional<LocalDate> date = readDate(value);
    if (date.isEmpty()) {
      errors.put(name, turn.t("form.date"));
    }
    return date;
  }

  /** Marks a field wrong with a sentence in the speaker's language. */
  public void error(String name, String key, Object... args) {
    errors.putIfAbsent(name, turn.t(key, args));
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public Map<String, String> errors() {
    return errors;
  }

  public Map<String, String> values() {
    return values;
  }

  /** A date as {@code 2026-12-07} or {@code 7/12/2026}, if it is one. */
  public static Optional<LocalDate> readDate(String text) {
    for (DateTimeFormatter format : DATES) {
      try {
        return Optional.of(LocalDate.parse(text, format));
      } catch (DateTimeException notThisOne) {
        // try the next way of writing it
      }
    }
    return Optional.empty();
  }

  public static Form.Input input(
      String name,
      String label,
      Form.Kind kind,
      boolean required,
      int max,
      String value,
      String hint) {
    return new Form.Input(name, label, kind, required, max, List.of(), value, hint, null);
  }

  /** A choice or multiple choice input; its options' values are short keys. */
  public static Form.Input choice(
      String name,
      String label,
      Form.Kind kind,
      boolean required,
      List<Form.Option> options,
      String value,
      String hint) {
    return new Form.Input(name, label, kind, required, 0, options, value, hint, null);
  }
}
