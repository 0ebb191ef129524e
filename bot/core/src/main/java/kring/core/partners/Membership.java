package kring.core.partners;

/** How a person takes part in a case (see {@link Action}). */
public enum Membership {
  /** Acts in the case: confirms agreements, posts updates, answers check-ins. */
  PARTNER,
  /** Stays informed but does not act: no prompts, no confirmations. */
  INFORMED_ONLY,
  /**
   * Has no account (often the pupil or a parent); listed with the professional who speaks for them.
   */
  REPRESENTED
}
