package kring.playground;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import kring.storage.RedisPlaygroundLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the time machine and the background polls apart, on every node that shares the playground:
 * while the time machine moves the clock, no poll runs anywhere; it runs the polls' work itself at
 * each step instead. A poll that finds the clock moving skips its run, and the next one catches up.
 * Holds are renewed in the background while their work runs, and run out by themselves when a node
 * dies holding one.
 */
public final class PlaygroundLease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundLease.class);

  /** How long a hold lasts unless renewed: how long a node that died can keep the others out. */
  public static final Duration HOLD = Duration.ofSeconds(15);

  /** How often held leases are renewed, well within {@link #HOLD}. */
  static final Duration RENEW = Duration.ofSeconds(5);

  /** How long the mark of a waiting time machine lasts unless it asks again. */
  public static final Duration WAIT_MARK = Duration.ofSeconds(1);

  /** How often a waiting time machine asks again. */
  static final Duration ASK_AGAIN = Duration.ofMillis(20);

  private final RedisPlaygroundLease lease;
  private final Map<String, Hold> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService keeper;

  /**
   * @param lease the lease in Redis, made with this class's {@link #HOLD} and {@link #WAIT_MARK}
   */
  public PlaygroundLease(RedisPlaygroundLease lease) {
    this(lease, RENEW);
  }

  PlaygroundLease(RedisPlaygroundLease lease, Duration renewEvery) {
    this.lease = lease;
    this.keeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kring-playground-lease");
              thread.setDaemon(true);
              return thread;
            });
    keeper.scheduleAtFixedRate(
        this::renewAll, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One run of a background poll, unless the time machine moves the clock or waits to: then the
   * poll skips this run.
   *
   * @return whether it ran
   */
  public boolean poll(Runnable work) {
    String member = lease.poll(UUID.randomUUID().toString());
    if (member == null) {
      return false;
    }
    try (Hold hold = keep(member)) {
      work.run();
    }
    return true;
  }

  /**
   * Runs {@code work} while no poll runs on any node and no other time machine moves the clock,
   * waiting for that at most {@code patience}.
   *
   * @throws ClockBusy when the clock stayed held for longer than {@code patience}
   */
  public <T> T alone(Duration patience, Function<Hold, T> work) {
    String id = UUID.randomUUID().toString();
    long giveUp = System.nanoTime() + patience.toNanos();
    String member;
    while ((member = lease.alone(id)) == null) {
      if (System.nanoTime() - giveUp > 0) {
        lease.release(RedisPlaygroundLease.waiting(id));
        throw new ClockBusy(
            "The clock is being moved elsewhere. Please try again when that is done.");
      }
      try {
        Thread.sleep(ASK_AGAIN.toMillis());
      } catch (InterruptedException e) {
        lease.release(RedisPlaygroundLease.waiting(id));
        Thread.currentThread().interrupt();
        throw new ClockBusy("Stopped while waiting for the clock.");
      }
    }
    try (Hold hold = keep(member)) {
      return work.apply(hold);
    }
  }

  private Hold keep(String member) {
    Hold hold = new Hold(member);
    held.put(member, hold);
    return hold;
  }

  private void renewAll() {
    for (Hold hold : held.values()) {
      try {
        if (!lease.renew(hold.member)) {
          hold.lost = true;
          held.remove(hold.member);
          LOG.warn("A hold on the playground's clock ran out before its work was done");
        }
      } catch (RuntimeException e) {
        // Redis did not answer: the next renewal tries again, well before the hold runs out.
        LOG.warn("Could not renew a hold on the playground's clock: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    keeper.shutdownNow();
  }

  /** A hold on the lease, given back when closed. */
  public final class Hold implements AutoCloseable {
    private final String member;
    private volatile boolean lost;

    private Hold(String member) {
      this.member = member;
    }

    /**
     * @throws ClockBusy when the hold ran out (its node stalled longer than a hold lasts), so that
     *     the others may act on the clock again
     */
    public void check() {
      if (lost) {
        throw new ClockBusy("Moving the clock stopped halfway. Please try again.");
      }
    }

    @Override
    public void close() {
      held.remove(member);
      try {
        lease.release(member);
      } catch (RuntimeException e) {
        // Not given back: it runs out by itself within a hold's time.
        LOG.warn("Could not give back a hold on the playground's clock: {}", e.toString());
      }
    }
  }
}
