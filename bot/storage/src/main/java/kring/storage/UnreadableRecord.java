package kring.storage;

/**
 * A record in Redis that this Kring cannot read: written by a newer version, or damaged. Nothing
 * was changed; the message says what to do.
 */
public class UnreadableRecord extends IllegalStateException {

  public UnreadableRecord(String message) {
    super(message);
  }

  public UnreadableRecord(String message, Throwable cause) {
    super(message, cause);
  }
}
