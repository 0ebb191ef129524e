package kring.testing;

import java.time.Duration;
import java.time.Instant;

/** Bounded polling for what a test's background workers (a relay, a listener) do soon. */
public final class Eventually {

  private static final Duration STEP = Duration.ofMillis(20);

  private Eventually() {}

  /** Runs {@code check} until it passes, or throws its last failure once {@code within} is over. */
  public static void eventually(Duration within, Runnable check) {
    Instant end = Instant.now().plus(within);
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (Instant.now().isAfter(end)) {
          throw e;
        }
        pause();
      }
    }
  }

  /** A short pause between two looks. */
  public static void pause() {
    try {
      Thread.sleep(STEP.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting", e);
    }
  }
}
