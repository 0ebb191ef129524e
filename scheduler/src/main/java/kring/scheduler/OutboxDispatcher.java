package kring.scheduler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kring.core.outbox.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox relay on one background thread, so that no request thread waits for a platform.
 * Wake-ups coalesce: many messages written at once cause one drain, and a wake-up during a drain
 * causes one more.
 */
public final class OutboxDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxRelay relay;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "kring-outbox");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean queued = new AtomicBoolean();

  public OutboxDispatcher(OutboxRelay relay) {
    this.relay = relay;
  }

  /** Asks for a drain of the outbox soon; returns at once. */
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
      relay.deliverDue();
    } catch (RuntimeException e) {
      // Redis down or a bug: the messages stay in the outbox and the next wake-up tries again.
      LOG.warn("Outbox delivery failed; will retry at the next poll: {}", e.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
