package kring.core.cases;

/** Someone else changed the case between reading and writing it; read it again and retry. */
public class ConcurrentChange extends RuntimeException {

  public ConcurrentChange(CaseCode code, long expectedRevision) {
    super("Case " + code + " changed since revision " + expectedRevision + "; read it again");
  }
}
