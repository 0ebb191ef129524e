package kring.core.cases;

/** A new case's code is already in use, or was erased: draw another. */
public final class CodeTaken extends IllegalStateException {

  public CodeTaken(CaseCode code) {
    super("Case code " + code + " is taken; pick another");
  }
}
