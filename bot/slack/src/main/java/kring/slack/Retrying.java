package kring.slack;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt on a thread of its own until it succeeds: after each failure it logs what stood
 * in the way and tries again after a pause that doubles, from a second up to five minutes.
 */
final class Retrying implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

  private final ScheduledExecutorService thread;

  Retrying(String name) {
    thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts trying.
   *
   * @param attempt what to do; answers what stood in the way, or nothing when it succeeded
   */
  void start(Supplier<Optional<String>> attempt) {
    run(attempt, FIRST_PAUSE);
  }

  private void run(Supplier<Optional<String>> attempt, Duration pause) {
    try {
      thread.execute(
          () -> {
            Optional<String> problem = attempt.get();
            if (problem.isEmpty()) {
              return;
            }
            LOG.warn("{}; trying again in {} s", problem.get(), pause.toSeconds());
            Duration doubled = pause.multipliedBy(2);
            Duration next = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
            thread.schedule(() -> run(attempt, next), pause.toMillis(), TimeUnit.MILLISECONDS);
          });
    } catch (RejectedExecutionException e) {
      // Closed: nothing more to try.
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
