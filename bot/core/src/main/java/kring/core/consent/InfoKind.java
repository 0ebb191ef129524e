package kring.core.consent;

/**
 * The kinds of information partners share about a pupil. Every kind but practical arrangements
 * touches professional secrecy or official discretion, so sharing it through Kring asks the three
 * questions first.
 */
public enum InfoKind {
  ATTENDANCE,
  LEARNING_PROGRESS,
  SCHOOL_MEASURES,
  WELLBEING,
  FAMILY_CONTEXT,
  HEALTH,
  JUSTICE,
  PRACTICAL;

  /** Whether sharing this kind of information needs a conscious check first. */
  public boolean sensitive() {
    return this != PRACTICAL;
  }

  /** The text key of this kind's short name. */
  public String nameKey() {
    return "info-kind." + name() + ".name";
  }
}
