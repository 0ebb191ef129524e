package kring.core.updates;

/**
 * What the partner who shares sensitive news says allows it: consent, another ground (a legal
 * basis, a duty), none, or that they do not know. Kring records the answer, never the news.
 */
public enum SharingGround {
  CONSENT,
  OTHER_GROUND,
  NONE,
  UNSURE
}
