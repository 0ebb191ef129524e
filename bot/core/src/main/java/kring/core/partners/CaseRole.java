package kring.core.partners;

/** A person's role in one case, which decides what they may do there (see {@link Action}). */
public enum CaseRole {
  COORDINATOR,
  BACKUP,
  PARTNER,
  INFORMED_ONLY,
  NON_MEMBER
}
