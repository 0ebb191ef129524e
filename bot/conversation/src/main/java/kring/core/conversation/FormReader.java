package kring.core.conversation;

import java.time.LocalDate;
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
final class FormReader {

  private final Map<String, String> values;
  private final Turn turn;
  private final Map<String, String> errors = new LinkedHashMap<>();

  FormReader(Map<String, String> values, Turn turn) {
    this.values = values;
    this.turn = turn;
  }

  /** A text value, stripped; empty when absent and not required. */
  String text(String name, boolean required, int maxLength) {
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
  int number(String name, int min, int max, int fallback) {
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
  <E extends Enum<E>> Optional<E> choice(String name, Class<E> type, boolean required) {
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
  List<String> several(String name, List<String> allowed, boolean required) {
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
  Optional<LocalDate> date(String name, boolean required) {
    String value = text(name, required, 10);
    if (value.isEmpty() || errors.containsKey(name)) {
      return Optional.empty();
    }
    Optional<LocalDate> date = CalendarFlow.readDate(value);
    if (date.isEmpty()) {
      errors.put(name, turn.t("form.date"));
    }
    return date;
  }

  /** Marks a field wrong with a sentence in the speaker's language. */
  void error(String name, String key, Object... args) {
    errors.putIfAbsent(name, turn.t(key, args));
  }

  boolean ok() {
    return errors.isEmpty();
  }

  Map<String, String> errors() {
    return errors;
  }

  Map<String, String> values() {
    return values;
  }
}
