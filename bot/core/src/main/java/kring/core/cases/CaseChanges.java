package kring.core.cases;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * The one way to change a stored case: read it, apply the change, store it if nobody wrote in
 * between, and otherwise read it again and re-apply the change to what the other writer stored.
 */
public final class CaseChanges {

  /**
   * How often a change is tried. Each failed try means another writer succeeded, and a case holds
   * at most a few dozen people, so this bound is only reached when something is wrong.
   */
  public static final int MAX_ATTEMPTS = 100;

  private CaseChanges() {}

  /**
   * Applies {@code change} to the stored case and stores the result.
   *
   * @param change a pure function of the case as read; it may run more than once and may throw a
   *     {@link Refusal}, which ends the attempt without storing anything
   * @return the case as stored (the same case when the change changed nothing)
   * @throws CaseNotFound when there is no such case
   * @throws ConcurrentChange when every attempt lost to another writer
   */
  public static Case change(Cases cases, CaseCode code, UnaryOperator<Case> change) {
    ConcurrentChange lost = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Case current = cases.find(code).orElseThrow(() -> new CaseNotFound(code));
      Case changed = change.apply(current);
      if (changed.equals(current)) {
        return current;
      }
      try {
        // A case that moved to another channel takes its channel binding along.
        return changed.channel().equals(current.channel())
            ? cases.update(changed)
            : cases.move(changed, current.channel());
      } catch (ConcurrentChange e) {
        lost = e;
        pauseBefore(attempt + 1);
      }
    }
    throw lost;
  }

  /** A short random pause, so that writers who collided do not collide again in lockstep. */
  public static void pauseBefore(int attempt) {
    long ceilingMicros = 100L * Math.min(attempt, 20);
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceilingMicros) * 1_000);
  }
}
