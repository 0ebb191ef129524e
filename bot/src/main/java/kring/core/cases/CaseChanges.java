package kring.core.cases;

import java.util.function.UnaryOperator;

/**
 * Applies a change to a case with optimistic concurrency: read, change, write if nobody wrote in
 * between, otherwise read again and retry. Two partners confirming at the same moment both count.
 */
public final class CaseChanges {

  /** Enough for dozens of partners acting at the same moment; more means something is wrong. */
  static final int MAX_ATTEMPTS = 100;

  private CaseChanges() {}

  /**
   * Changes the case and stores it.
   *
   * @return the case as stored; the same instance as read when the change changed nothing
   * @throws Refusal when the change refuses (nothing is written)
   * @throws IllegalStateException when the case does not exist or stays contended
   */
  public static Case change(Cases cases, CaseCode code, UnaryOperator<Case> change) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Case read = cases.find(code).orElseThrow(() -> new IllegalStateException("No case " + code));
      Case changed = change.apply(read);
      if (changed == read) {
        return read;
      }
      try {
        return cases.update(changed);
      } catch (ConcurrentChange e) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("Case " + code + " stayed contended; try again");
  }
}
