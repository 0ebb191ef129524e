package kring.core.cases;

/** No case has this code (never created, or erased since). */
public class CaseNotFound extends RuntimeException {

  public CaseNotFound(CaseCode code) {
    super("No case " + code + "; it was never started here or has been erased");
  }
}
