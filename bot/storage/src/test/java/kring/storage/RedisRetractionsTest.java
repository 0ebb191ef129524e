package kring.storage;

import static kring.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Posted;
import kring.core.outbox.Retractions.Retracting;
import kring.json.KringJson;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** What Kring posted and its deletion queue, on the machine's Redis. */
class RedisRetractionsTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final CaseCode OTHER = new CaseCode("K-9H2K");
  static final Duration LEASE = Duration.ofMinutes(2);

  private final UnifiedJedis redis = REDIS.client();
  private final RedisKeys keys = REDIS.keys();
  private final RedisRetractions store = new RedisRetractions(redis, keys);
  private final RedisErasure erasure = new RedisErasure(redis, keys);

  static Posted slack(String ts) {
    return Posted.message(Platform.SLACK, "T9", "C0CASE", ts);
  }

  @Test
  void whatWasPostedWaitsWithItsCaseAndIsQueuedWithoutItsCodeWhenTheCaseIsErased() {
    Posted message = slack("1700000000.000001");
    Posted chart = Posted.file(Platform.SLACK, "T9", "F0CHART");
    Posted teams =
        Posted.message(Platform.TEAMS, "https://smba.example/emea/", "19:abc@thread.tacv2", "1:9");
    store.posted(CODE, List.of(message, chart));
    store.posted(CODE, List.of(teams));
    store.posted(OTHER, List.of(slack("1700000000.000009")));

    assertThat(store.claim(T0, 10, LEASE)).isEmpty();
    erasure.erase(CODE);

    assertThat(redis.exists(keys.posted(CODE))).isFalse();
    assertThat(redis.llen(keys.posted(OTHER))).isEqualTo(1);
    assertThat(redis.zrange(keys.retract(), 0, -1)).noneMatch(m -> m.contains(CODE.value()));
    assertThat(store.claim(T0, 10, LEASE))
        .extracting(Retracting::posted)
        .containsExactlyInAnyOrder(message, chart, teams);
  }

  @Test
  void aWorkspaceThatIsBackHasOnlyItsOwnWaitingItemsDueAgain() {
    Posted back = slack("1700000000.000003");
    Posted elsewhere = Posted.message(Platform.SLACK, "T8", "C0CASE", "1700000000.000004");
    Posted teams = Posted.message(Platform.TEAMS, "T9", "19:abc@thread.tacv2", "1:9");
    store.posted(CODE, List.of(back, elsewhere, teams));
    erasure.erase(CODE);
    for (Retracting item : store.claim(T0, 10, LEASE)) {
      store.retry(item, T0.plus(Duration.ofDays(30)), true);
    }

    store.resume(Platform.SLACK, "T9");

    assertThat(store.claim(T0, 10, LEASE))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.posted()).isEqualTo(back);
              assertThat(item.attempt()).isEqualTo(2);
            });
    assertThat(store.waiting()).isEqualTo(3);
  }

  @Test
  void whatIsDeliveredForACaseAlreadyErasedIsQueuedAtOnce() {
    erasure.erase(CODE);

    store.posted(CODE, List.of(slack("1700000000.000002")));

    assertThat(redis.exists(keys.posted(CODE))).isFalse();
    assertThat(store.claim(T0, 10, LEASE))
        .singleElement()
        .satisfies(item -> assertThat(item.posted()).isEqualTo(slack("1700000000.000002")));
  }

  @Test
  void theIdsOfOneConversationShareOneEntryInTheOrderTheyWerePosted() {
    Posted dm = Posted.message(Platform.SLACK, "T9", "D0ANN", "1700000000.000003");
    Posted chart = Posted.file(Platform.SLACK, "T9", "F0CHART");
    Posted teams =
        Posted.message(Platform.TEAMS, "https://smba.example/emea/", "a:1xYz-9_Q", "1:9");

    store.posted(CODE, List.of(slack("1700000000.000001"), dm));
    store.posted(CODE, List.of(slack("1700000000.000002"), chart));
    store.posted(CODE, List.of(teams, slack("1700000000.000004")));

    assertThat(redis.lrange(keys.posted(CODE), 0, -1))
        .containsExactly(
            "SLACK MESSAGE T9 C0CASE 1700000000.000001 1700000000.000002 1700000000.000004",
            "SLACK MESSAGE T9 D0ANN 1700000000.000003",
            "SLACK FILE T9  F0CHART",
            "TEAMS MESSAGE https://smba.example/emea/ a:1xYz-9_Q 1:9");
  }

  @Test
  void anItemThatDoesNotFitBetweenSpacesIsKeptWholeAndQueuedAsItWas() {
    Posted odd = Posted.message(Platform.PLAYGROUND, "local", "room one", "7");
    store.posted(CODE, List.of(odd, slack("1700000000.000001")));

    assertThat(redis.lrange(keys.posted(CODE), 0, -1))
        .containsExactly(
            KringJson.mapper().writeValueAsString(odd),
            "SLACK MESSAGE T9 C0CASE 1700000000.000001");
    erasure.erase(CODE);
    assertThat(store.claim(T0, 10, LEASE))
        .extracting(Retracting::posted)
        .containsExactlyInAnyOrder(odd, slack("1700000000.000001"));
  }

  @Test
  void aConversationKeepsOnlyItsNewestIds() {
    List<Posted> many =
        IntStream.range(0, RedisRetractions.KEPT_PER_CONVERSATION + 3)
            .mapToObj(i -> slack("1700000000." + i))
            .toList();
    Posted dm = Posted.message(Platform.SLACK, "T9", "D0ANN", "1700000001.000001");

    store.posted(CODE, List.of(many.get(0), dm));
    store.posted(CODE, many.subList(1, many.size()));

    List<String> entries = redis.lrange(keys.posted(CODE), 0, -1);
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).split(" "))
        .hasSize(4 + RedisRetractions.KEPT_PER_CONVERSATION)
        .contains("1700000000.3", "1700000000." + (many.size() - 1))
        .doesNotContain("1700000000.0", "1700000000.2");
    assertThat(entries.get(1)).endsWith("D0ANN 1700000001.000001");
  }

  @Test
  void aCaseKeepsOnlyItsNewestEntries() {
    List<Posted> apart =
        IntStream.range(0, RedisRetractions.KEPT_ENTRIES + 3)
            .mapToObj(i -> Posted.message(Platform.SLACK, "T9", "D0" + i, "1.1"))
            .toList();

    store.posted(CODE, apart);

    assertThat(redis.llen(keys.posted(CODE))).isEqualTo(RedisRetractions.KEPT_ENTRIES);
    assertThat(redis.lindex(keys.posted(CODE), 0)).isEqualTo("SLACK MESSAGE T9 D03 1.1");
  }

  @Test
  void whatAnOlderKringKeptIsFoldedIntoItsConversationsAndQueuedWhole() {
    // An older Kring kept each item as its JSON, one entry each; one of them fits no entry.
    Posted first = slack("1700000000.000001");
    Posted chart = Posted.file(Platform.SLACK, "T9", "F0CHART");
    Posted second = slack("1700000000.000002");
    Posted odd = Posted.message(Platform.PLAYGROUND, "local", "room one", "7");
    for (Posted old : List.of(first, chart, second, odd)) {
      redis.rpush(keys.posted(CODE), KringJson.mapper().writeValueAsString(old));
    }
    Posted elsewhere = slack("1700000000.000009");
    redis.rpush(keys.posted(OTHER), KringJson.mapper().writeValueAsString(elsewhere));

    Posted third = slack("1700000000.000003");
    store.posted(CODE, List.of(third));
    erasure.erase(OTHER);

    assertThat(redis.lrange(keys.posted(CODE), 0, -1))
        .containsExactly(
            "SLACK MESSAGE T9 C0CASE 1700000000.000001 1700000000.000002 1700000000.000003",
            "SLACK FILE T9  F0CHART",
            KringJson.mapper().writeValueAsString(odd));
    assertThat(store.claim(T0, 10, LEASE))
        .as("an erased case's list as an older Kring kept it")
        .extracting(Retracting::posted)
        .containsExactly(elsewhere);
    erasure.erase(CODE);
    assertThat(store.claim(T0, 10, LEASE))
        .extracting(Retracting::posted)
        .containsExactlyInAnyOrder(first, chart, second, odd, third);
  }

  @Test
  void aTakenItemIsLeasedToOneNodeAndComesBackWhenItsLeaseIsOver() {
    store.posted(CODE, List.of(slack("1.1")));
    erasure.erase(CODE);

    List<Retracting> first = store.claim(T0, 10, LEASE);
    assertThat(first).singleElement().satisfies(i -> assertThat(i.attempt()).isEqualTo(1));
    assertThat(store.claim(T0.plus(LEASE).minusMillis(1), 10, LEASE)).isEmpty();

    assertThat(store.claim(T0.plus(LEASE), 10, LEASE)).hasSize(1);
    assertThat(store.waiting()).isEqualTo(1);
  }

  @Test
  void aRetryCountsItsAttemptUnlessThePlatformHeldItBack() {
    store.posted(CODE, List.of(slack("1.1")));
    erasure.erase(CODE);

    Retracting first = store.claim(T0, 10, LEASE).get(0);
    store.retry(first, T0.plusSeconds(10), true);
    assertThat(store.claim(T0.plusSeconds(9), 10, LEASE)).isEmpty();
    Retracting second = store.claim(T0.plusSeconds(10), 10, LEASE).get(0);
    assertThat(second.attempt()).isEqualTo(2);

    store.retry(second, T0.plusSeconds(20), false);
    Retracting held = store.claim(T0.plusSeconds(20), 10, LEASE).get(0);
    assertThat(held.attempt()).isEqualTo(2);

    store.finished(held);
    assertThat(store.waiting()).isZero();
    store.retry(held, T0.plusSeconds(30), true);
    assertThat(store.waiting()).as("a finished item does not come back").isZero();
  }

  @Test
  void anItemNobodyCanReadIsDropped() {
    redis.zadd(keys.retract(), 0, "x {not json");
    redis.zadd(keys.retract(), 0, "0 {\"platform\":\"SLACK\"}");

    assertThat(store.claim(T0, 10, LEASE)).isEmpty();
    assertThat(store.waiting()).isZero();
  }

  @Test
  void anErasedCaseWhosePostedIdsCameBackFromABackupIsFoundAgain() {
    erasure.erase(CODE);
    redis.rpush(keys.posted(CODE), "{\"platform\":\"SLACK\"}");

    assertThat(erasure.reappeared()).containsExactly(CODE);
  }
}
