package kring.core.cases;

import java.util.List;

/**
 * A polite "no" for the person who asked: a text key under {@code refusal.} and its arguments. It
 * is an expected outcome, not a fault; nothing was changed.
 */
public class Refusal extends RuntimeException {

  private final String key;
  private final List<Object> args;

  public Refusal(String key, Object... args) {
    super(key, null, false, false);
    this.key = key;
    this.args = List.of(args);
  }

  /** The text key, for example {@code refusal.not-a-partner}. */
  public String key() {
    return key;
  }

  public Object[] args() {
    return args.toArray();
  }
}
