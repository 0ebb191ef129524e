package kring.playground;

/** The playground's clock could not be moved now: another move or the nodes' polls held it. */
public final class ClockBusy extends RuntimeException {

  public ClockBusy(String message) {
    super(message, null, false, false);
  }
}
