package kring.core.consent;

/** On what ground information may be shared: the pupil's or parents' consent, or the law. */
public enum Basis {
  CONSENT,
  LEGAL_BASIS
}
