package kring.core.cases;

/** Where a case is in its life. */
public enum CaseStatus {
  /** Started; the partners are getting to know each other and agreeing. */
  INTAKE,
  /** Every partner confirmed an agreement with a goal, a role split and a coordinator. */
  ACTIVE,
  /** Closed by the coordinator; kept until the retention period ends. */
  CLOSED
}
