package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kring.testing.Eventually;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisOnceTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  @Test
  void aRepeatedEventIsSeenOnlyOnceWhileRemembered() {
    RedisOnce once = new RedisOnce(REDIS.client(), REDIS.keys());

    assertThat(once.first("slack-event", "Ev123", Duration.ofSeconds(5))).isTrue();
    assertThat(once.first("slack-event", "Ev123", Duration.ofSeconds(5))).isFalse();
    assertThat(once.first("teams-activity", "Ev123", Duration.ofSeconds(5))).isTrue();
    assertThat(once.first("slack-event", "Ev124", Duration.ofSeconds(5))).isTrue();

    assertThat(once.first("slack-event", "short", Duration.ofMillis(50))).isTrue();
    // Forgotten once its time is over: Redis lets the key expire.
    Eventually.eventually(
        Duration.ofSeconds(5),
        () -> assertThat(once.first("slack-event", "short", Duration.ofMillis(50))).isTrue());
  }

  @Test
  void aDeliveryIsHeldForItsLeaseWhileHandledRememberedWhenDoneAndFreeAgainWhenItFailed() {
    RedisOnce once = new RedisOnce(REDIS.client(), REDIS.keys());
    Duration lease = Duration.ofMinutes(2);

    assertThat(once.claim("teams-activity", "a1", lease)).isTrue();
    assertThat(once.claim("teams-activity", "a1", lease)).as("another node is on it").isFalse();
    assertThat(REDIS.client().pttl(onlyKey())).isBetween(1L, lease.toMillis());

    once.done("teams-activity", "a1", Duration.ofHours(1));
    assertThat(once.claim("teams-activity", "a1", lease)).isFalse();
    assertThat(REDIS.client().pttl(onlyKey())).isGreaterThan(lease.toMillis());

    assertThat(once.claim("teams-activity", "a2", lease)).isTrue();
    once.release("teams-activity", "a2");
    assertThat(once.claim("teams-activity", "a2", lease)).as("the next try is handled").isTrue();
  }

  @Test
  void aRequestAndItsDeliveryAreCheckedTogetherAndAReplayHoldsNoClaim() {
    RedisOnce once = new RedisOnce(REDIS.client(), REDIS.keys());
    Duration remember = Duration.ofMinutes(15);
    Duration lease = Duration.ofSeconds(30);

    assertThat(once.firstThenClaim("slack-request", "sig1", remember, "slack-event", "E1", lease))
        .isEqualTo(RedisOnce.Seen.NEW);
    assertThat(once.firstThenClaim("slack-request", "sig1", remember, "slack-event", "E1", lease))
        .isEqualTo(RedisOnce.Seen.REPEATED);
    // The platform's own next try: a new request, the same delivery, held by the first.
    assertThat(once.firstThenClaim("slack-request", "sig2", remember, "slack-event", "E1", lease))
        .isEqualTo(RedisOnce.Seen.CLAIMED_ELSEWHERE);

    // The first could not take it and gave it back: a replay of the first takes no claim...
    once.release("slack-event", "E1");
    assertThat(once.firstThenClaim("slack-request", "sig1", remember, "slack-event", "E1", lease))
        .isEqualTo(RedisOnce.Seen.REPEATED);
    // ...so the platform's next try is handled.
    assertThat(once.firstThenClaim("slack-request", "sig3", remember, "slack-event", "E1", lease))
        .isEqualTo(RedisOnce.Seen.NEW);
  }

  private String onlyKey() {
    return REDIS.storedKeys().stream()
        .filter(k -> k.contains("teams-activity"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ofManyRacingDeliveriesExactlyOneWins() throws Exception {
    RedisOnce once = new RedisOnce(REDIS.client(), REDIS.keys());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<Boolean> results = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 16; i++) {
      pool.execute(
          () -> {
            try {
              go.await();
              results.add(once.first("slack-event", "Ev-race", Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(results).hasSize(16).containsOnlyOnce(true);
  }

  @Test
  void untrustedIdsBecomeShortSafeKeys() {
    RedisOnce once = new RedisOnce(REDIS.client(), REDIS.keys());

    once.first("teams-activity", "x:y\n*?".repeat(1000), Duration.ofSeconds(5));

    assertThat(REDIS.storedKeys()).allMatch(k -> k.length() < 80 && k.matches("[a-z0-9:-]+"));
  }
}
