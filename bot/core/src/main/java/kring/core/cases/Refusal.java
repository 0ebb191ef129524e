package kring.core.cases;

import java.util.List;
import java.util.Objects;

/**
 * A polite "no" for the person who asked: why, as a {@link RefusalReason}, and the arguments its
 * text shows. It is an expected outcome, not a fault; nothing was changed.
 */
public class Refusal extends RuntimeException {

  private final RefusalReason reason;
  private final List<Object> args;

  public Refusal(RefusalReason reason, Object... args) {
    super(Objects.requireNonNull(reason, "reason").key(), null, false, false);
    this.reason = reason;
    this.args = List.of(args);
  }

  /** Why, to compare with a constant. */
  public RefusalReason reason() {
    return reason;
  }

  /** The text key of the reason, for example {@code refusal.not-a-partner}. */
  public String key() {
    return reason.key();
  }

  public Object[] args() {
    return args.toArray();
  }
}
