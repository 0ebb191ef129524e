package kring.core.conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
