package kring.teams;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the work of an activity runs once Teams has its acknowledgement: a few threads of Kring's
 * own, never the web server's request threads, with room for a fixed number of activities (running
 * and waiting together). A request thread never waits for it: when it is full, the activity is
 * refused at once, before anything of it is stored, so that Teams' next try is handled.
 */
public final class AfterAcknowledgement implements AutoCloseable {

  /** How long closing waits for the work already taken. */
  static final Duration CLOSING = Duration.ofSeconds(10);

  private final Semaphore room;
  private final int capacity;
  private final Executor executor;
  private final ExecutorService owned;
  private final Object idle = new Object();
  private int busy;

  /**
   * @param workers the threads that run the work
   * @param waiting how many activities may wait for a thread besides those being worked on
   */
  public static AfterAcknowledgement threads(int workers, int waiting) {
    if (workers < 1 || waiting < 0) {
      throw new IllegalArgumentException("Teams work needs at least one thread");
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            job -> {
              Thread thread = new Thread(job, "kring-teams-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    return new AfterAcknowledgement(workers + waiting, pool, pool);
  }

  /** Room for {@code capacity} activities, run by {@code executor} (a test's, say). */
  AfterAcknowledgement(int capacity, Executor executor) {
    this(capacity, executor, null);
  }

  private AfterAcknowledgement(int capacity, Executor executor, ExecutorService owned) {
    this.room = new Semaphore(capacity);
    this.capacity = capacity;
    this.executor = executor;
    this.owned = owned;
  }

  /** Takes room for one activity, without waiting; false when there is none. */
  boolean reserve() {
    if (!room.tryAcquire()) {
      return false;
    }
    synchronized (idle) {
      busy++;
    }
    return true;
  }

  /** Gives back room {@link #reserve} took, for an activity that needs no work after all. */
  void cancel() {
    // The room first: whoever sees Kring idle finds the room given back.
    room.release();
    synchronized (idle) {
      busy--;
      if (busy == 0) {
        idle.notifyAll();
      }
    }
  }

  /** Runs {@code job} in the room {@link #reserve} took, which it gives back when done. */
  void run(Runnable job) {
    try {
      executor.execute(
          () -> {
            try {
              job.run();
            } finally {
              cancel();
            }
          });
    } catch (RuntimeException e) {
      cancel();
      throw e;
    }
  }

  /** How many activities it has room for, running and waiting together. */
  int capacity() {
    return capacity;
  }

  /** Waits until no activity is running or waiting; false if that took longer than {@code max}. */
  boolean awaitIdle(Duration max) throws InterruptedException {
    long until = System.nanoTime() + max.toNanos();
    synchronized (idle) {
      while (busy > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  /**
   * Takes no more work and gives what was taken {@link #CLOSING} to finish (its activities were
   * acknowledged: Teams will not send them again); then stops.
   */
  @Override
  public void close() {
    if (owned == null) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(CLOSING.toMillis(), TimeUnit.MILLISECONDS)) {
        owned.shutdownNow();
      }
    } catch (InterruptedException e) {
      owned.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
