package kring.core.cases;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of known transition in a pupil's life that a reflection round prepares for, each with
 * the Dutch and English words people type for it; anything else is {@link #OTHER} with a label.
 */
public enum TransitionKind {
  EXAMS(List.of("examens", "examen", "exams", "exam")),
  SCHOOL_CHANGE(List.of("nieuwe-school", "schoolwissel", "new-school", "school-change")),
  CLASS_CHANGE(
      List.of("nieuwe-klas", "nieuw-jaar", "klaswissel", "new-class", "new-year", "class-change")),
  CARE_END(List.of("einde-hulp", "einde-traject", "care-end", "end-of-care")),
  OTHER(List.of());

  private final List<String> words;

  TransitionKind(List<String> words) {
    this.words = words;
  }

  /** The text key of this kind's name. */
  public String nameKey() {
    return "transition.kind." + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind some words name ("exams", "nieuwe klas"), if they name one exactly. */
  public static Optional<TransitionKind> forWords(String text) {
    String key = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    for (TransitionKind kind : values()) {
      if (kind.words.contains(key)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
