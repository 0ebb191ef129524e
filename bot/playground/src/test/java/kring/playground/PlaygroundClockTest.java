package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kring.storage.RedisConnections;
import kring.storage.RedisPlaygroundTime;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * The playground's simulated time on the machine's Redis: one clock for every node, kept across
 * restarts, moved only forward, and never a step lost or doubled when nodes move it at once.
 */
class PlaygroundClockTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration STEP = Duration.ofMinutes(30);

  /** A second node: its own connection to the same Redis. */
  private final UnifiedJedis otherNode = RedisConnections.open(redis.url());

  @AfterEach
  void disconnect() {
    otherNode.close();
  }

  private PlaygroundClock clockOf(UnifiedJedis node) {
    return new PlaygroundClock(
        new RedisPlaygroundTime(node, redis.keys()), ZoneId.of("Europe/Brussels"));
  }

  @Test
  void untilSomeoneMovesItTheClockIsRealTime() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

    Instant now = clockOf(redis.client()).instant();

    assertThat(now).isBetween(before, Instant.now());
    assertThat(clockOf(redis.client()).offset()).isZero();
  }

  @Test
  void aWeekMovedOnOneNodeIsAWeekOnTheOtherAndAfterARestart() {
    PlaygroundClock one = clockOf(redis.client());
    PlaygroundClock other = clockOf(otherNode);
    Instant before = Instant.now();

    Instant moved = one.advance(WEEK);

    assertThat(moved).isAfterOrEqualTo(before.plus(WEEK));
    assertThat(other.instant()).isAfterOrEqualTo(moved);
    assertThat(other.offset()).isEqualTo(WEEK);
    try (UnifiedJedis restarted = RedisConnections.open(redis.url())) {
      PlaygroundClock afterRestart = clockOf(restarted);
      assertThat(afterRestart.offset()).isEqualTo(WEEK);
      assertThat(afterRestart.instant()).isAfterOrEqualTo(moved);
    }
  }

  @Test
  void itOnlyMovesForward() {
    PlaygroundClock clock = clockOf(redis.client());
    RedisPlaygroundTime time = new RedisPlaygroundTime(redis.client(), redis.keys());

    assertThatThrownBy(() -> clock.advance(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> time.step(STEP, Duration.ZERO, "back"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.offset()).isZero();
  }

  @Test
  void aStepSentAgainCountsOnceAndAStepFromAnOutdatedTimeChangesNothing() {
    RedisPlaygroundTime time = new RedisPlaygroundTime(redis.client(), redis.keys());

    assertThat(time.step(Duration.ZERO, STEP, "step-1"))
        .isEqualTo(new RedisPlaygroundTime.Step(true, STEP));
    assertThat(time.step(Duration.ZERO, STEP, "step-1"))
        .as("sent again")
        .isEqualTo(new RedisPlaygroundTime.Step(true, STEP));
    assertThat(time.offset()).isEqualTo(STEP);

    assertThat(time.step(Duration.ZERO, STEP, "step-2"))
        .as("another node's step from before the first, to the same moment")
        .isEqualTo(new RedisPlaygroundTime.Step(false, STEP));
    assertThat(time.offset()).isEqualTo(STEP);
    assertThat(time.step(STEP, STEP.multipliedBy(2), "step-2").moved()).isTrue();
    assertThat(time.offset()).isEqualTo(STEP.multipliedBy(2));
  }

  @Test
  void nodesMovingTheClockAtOnceNeitherLoseNorDoubleAStep() throws Exception {
    int threadsPerNode = 4;
    int stepsEach = 50;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> moves = new ArrayList<>();
    try {
      for (UnifiedJedis node : List.of(redis.client(), otherNode)) {
        PlaygroundClock clock = clockOf(node);
        for (int t = 0; t < threadsPerNode; t++) {
          moves.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < stepsEach; i++) {
                      clock.advance(STEP);
                    }
                    return null;
                  }));
        }
      }
      start.countDown();
      for (Future<?> move : moves) {
        move.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(clockOf(redis.client()).offset())
        .isEqualTo(STEP.multipliedBy(2L * threadsPerNode * stepsEach));
  }
}
