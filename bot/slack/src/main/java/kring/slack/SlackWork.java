package kring.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the work after Slack's acknowledgement. Bounded twice: a fixed number of
 * threads, and a queue of fixed length in front of them. When both are full, a request is refused
 * at once ({@link RejectedExecutionException}): Slack gets a 503 within milliseconds and sends an
 * event again later, so intake slows before memory grows. Work taken while a request is answered
 * ({@link #answering}) starts only once the acknowledgement is out, so it never competes with
 * sending it. The threads run below the request threads' priority, where the platform honours
 * thread priorities.
 */
public class SlackWork extends ThreadPoolExecutor implements AutoCloseable {

  /** How long closing waits for the work already taken: Slack will not send it again. */
  static final Duration CLOSING = Duration.ofSeconds(10);

  /** Work waiting for a thread beyond this is refused, and Slack sends it again later. */
  public static final int QUEUED = 1000;

  private static final AtomicInteger POOLS = new AtomicInteger();

  /** The work this thread took while it answers a request, to start once the answer is out. */
  private static final ThreadLocal<List<Runnable>> HELD = new ThreadLocal<>();

  /** Room for work taken and not finished: the threads, and the places waiting for one. */
  private final Semaphore room;

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
        // Unbounded here: the room bounds it, counted when work is taken rather than when started.
        new LinkedBlockingQueue<>(),
        threads("kring-slack-work-" + POOLS.incrementAndGet() + "-"),
        new ThreadPoolExecutor.AbortPolicy());
    this.room = new Semaphore(workers + queued);
  }

  /**
   * Takes the work, or refuses it at once when every thread is busy and {@link #QUEUED} pieces
   * wait. Taken while this thread answers a request ({@link #answering}), it starts once the answer
   * is out; otherwise at once.
   *
   * @throws RejectedExecutionException when there is no room, or the threads are closing
   */
  @Override
  public void execute(Runnable work) {
    if (isShutdown() || !room.tryAcquire()) {
      throw new RejectedExecutionException("No room for more Slack work now");
    }
    Runnable taken =
        () -> {
          try {
            work.run();
          } finally {
            room.release();
          }
        };
    List<Runnable> held = HELD.get();
    if (held != null) {
      held.add(() -> startTaken(taken));
      return;
    }
    try {
      super.execute(taken);
    } catch (RejectedExecutionException closing) {
      room.release();
      throw closing;
    }
  }

  /** Starts work taken while a request was answered, now that the answer is out. */
  private void startTaken(Runnable taken) {
    try {
      super.execute(taken);
    } catch (RejectedExecutionException closing) {
      // Closed while its request was answered: Slack has its acknowledgement, so it runs here.
      taken.run();
    }
  }

  /**
   * Answers a request with {@code answer}, which writes the acknowledgement and sends it: the work
   * taken on this thread meanwhile starts afterwards (even when the answer fails, as it was taken).
   */
  public static <E extends Exception> void answering(Answer<E> answer) throws E {
    if (HELD.get() != null) {
      answer.send();
      return;
    }
    List<Runnable> held = new ArrayList<>(1);
    HELD.set(held);
    try {
      answer.send();
    } finally {
      HELD.remove();
      held.forEach(Runnable::run);
    }
  }

  /** Writes and sends the answer to a request. */
  @FunctionalInterface
  public interface Answer<E extends Exception> {
    void send() throws E;
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
