package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import kring.core.conversation.family.WrongLinkTally;
import kring.core.conversation.family.WrongLinkTally.Tally;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared count of wrong family links: one expiring counter per client digest, whose window
 * starts with the first wrong link and is never made longer, seen alike by every node.
 */
class RedisWrongLinkTallyTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final Duration WINDOW = Duration.ofMinutes(10);

  private final WrongLinkTally one = new RedisWrongLinkTally(redis.client(), redis.keys());
  private final WrongLinkTally other = new RedisWrongLinkTally(redis.client(), redis.keys());

  @Test
  void theFirstWrongLinkOpensTheWindowAndLaterOnesDoNotMakeItLonger() {
    String key = redis.keys().familyWrong("0a1b2c3d");

    assertThat(one.check("0a1b2c3d", 10)).isEqualTo(Tally.NONE);
    assertThat(redis.client().exists(key)).as("a check alone stores nothing").isFalse();
    Tally first = one.wrong("0a1b2c3d", WINDOW);
    assertThat(first.wrong()).isEqualTo(1);
    assertThat(first.left()).isBetween(WINDOW.minusSeconds(5), WINDOW);
    assertThat(redis.client().pttl(key)).isBetween(WINDOW.minusSeconds(5).toMillis(), 600_000L);

    redis.client().pexpire(key, 120_000);
    Tally second = other.wrong("0a1b2c3d", WINDOW);
    assertThat(second.wrong()).isEqualTo(2);
    assertThat(second.left()).isLessThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(redis.client().pttl(key)).isLessThanOrEqualTo(120_000L);
    assertThat(redis.client().get(key)).isEqualTo("2");
  }

  @Test
  void aCheckCountsTheRequestOnlyOnceTheAllowedNumberIsReached() {
    for (int i = 0; i < 3; i++) {
      (i % 2 == 0 ? one : other).wrong("c1", WINDOW);
    }

    assertThat(one.check("c1", 4).wrong()).isEqualTo(3);
    assertThat(other.check("c1", 4).wrong()).isEqualTo(3);
    other.wrong("c1", WINDOW);
    assertThat(one.check("c1", 4).wrong()).isEqualTo(5);
    assertThat(other.check("c1", 4).wrong()).isEqualTo(6);
    assertThat(one.check("c2", 4)).isEqualTo(Tally.NONE);
  }

  @Test
  void aCountThatLostItsExpiryGetsOneAgain() {
    String key = redis.keys().familyWrong("c3");
    redis.client().set(key, "12");

    Tally tally = one.check("c3", 10);

    assertThat(tally.wrong()).isEqualTo(13);
    assertThat(redis.client().pttl(key)).isPositive().isLessThanOrEqualTo(600_000L);
  }
}
