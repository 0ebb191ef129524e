package kring.core.consent;

/**
 * Who gave the consent. A pupil of 12 or older is presumed able to decide for themselves; Kring
 * only says so and stores no age or birth date.
 */
public enum GivenBy {
  PUPIL,
  PARENTS,
  BOTH
}
