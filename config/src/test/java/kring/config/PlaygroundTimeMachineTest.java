package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kring.playground.PlaygroundClock;
import kring.playground.PlaygroundLease;
import kring.storage.RedisConnections;
import kring.storage.RedisPlaygroundLease;
import kring.storage.RedisPlaygroundTime;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * The time machine on the machine's Redis, with two nodes: it moves the shared clock in half-hour
 * steps and does the polls' work at each, no poll of any node runs meanwhile, and two moves pressed
 * at once on two nodes both count, one after the other.
 */
class PlaygroundTimeMachineTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final Duration WEEK = Duration.ofDays(7);
  private static final long STEPS_A_WEEK = WEEK.dividedBy(PlaygroundTimeMachine.STEP);

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable each : opened) {
      each.close();
    }
  }

  /** One node's clock and lease, on a connection of its own. */
  private final class Node {
    final PlaygroundClock clock;
    final PlaygroundLease lease;

    Node() {
      UnifiedJedis connection = RedisConnections.open(redis.url());
      opened.add(connection);
      clock =
          new PlaygroundClock(
              new RedisPlaygroundTime(connection, redis.keys()), ZoneId.of("Europe/Brussels"));
      lease =
          new PlaygroundLease(
              new RedisPlaygroundLease(
                  connection,
                  redis.keys(),
                  java.time.Clock.systemUTC(),
                  PlaygroundLease.HOLD,
                  PlaygroundLease.WAIT_MARK));
      opened.add(lease);
    }

    PlaygroundTimeMachine timeMachine(Runnable dueWork) {
      return new PlaygroundTimeMachine(clock, lease, dueWork);
    }
  }

  @Test
  void movesTheSharedClockInHalfHourStepsAndDoesThePollsWorkAtEach() {
    Node one = new Node();
    Node other = new Node();
    List<Duration> seenByTheOtherNode = new CopyOnWriteArrayList<>();

    one.timeMachine(() -> seenByTheOtherNode.add(other.clock.offset())).advance(WEEK);

    assertThat(seenByTheOtherNode).hasSize((int) STEPS_A_WEEK);
    for (int step = 0; step < STEPS_A_WEEK; step++) {
      assertThat(seenByTheOtherNode.get(step))
          .isEqualTo(PlaygroundTimeMachine.STEP.multipliedBy(step + 1L));
    }
    assertThat(other.clock.offset()).isEqualTo(WEEK);
  }

  @Test
  void noPollOfAnyNodeRunsWhileTheClockMoves() {
    Node one = new Node();
    Node other = new Node();
    AtomicInteger polled = new AtomicInteger();
    AtomicInteger steps = new AtomicInteger();

    one.timeMachine(
            () -> {
              steps.incrementAndGet();
              one.lease.poll(polled::incrementAndGet);
              other.lease.poll(polled::incrementAndGet);
            })
        .advance(Duration.ofDays(1));

    assertThat(steps).hasValue(48);
    assertThat(polled).as("polls that ran during the move").hasValue(0);
    assertThat(other.lease.poll(polled::incrementAndGet)).isTrue();
  }

  @Test
  void twoNodesPressingPlusOneWeekAtOnceMoveTheClockTwoWeeksOneAfterTheOther() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    AtomicInteger steps = new AtomicInteger();
    Runnable dueWork =
        () -> {
          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          steps.incrementAndGet();
          inside.decrementAndGet();
        };
    List<PlaygroundTimeMachine> pressed =
        List.of(new Node().timeMachine(dueWork), new Node().timeMachine(dueWork));
    ExecutorService hands = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> presses = new ArrayList<>();
      for (PlaygroundTimeMachine machine : pressed) {
        presses.add(
            hands.submit(
                () -> {
                  start.await();
                  return machine.advance(WEEK);
                }));
      }
      start.countDown();
      for (Future<?> press : presses) {
        press.get(2, TimeUnit.MINUTES);
      }
    } finally {
      hands.shutdownNow();
    }

    assertThat(new Node().clock.offset()).isEqualTo(WEEK.multipliedBy(2));
    assertThat(steps).hasValue((int) (2 * STEPS_A_WEEK));
    assertThat(mostInside).as("steps of the two moves at the same time").hasValue(1);
  }
}
