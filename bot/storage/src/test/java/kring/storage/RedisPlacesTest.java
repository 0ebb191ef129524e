package kring.storage;

import static kring.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Places.Start;
import kring.core.outbox.Posted;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** What each place of a case shows, on the machine's Redis. */
class RedisPlacesTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final Duration LEASE = Duration.ofMinutes(2);
  static final String CHANNEL = "slack:T9:C0CASE";
  static final Posted POST = Posted.message(Platform.SLACK, "T9", "C0CASE", "1700000000.000001");

  private final UnifiedJedis redis = REDIS.client();
  private final RedisKeys keys = REDIS.keys();
  private final RedisPlaces places = new RedisPlaces(redis, keys);

  @Test
  void aShownStateIsUpdatedByLaterOnesAndOlderOnesAreStale() {
    assertThat(places.start(CODE, "agreement:2", CHANNEL, 5, T0, LEASE))
        .isEqualTo(new Start.Go(null));
    places.shown(CODE, "agreement:2", CHANNEL, 5, POST);

    assertThat(places.start(CODE, "agreement:2", CHANNEL, 7, T0, LEASE))
        .isEqualTo(new Start.Go(POST));
    places.shown(CODE, "agreement:2", CHANNEL, 7, POST);

    assertThat(places.start(CODE, "agreement:2", CHANNEL, 6, T0, LEASE))
        .isEqualTo(new Start.Stale());
    assertThat(places.start(CODE, "agreement:2", "dm:slack:T9:U1", 6, T0, LEASE))
        .as("another conversation's place")
        .isEqualTo(new Start.Go(null));
  }

  @Test
  void oneNodeAtATimeUntilItsLeaseRunsOutOrItLetsGo() {
    places.start(CODE, "check-in:3", CHANNEL, 5, T0, LEASE);

    assertThat(places.start(CODE, "check-in:3", CHANNEL, 6, T0.plusSeconds(1), LEASE))
        .isEqualTo(new Start.Busy());
    assertThat(places.start(CODE, "check-in:3", CHANNEL, 6, T0.plus(LEASE), LEASE))
        .isEqualTo(new Start.Go(null));

    places.release(CODE, "check-in:3", CHANNEL);
    assertThat(redis.hlen(keys.places(CODE)))
        .as("a place never shown keeps nothing once let go")
        .isZero();
  }

  @Test
  void aLetGoStateKeepsWhatWasShownBefore() {
    places.start(CODE, "join:4", CHANNEL, 5, T0, LEASE);
    places.shown(CODE, "join:4", CHANNEL, 5, POST);
    places.start(CODE, "join:4", CHANNEL, 6, T0, LEASE);
    places.release(CODE, "join:4", CHANNEL);

    assertThat(places.start(CODE, "join:4", CHANNEL, 6, T0, LEASE)).isEqualTo(new Start.Go(POST));
  }

  @Test
  void anErasedCaseKeepsNoPlaceAndShowsNothing() {
    places.start(CODE, "join:4", CHANNEL, 5, T0, LEASE);
    places.shown(CODE, "join:4", CHANNEL, 5, POST);

    new RedisErasure(redis, keys).erase(CODE);

    assertThat(redis.exists(keys.places(CODE))).isFalse();
    assertThat(places.start(CODE, "join:4", CHANNEL, 9, T0, LEASE)).isEqualTo(new Start.Stale());
    places.shown(CODE, "join:4", CHANNEL, 9, POST);
    assertThat(redis.exists(keys.places(CODE))).isFalse();
  }
}
