package kring.slack;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the work after Slack's acknowledgement. Bounded twice: a fixed number of
 * threads, and a queue of fixed length in front of them. When both are full, a request is refused
 * at once ({@link java.util.concurrent.RejectedExecutionException}): Slack gets a 503 within
 * milliseconds and sends an event again later, so intake slows before memory grows. The threads run
 * below the request threads' priority, where the platform honours thread priorities.
 */
public class SlackWork extends ThreadPoolExecutor implements AutoCloseable {

  /** How long closing waits for the work already taken: Slack will not send it again. */
  static final Duration CLOSING = Duration.ofSeconds(10);

  /** Work waiting for a thread beyond this is refused, and Slack sends it again later. */
  public static final int QUEUED = 1000;

  private static final AtomicInteger POOLS = new AtomicInteger();

  /**
   * @param workers the threads; the work is mostly waiting for Redis and Slack's API
   * @param queued the most work that waits for a thread
   */
  public SlackWork(int workers, int queued) {
    super(
        workers,
        workers,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queued),
        threads("kring-slack-work-" + POOLS.incrementAndGet() + "-"),
        new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Takes no more work and gives what was taken {@link #CLOSING} to finish (its requests were
   * acknowledged), then stops.
   */
  @Override
  public void close() {
    shutdown();
    try {
      if (!awaitTermination(CLOSING.toMillis(), TimeUnit.MILLISECONDS)) {
        shutdownNow();
      }
    } catch (InterruptedException e) {
      shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setPriority(Thread.NORM_PRIORITY - 2);
      return thread;
    };
  }
}
