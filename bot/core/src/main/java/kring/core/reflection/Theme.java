package kring.core.reflection;

import java.util.Locale;

/**
 * The six themes in which the research behind Kring found collaboration fails or works; every
 * question belongs to one.
 */
public enum Theme {
  COMMUNICATION,
  SHARED_GOAL,
  ROLES,
  EVALUATION,
  TRUST,
  KNOWING_EACH_OTHER;

  /** The word forms and commands use for this theme, such as {@code shared-goal}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The text key of the theme's name. */
  public String nameKey() {
    return "reflection.theme." + key();
  }
}
