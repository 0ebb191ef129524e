package kring.core.agreement;

/** How closely the partners work together; it sets how often Kring prompts. */
public enum CollaborationLevel {
  /** Information exchange only. */
  CONTACT,
  /** Partners align who does what. */
  COORDINATION,
  /** A shared goal and aligned actions. */
  COLLABORATION
}
