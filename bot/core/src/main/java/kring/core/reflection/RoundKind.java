package kring.core.reflection;

/** Why a round was held. */
public enum RoundKind {
  /** Started by the coordinator or by the case's rhythm. */
  REGULAR,
  /** The short look back when the case closes. */
  FINAL
}
