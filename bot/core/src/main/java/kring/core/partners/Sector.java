package kring.core.partners;

/** The world a partner comes from. */
public enum Sector {
  EDUCATION,
  CLB,
  YOUTH_CARE,
  FAMILY
}
