package kring.playground;

import static kring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kring.storage.RedisPlaygroundLease;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lease that keeps the time machine and the background polls apart, across nodes, on the
 * machine's Redis: polls run side by side, the time machine alone, and a node that dies holding the
 * lease keeps the others out only until its hold runs out.
 */
class PlaygroundLeaseTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final List<PlaygroundLease> nodes = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
    nodes.forEach(PlaygroundLease::close);
  }

  /** A node's lease as Kring builds it. */
  private PlaygroundLease node() {
    PlaygroundLease lease =
        new PlaygroundLease(
            new RedisPlaygroundLease(
                redis.client(),
                redis.keys(),
                java.time.Clock.systemUTC(),
                PlaygroundLease.HOLD,
                PlaygroundLease.WAIT_MARK));
    nodes.add(lease);
    return lease;
  }

  /** A node's lease whose holds last {@code hold} and are renewed every {@code renew}. */
  private PlaygroundLease node(Duration hold, Duration renew) {
    PlaygroundLease lease = new PlaygroundLease(storage(hold), renew);
    nodes.add(lease);
    return lease;
  }

  private static RedisPlaygroundLease storage(Duration hold) {
    return new RedisPlaygroundLease(
        redis.client(), redis.keys(), Clock.systemUTC(), hold, Duration.ofSeconds(1));
  }

  private static List<String> holders() {
    return redis.client().zrange(redis.keys().playgroundLease(), 0, -1);
  }

  @Test
  void pollsOfEveryNodeRunSideBySide() {
    PlaygroundLease one = node();
    PlaygroundLease other = node();
    AtomicBoolean otherRan = new AtomicBoolean();

    boolean ran = one.poll(() -> assertThat(other.poll(() -> otherRan.set(true))).isTrue());

    assertThat(ran).isTrue();
    assertThat(otherRan).isTrue();
    assertThat(holders()).as("every hold given back").isEmpty();
  }

  @Test
  void noPollRunsOnAnyNodeWhileTheTimeMachineMovesTheClock() {
    PlaygroundLease one = node();
    PlaygroundLease other = node();
    AtomicInteger polled = new AtomicInteger();

    one.alone(
        PATIENCE,
        hold -> {
          assertThat(one.poll(polled::incrementAndGet)).isFalse();
          assertThat(other.poll(polled::incrementAndGet)).isFalse();
          return null;
        });

    assertThat(polled).hasValue(0);
    assertThat(other.poll(polled::incrementAndGet)).as("after the move").isTrue();
    assertThat(polled).hasValue(1);
  }

  @Test
  void theTimeMachineWaitsForAPollThatRunsAndNoNewPollStartsMeanwhile() throws Exception {
    PlaygroundLease one = node();
    PlaygroundLease other = node();
    CountDownLatch polling = new CountDownLatch(1);
    CountDownLatch finishPoll = new CountDownLatch(1);
    AtomicBoolean moved = new AtomicBoolean();
    Future<Boolean> poll =
        threads.submit(
            () ->
                other.poll(
                    () -> {
                      polling.countDown();
                      await(finishPoll);
                    }));
    assertThat(polling.await(20, TimeUnit.SECONDS)).isTrue();

    Future<Object> move = threads.submit(() -> one.alone(PATIENCE, hold -> moved.getAndSet(true)));
    eventually(
        WITHIN, () -> assertThat(holders()).anyMatch(holder -> holder.startsWith("waiting:")));

    assertThat(moved).as("the time machine waits for the poll").isFalse();
    assertThat(one.poll(() -> {})).as("a new poll while the time machine waits").isFalse();
    finishPoll.countDown();
    assertThat(poll.get(20, TimeUnit.SECONDS)).isTrue();
    move.get(20, TimeUnit.SECONDS);
    assertThat(moved).isTrue();
    assertThat(holders()).isEmpty();
  }

  @Test
  void twoTimeMachinesNeverMoveTheClockAtOnce() throws Exception {
    List<PlaygroundLease> both = List.of(node(), node());
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    AtomicInteger moves = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (PlaygroundLease lease : both) {
      for (int t = 0; t < 2; t++) {
        running.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 10; i++) {
                    lease.alone(
                        PATIENCE,
                        hold -> {
                          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          moves.incrementAndGet();
                          Thread.yield();
                          return inside.decrementAndGet();
                        });
                  }
                  return null;
                }));
      }
    }
    start.countDown();
    for (Future<?> each : running) {
      each.get(60, TimeUnit.SECONDS);
    }

    assertThat(moves).hasValue(40);
    assertThat(mostInside).hasValue(1);
  }

  @Test
  void aHoldOfANodeThatDiedRunsOutByItself() {
    String dead = storage(Duration.ofMillis(300)).poll("a-node-that-died");
    assertThat(dead).isNotNull();

    boolean moved = node().alone(PATIENCE, hold -> true);

    assertThat(moved).isTrue();
    assertThat(holders()).doesNotContain(dead);
  }

  @Test
  void aTimeMachineThatGivesUpSaysSoAndThePollsRunAgain() {
    assertThat(storage(Duration.ofMinutes(1)).poll("a-poll-that-hangs")).isNotNull();
    PlaygroundLease one = node();

    assertThatThrownBy(() -> one.alone(Duration.ofMillis(100), hold -> true))
        .isInstanceOf(ClockBusy.class);

    assertThat(holders()).noneMatch(holder -> holder.startsWith("waiting:"));
    assertThat(node().poll(() -> {})).isTrue();
  }

  @Test
  void aHoldIsRenewedForAsLongAsItsWorkRuns() {
    Duration hold = Duration.ofMillis(300);
    PlaygroundLease one = node(hold, Duration.ofMillis(50));

    boolean ran =
        one.poll(
            () -> {
              String mine = holders().get(0);
              double firstUntil = until(mine);
              eventually(
                  WITHIN,
                  () -> assertThat(until(mine)).isGreaterThan(firstUntil + 3 * hold.toMillis()));
              assertThat(storage(hold).alone("another-node")).as("still held").isNull();
            });

    assertThat(ran).isTrue();
    assertThat(holders()).noneMatch(holder -> holder.startsWith("poll:"));
  }

  @Test
  void aTimeMachineWhoseHoldRanOutStopsAtItsNextStep() {
    PlaygroundLease one = node(Duration.ofMillis(200), Duration.ofMillis(400));

    Object stopped =
        one.alone(
            PATIENCE,
            hold -> {
              CompletableFuture<Throwable> failure = new CompletableFuture<>();
              eventually(
                  WITHIN,
                  () -> {
                    try {
                      hold.check();
                    } catch (ClockBusy e) {
                      failure.complete(e);
                    }
                    assertThat(failure).isDone();
                  });
              return failure.join();
            });

    assertThat(stopped).isInstanceOf(ClockBusy.class);
  }

  private static double until(String member) {
    Double score = redis.client().zscore(redis.keys().playgroundLease(), member);
    return score == null ? 0 : score;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
