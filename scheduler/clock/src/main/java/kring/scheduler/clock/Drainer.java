package kring.scheduler.clock;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one kind of background work (delivering the outbox, sending due prompts) on its own thread,
 * so that no request thread and no Quartz thread waits for a platform. Wake-ups coalesce: many at
 * once cause one run, and a wake-up during a run causes one more.
 */
public final class Drainer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);

  private final String name;
  private final Runnable work;
  private final ExecutorService worker;
  private final AtomicBoolean queued = new AtomicBoolean();

  /**
   * @param name names the thread and the log lines, such as {@code outbox}
   * @param work drains what is waiting; it is never run twice at the same time
   */
  public Drainer(String name, Runnable work) {
    this(
        name,
        work,
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "kring-" + name);
              thread.setDaemon(true);
              return thread;
            }));
  }

  /** On a worker of the caller's choosing, which must run one task at a time, in order. */
  Drainer(String name, Runnable work, ExecutorService worker) {
    this.name = name;
    this.work = work;
    this.worker = worker;
  }

  /** Asks for a run soon; returns at once. */
  public void wake() {
    if (queued.compareAndSet(false, true)) {
      try {
        worker.execute(this::drain);
      } catch (RuntimeException rejected) {
        queued.set(false);
      }
    }
  }

  private void drain() {
    queued.set(false);
    try {
      work.run();
    } catch (RuntimeException e) {
      // Redis down or a bug: the work stays in Redis and the next wake-up tries again.
      LOG.warn("Background work '{}' failed; will retry at the next poll: {}", name, e.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
