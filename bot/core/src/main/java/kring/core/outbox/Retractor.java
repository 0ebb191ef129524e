package kring.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import kring.core.identity.Platform;
import kring.core.outbox.Retractions.Retracting;

/**
 * Deletes what Kring posted for cases that were erased: takes what is due from the queue, asks each
 * platform's messenger to delete it, and retries what the platform could not delete now, with
 * backoff and within a bounded number of attempts. What is gone already counts as deleted; what
 * Kring may not delete is given up. Logs name the platform and its error word, never an id.
 */
public final class Retractor {

  private static final Logger LOG = Logger.getLogger(Retractor.class.getName());

  /** How many attempts an item gets before it is given up. */
  public static final int MAX_ATTEMPTS = 10;

  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));
  private static final Duration LEASE = Duration.ofMinutes(2);

  /**
   * How long an item waits for its account to let Kring in again before it is tried anyway; each
   * such wait counts as an attempt, so an account that never comes back is given up in the end.
   */
  public static final Duration WAITING = Duration.ofDays(30);

  /** At most this many deletions per run: platforms allow about one a second per workspace. */
  static final int BATCH = 20;

  private final Retractions queue;
  private final Map<Platform, Messenger> messengers = new EnumMap<>(Platform.class);
  private final Clock clock;
  private final RandomGenerator jitter;
  private final Runnable emptied;
  private final Sleeper sleeper;

  /** Waits on the retractor's own thread; tests move a clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration wait) throws InterruptedException;
  }

  /**
   * A platform's Retry-After up to this long is waited out within the run, rather than leaving the
   * deletion to the next poll; a longer one waits for a later run.
   */
  static final Duration WAIT_WITHIN_RUN = Duration.ofSeconds(30);

  /** At most this many waits within one run. */
  private static final int MAX_WAITS = 5;

  /**
   * @param queue what is to be deleted
   * @param messengers one per platform Kring is connected to
   * @param clock the clock
   * @param jitter randomness for the backoff
   * @param emptied run when a run finished items and the queue is empty, to have the store rewrite
   *     its files so that the ids of deleted items do not survive in them
   */
  public Retractor(
      Retractions queue,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Runnable emptied) {
    this(queue, messengers, clock, jitter, emptied, wait -> Thread.sleep(wait.toMillis()));
  }

  /**
   * @param sleeper waits out a platform's short Retry-After within a run
   */
  public Retractor(
      Retractions queue,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Runnable emptied,
      Sleeper sleeper) {
    this.sleeper = sleeper;
    this.queue = queue;
    for (Messenger messenger : messengers) {
      this.messengers.put(messenger.platform(), messenger);
    }
    this.clock = clock;
    this.jitter = jitter;
    this.emptied = emptied;
  }

  /**
   * Deletes one batch of what is due; when a platform asks to wait a little (Retry-After up to
   * {@link #WAIT_WITHIN_RUN}), waits that long and goes on with what is due then.
   *
   * @return how many items were taken
   */
  public int retractDue() {
    int taken = 0;
    for (int waits = 0; ; waits++) {
      Batch batch = retractBatch();
      taken += batch.taken();
      if (batch.retryAfterUntil() == null || waits >= MAX_WAITS) {
        return taken;
      }
      Duration wait = Duration.between(clock.instant(), batch.retryAfterUntil());
      if (wait.compareTo(WAIT_WITHIN_RUN) > 0) {
        return taken;
      }
      try {
        if (!wait.isNegative() && !wait.isZero()) {
          sleeper.sleep(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return taken;
      }
    }
  }

  /**
   * One run's batch: how many items it took, and until when the earliest platform that answered
   * with a Retry-After asked to wait, or null.
   */
  private record Batch(int taken, Instant retryAfterUntil) {}

  private Batch retractBatch() {
    Instant now = clock.instant();
    Instant retryAfterUntil = null;
    List<Retracting> batch = queue.claim(now, BATCH, LEASE);
    Map<Platform, Instant> slowedUntil = new EnumMap<>(Platform.class);
    int finished = 0;
    for (Retracting item : batch) {
      Platform platform = item.posted().platform();
      Instant until = slowedUntil.get(platform);
      if (until != null) {
        // The platform asked Kring to slow down: the rest of its items wait, at no attempt's cost.
        queue.retry(item, until, false);
        continue;
      }
      Retraction result = retract(item.posted());
      if (result instanceof Retraction.Later later && item.attempt() < MAX_ATTEMPTS) {
        Duration wait = backoff(item.attempt());
        if (later.after() != null && !later.after().isZero() && !later.after().isNegative()) {
          slowedUntil.put(platform, now.plus(later.after()));
          // The platform said when: that, not the backoff, is when to try again.
          wait = later.after();
          retryAfterUntil = now.plus(wait);
        }
        queue.retry(item, now.plus(wait), true);
        continue;
      }
      if (result instanceof Retraction.Waiting && item.attempt() < MAX_ATTEMPTS) {
        // Not the platform's pace: only this account's items wait, until it is back.
        queue.retry(item, now.plus(WAITING), true);
        continue;
      }
      if (result instanceof Retraction.Impossible impossible) {
        giveUp(item, impossible.reason());
      } else if (result instanceof Retraction.Later later) {
        giveUp(item, later.reason() + ", after " + item.attempt() + " attempts");
      } else if (result instanceof Retraction.Waiting waiting) {
        giveUp(item, waiting.reason() + ", after " + item.attempt() + " attempts");
      }
      queue.finished(item);
      finished++;
    }
    if (finished > 0 && queue.waiting() == 0) {
      emptied.run();
    }
    return new Batch(batch.size(), retryAfterUntil);
  }

  private Retraction retract(Posted posted) {
    Messenger messenger = messengers.get(posted.platform());
    if (messenger == null) {
      return new Retraction.Later(null, "Kring is not connected to this platform");
    }
    try {
      return messenger.retract(posted);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Deleting a " + posted.platform() + " item failed", e);
      return new Retraction.Later(null, e.getClass().getSimpleName());
    }
  }

  private static void giveUp(Retracting item, String reason) {
    Posted posted = item.posted();
    LOG.info(
        () ->
            "Gave up deleting a "
                + posted.platform().name().toLowerCase(Locale.ROOT)
                + " "
                + posted.kind().name().toLowerCase(Locale.ROOT)
                + " of an erased case: "
                + reason);
  }

  Duration backoff(int attempt) {
    return BACKOFF.after(attempt, jitter);
  }
}
