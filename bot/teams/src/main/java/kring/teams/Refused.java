package kring.teams;

/** An activity Kring does not act on, with the HTTP status that says why. */
final class Refused extends RuntimeException {

  private final int status;

  Refused(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
