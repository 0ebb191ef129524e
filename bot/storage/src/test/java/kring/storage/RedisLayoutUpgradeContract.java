package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.i18n.Language;
import kring.core.identity.UserRef;
import kring.core.outbox.Claimed;
import kring.json.KringJson;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * Keys an older Kring wrote, in the layout without hash tags, move to the current layout at start:
 * read from a stored dump of that layout (two cases agreed through the playground, with their
 * planned prompts, people's preferences and rooms, plus a waiting message, a dead letter, an erased
 * case and a put-off, handed-out and lost closing prompt). Every key afterwards is one PRIVACY.md
 * lists (the test Redis checks that after each test), and everything reads as it did.
 */
abstract class RedisLayoutUpgradeContract {

  abstract TestRedis redis();

  static final CaseCode CASE = new CaseCode("K-NQYU");
  static final CaseCode OTHER = new CaseCode("K-XY6Y");
  static final UserRef BERT = UserRef.parse("playground:local:bert-xbkh");
  static final UserRef DANA = UserRef.parse("playground:local:dana-imw7");
  static final String PUT_OFF = "K-NQYU/update_due/20700.1/playground:local:anna-szin";
  static final String LOST_CLOSE = "K-NQYU/check_in_close/1.1/playground:local:anna-szin";
  static final String SENT = "K-NQYU/kickoff_reminder/1/playground:local:anna-szin";

  UnifiedJedis client;
  RedisKeys keys;

  @BeforeEach
  void restoreTheDump() throws IOException {
    client = redis().client();
    keys = redis().keys();
    load(client, keys.prefix());
  }

  @Test
  void everyKeyMovesAndReadsAsBefore() {
    Map<String, String> caseBefore = client.hgetAll(keys.prefix() + "case:" + CASE.value());

    int moved = new RedisLayoutUpgrade(client, keys).run();

    assertThat(moved).isGreaterThan(20);
    assertThat(TestRedis.scan(client, keys.prefix() + "*"))
        .noneMatch(key -> key.startsWith(keys.prefix() + "case:"))
        .noneMatch(key -> key.startsWith(keys.prefix() + "due:"))
        .noneMatch(key -> key.startsWith(keys.prefix() + "outbox:"))
        .noneMatch(key -> key.startsWith(keys.prefix() + "person"));
    assertThat(client.hgetAll(keys.caseDoc(CASE))).isEqualTo(caseBefore);
    RedisCases cases = new RedisCases(client, keys);
    Case c = cases.find(CASE).orElseThrow();
    assertThat(cases.findByChannel(c.channel())).contains(c);
    assertThat(cases.find(OTHER)).isPresent();
    assertThat(cases.findByPerson(BERT)).extracting(Case::code).contains(CASE);

    RedisPeople people = new RedisPeople(client, keys);
    assertThat(people.language(DANA)).contains(Language.EN);
    assertThat(people.workingHours(BERT))
        .contains(new WorkingHours(LocalTime.of(8, 30), LocalTime.of(15, 30)));

    assertThat(client.get(keys.layout())).isEqualTo(RedisLayoutUpgrade.LAYOUT);
    assertThat(new RedisLayoutUpgrade(client, keys).run()).isZero();
  }

  @Test
  void plannedPromptsBecomeEachCasesOwnAndAreClaimedWhenDue() {
    new RedisLayoutUpgrade(client, keys).run();
    RedisDuePrompts due = new RedisDuePrompts(client, keys);

    List<DuePrompt> planned = due.planned(CASE);
    assertThat(planned).extracting(DuePrompt::id).contains(PUT_OFF).hasSize(15);
    List<DuePrompt> other = due.planned(OTHER);
    assertThat(other).hasSize(11);
    assertThat(client.sismember(keys.dueLater(CASE), PUT_OFF)).isTrue();
    List<DuePrompt> claimed =
        due.claim(Instant.parse("2030-01-01T00:00:00Z"), 1000, Duration.ofMinutes(5));
    assertThat(claimed).containsExactlyInAnyOrderElementsOf(concat(planned, other));

    // A personal prompt handed out before the upgrade is not planned again; a closing step an older
    // Kring handed out and lost is planned again as soon as the case plans it.
    DuePrompt reminder =
        DuePrompt.parse(SENT, CASE, anna(), Instant.parse("2026-12-08T09:00:00Z")).orElseThrow();
    DuePrompt close =
        DuePrompt.of(
            CASE,
            kring.scheduler.planning.PromptKind.CHECK_IN_CLOSE,
            anna(),
            1,
            1,
            Instant.parse("2026-12-08T11:00:00Z"),
            Instant.parse("2027-01-08T11:00:00Z"));
    assertThat(close.id()).isEqualTo(LOST_CLOSE);
    due.replace(CASE, List.of(reminder, close));
    assertThat(due.planned(CASE)).extracting(DuePrompt::id).containsExactly(LOST_CLOSE);
  }

  @Test
  void theOutboxRetentionAndErasuresMoveWithTheirEntries() {
    new RedisLayoutUpgrade(client, keys).run();

    RedisOutbox outbox = new RedisOutbox(client, keys);
    assertThat(outbox.deadLetters(10)).hasSize(1);
    List<Claimed> waiting =
        outbox.claim(Instant.parse("2030-01-01T00:00:00Z"), 10, Duration.ofMinutes(1), Map.of());
    assertThat(waiting).hasSize(1);
    assertThat(waiting.get(0).message().caseCode()).isEqualTo(CASE);
    assertThat(waiting.get(0).message().reply().blocks()).isNotEmpty();

    RedisErasure erasure = new RedisErasure(client, keys);
    assertThat(erasure.erased(new CaseCode("K-GQNE"))).isTrue();
    assertThat(client.exists(keys.caseErased(new CaseCode("K-GQNE")))).isTrue();
    RedisRetentionIndex retention = new RedisRetentionIndex(client, keys);
    Instant later = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(retention.closedBefore(later, 10)).containsExactly(new CaseCode("K-HRTW"));
    assertThat(retention.quietSince(later, 10)).containsExactlyInAnyOrder(CASE, OTHER);
    assertThat(retention.erasuresDue(later, 10)).containsExactly(OTHER);
    assertThat(client.pttl(keys.once("slack-event", "0a1b2c"))).isPositive();
    assertThat(client.hlen(keys.playgroundRooms())).isEqualTo(2);
  }

  @Test
  void anUpgradeCutShortIsFinishedByRunningItAgain() {
    // The node died halfway: the case record was copied to its new name but not yet deleted, and
    // one case's prompts were half copied.
    String oldCase = keys.prefix() + "case:" + CASE.value();
    client.restore(keys.caseDoc(CASE), 0, client.dump(oldCase));
    String first = client.smembers(keys.prefix() + "due:case:" + CASE.value()).iterator().next();
    client.zadd(keys.dueOfCase(CASE), 1, first);

    new RedisLayoutUpgrade(client, keys).run();

    assertThat(client.exists(oldCase)).isFalse();
    assertThat(new RedisCases(client, keys).find(CASE)).isPresent();
    assertThat(new RedisDuePrompts(client, keys).planned(CASE))
        .extracting(DuePrompt::id)
        .doesNotHaveDuplicates()
        .hasSize(15);
  }

  private static List<DuePrompt> concat(List<DuePrompt> one, List<DuePrompt> two) {
    List<DuePrompt> both = new ArrayList<>(one);
    both.addAll(two);
    return both;
  }

  private static UserRef anna() {
    return UserRef.parse("playground:local:anna-szin");
  }

  /** Writes the stored dump under this test's key prefix, each key in its own Redis type. */
  static void load(UnifiedJedis client, String prefix) throws IOException {
    JsonNode dump;
    try (InputStream in = RedisLayoutUpgradeContract.class.getResourceAsStream("layout-1.json")) {
      dump = KringJson.mapper().readTree(in);
    }
    for (JsonNode entry : dump) {
      String key = prefix + entry.path("key").asString().substring("kring:".length());
      JsonNode value = entry.path("value");
      switch (entry.path("type").asString()) {
        case "string" -> client.set(key, value.asString());
        case "hash" -> {
          Map<String, String> fields = new HashMap<>();
          value.properties().forEach(f -> fields.put(f.getKey(), f.getValue().asString()));
          client.hset(key, fields);
        }
        case "set" -> {
          List<String> members = new ArrayList<>();
          value.forEach(m -> members.add(m.asString()));
          client.sadd(key, members.toArray(String[]::new));
        }
        case "list" -> {
          List<String> items = new ArrayList<>();
          value.forEach(m -> items.add(m.asString()));
          client.rpush(key, items.toArray(String[]::new));
        }
        case "zset" -> {
          Map<String, Double> members = new HashMap<>();
          value.properties().forEach(f -> members.put(f.getKey(), f.getValue().asDouble()));
          client.zadd(key, members);
        }
        default -> throw new IllegalStateException(entry.toString());
      }
      if (entry.has("ttlMs")) {
        client.pexpire(key, entry.path("ttlMs").asLong());
      }
    }
  }
}
