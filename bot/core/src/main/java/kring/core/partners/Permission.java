package kring.core.partners;

/** The answer of the permission matrix for one action and one case role. */
public enum Permission {
  ALLOWED,
  /** The person may propose; the coordinator or backup accepts with one click. */
  PROPOSE,
  DENIED
}
