package kring.storage;

import static kring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.Communication;
import kring.core.agreement.EvaluationPlan;
import kring.core.agreement.Perspective;
import kring.core.agreement.Task;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Initials;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retractor;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reply.Reply;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import kring.testing.ScriptedDeleter;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Erasure on the embedded Redis, which keeps an append-only file as Kring's default does: values
 * planted in a case are gone from every key of the whole Redis and from the rewritten file, while a
 * second case and the people who are also in it keep theirs.
 */
class RedisErasureTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.embedded();

  private static final Instant T0 = Samples.T0;

  private final RedisKeys keys = REDIS.keys();
  private final UnifiedJedis redis = REDIS.client();
  private final RedisCases cases = new RedisCases(redis, keys);
  private final RedisOutbox outbox = new RedisOutbox(redis, keys);
  private final RedisDuePrompts due = new RedisDuePrompts(redis, keys);
  private final RedisPeople people = new RedisPeople(redis, keys);
  private final RedisRetentionIndex retention = new RedisRetentionIndex(redis, keys);
  private final RedisErasure erasure = new RedisErasure(redis, keys);

  @Test
  void anErasedCaseLeavesNoneOfItsValuesInAnyKeyNorInTheRewrittenAppendOnlyFile() {
    String gone = unique();
    String kept = unique();
    UserRef shared = teamsUser(kept + "shared");
    Planted erased = plant(new CaseCode("K-ERA5"), gone, shared);
    plant(new CaseCode("K-KEP7"), kept, shared);
    finishRewrite();
    assertThat(appendOnlyText()).as("the planted values reached the file").contains(gone, kept);
    // The case document is stored compressed: the file holds its bytes, not its text.
    String document = storedDocument(erased.code());
    assertThat(appendOnlyText()).as("the case document reached the file").contains(document);

    erasure.erase(erased.code());
    awaitRewrite();
    assertThat(redis.zrange(keys.retract(), 0, -1))
        .as("what Kring posted for the case waits to be deleted, without the case code")
        .hasSize(3)
        .allMatch(item -> item.contains(gone) && !item.contains("K-ERA5"));

    List<Posted> deleted = retractAll();
    awaitRewrite();

    assertThat(deleted).hasSize(3).allMatch(p -> p.toString().contains(gone));
    assertThat(redis.exists(keys.retract())).isFalse();
    assertThat(redis.exists(keys.posted(new CaseCode("K-KEP7")))).isTrue();
    assertThat(everyValueInRedis()).doesNotContain(gone).contains(kept);
    assertThat(appendOnlyText()).doesNotContain(gone).doesNotContain(document).contains(kept);
    assertThat(cases.find(erased.code())).isEmpty();
    assertThat(cases.findByChannel(erased.channel())).isEmpty();
    assertThat(erasure.erased(erased.code())).isTrue();
    assertThat(people.language(shared)).as("a person still in another case").isPresent();
    assertThat(cases.findByPerson(shared))
        .extracting(Case::code)
        .containsExactly(new CaseCode("K-KEP7"));
    assertThat(redis.smembers(keys.erased())).containsExactly("K-ERA5");
  }

  @Test
  void aCodeOnceErasedIsNeverGivenToANewCase() {
    Planted erased = plant(new CaseCode("K-ERA5"), unique(), teamsUser(unique()));
    erasure.erase(erased.code());

    Case again =
        Case.start(
            erased.code(), null, teamsChannel(unique()), Language.NL, teamsUser(unique()), "X", T0);
    assertThatThrownBy(() -> cases.create(again)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anErasedCaseWhoseRecordsCameBackFromABackupIsFoundAgain() {
    Planted planted = plant(new CaseCode("K-ERA5"), unique(), teamsUser(unique()));
    Map<String, byte[]> backup = REDIS.backup();
    erasure.erase(planted.code());
    assertThat(erasure.reappeared()).isEmpty();

    REDIS.restore(backup);

    assertThat(erasure.reappeared()).containsExactly(planted.code());
    erasure.erase(planted.code());
    assertThat(erasure.reappeared()).isEmpty();
    assertThat(retractAll()).as("deleted once more, as it came back").hasSize(3);
    assertThat(everyValueInRedis()).doesNotContain(planted.tag());
  }

  @Test
  void forgettingAPersonTakesTheirPromptsIndexAndMessagesAndLeavesTheOthers() {
    String tag = unique();
    UserRef other = teamsUser(unique());
    Planted planted = plant(new CaseCode("K-ERA5"), tag, other);

    erasure.forget(planted.code(), planted.person(), Instant.now(), true);

    String left = everyValueInRedis();
    assertThat(left).doesNotContain(planted.person().key());
    assertThat(redis.exists(keys.person(planted.person()))).isFalse();
    assertThat(redis.exists(keys.person(other))).isTrue();
    assertThat(due.planned(planted.code()))
        .extracting(DuePrompt::person)
        .containsOnly(other)
        .isNotEmpty();
  }

  /** Runs the deletion of what erased cases posted, as the scheduler would, until none is left. */
  private List<Posted> retractAll() {
    ScriptedDeleter teams = new ScriptedDeleter(Platform.TEAMS);
    ScriptedDeleter slack = new ScriptedDeleter(Platform.SLACK);
    Retractor retractor =
        new Retractor(
            new RedisRetractions(redis, keys),
            List.of(teams, slack),
            Clock.fixed(T0, ZoneOffset.UTC),
            new SplittableRandom(1),
            erasure::rewrite);
    while (retractor.retractDue() > 0) {
      // Each run takes one batch.
    }
    List<Posted> deleted = new ArrayList<>(teams.attempts);
    deleted.addAll(slack.attempts);
    return deleted;
  }

  // ---- planting

  private record Planted(CaseCode code, ChannelRef channel, UserRef person, String tag) {}

  /**
   * A case whose every record carries {@code tag}: names, organisations, goal and task texts,
   * account and channel ids, a waiting update with its body, a dead letter, planned and handed-out
   * prompts, the person's language, hours and share of prompts, the Teams addresses and content
   * waiting to be opened, pacing, the retention indexes and what Kring posted on the platforms.
   * {@code partner} joins it as the second partner.
   */
  private Planted plant(CaseCode code, String tag, UserRef partner) {
    ChannelRef channel = teamsChannel(tag);
    UserRef anna = teamsUser(tag + "anna");
    Draft draft =
        Draft.empty()
            .withGoal(
                "Goal " + tag,
                new Perspective(true, "pupil says " + tag, "parents say " + tag),
                1,
                2,
                new Communication(3, "phone " + tag, "meet " + tag),
                EvaluationPlan.defaultFor(CollaborationLevel.COLLABORATION))
            .withTasks(List.of(new Task(1, "does " + tag, "needs " + tag)));
    Case c =
        Case.start(code, new Initials("AB"), channel, Language.EN, anna, "Anna " + tag, T0)
            .introduce(anna, "Anna " + tag, "School " + tag, Sector.EDUCATION, Role.TEACHER, T0)
            .askToJoin(
                new JoinRequest(
                    partner, "Partner " + tag, "CLB " + tag, Sector.CLB, Role.CLB, false, T0))
            .acceptJoin(anna, partner, T0)
            .propose(anna, draft, 0, T0)
            .confirm(anna, 1, T0)
            .confirm(partner, 1, T0);
    cases.create(c);
    people.setLanguage(anna, Language.EN);
    people.setWorkingHours(anna, new WorkingHours(LocalTime.of(8, 30), LocalTime.of(16, 0)));
    people.setLanguage(partner, Language.NL);
    new RedisPromptBudget(redis, keys)
        .take(Set.of(anna), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2));
    outbox.enqueue(update(code, channel, "update " + tag, T0.plusSeconds(3600)));
    OutboundMessage lost = update(code, channel, "lost " + tag, T0);
    outbox.enqueue(lost);
    outbox.park(lost.id(), "channel_not_found " + tag, T0);
    due.replace(
        code,
        List.of(
            DuePrompt.of(code, PromptKind.KICKOFF_REMINDER, anna, 1, T0, T0.plusSeconds(60)),
            DuePrompt.of(
                code,
                PromptKind.KICKOFF_REMINDER,
                partner,
                1,
                T0.plusSeconds(86_400),
                T0.plusSeconds(90_000))));
    due.done(due.claim(T0, 10, java.time.Duration.ofMinutes(5)), T0);
    due.replace(
        code,
        List.of(
            DuePrompt.of(
                code,
                PromptKind.KICKOFF_REMINDER,
                anna,
                2,
                T0.plusSeconds(86_400),
                T0.plusSeconds(90_000)),
            DuePrompt.of(
                code,
                PromptKind.KICKOFF_REMINDER,
                partner,
                2,
                T0.plusSeconds(86_400),
                T0.plusSeconds(90_000))));
    redis.set(
        keys.teamsChannel(channel),
        "{\"base\":\"https://smba.example/" + tag + "\",\"conversationId\":\"19:" + tag + "\"}");
    redis.set(
        keys.teamsPerson(anna), "{\"teamsId\":\"29:" + tag + "\",\"name\":\"Anna " + tag + "\"}");
    redis.set(
        keys.teamsWaiting(randomId()),
        "{\"person\":\""
            + anna.key()
            + "\",\"channel\":\""
            + channel.key()
            + "\",\"text\":\""
            + tag
            + "\"}");
    redis.hset(
        keys.teamsNotice(randomId()),
        Map.of(
            "person",
            anna.key(),
            "channel",
            channel.key(),
            "activity",
            "1:" + tag,
            "w:" + randomId(),
            "1"));
    redis.set(keys.outboxPace(channel.key()), "1");
    new RedisRetractions(redis, keys)
        .posted(
            code,
            List.of(
                Posted.message(
                    Platform.TEAMS, "https://smba.example/" + tag, channel.channel(), "1:" + tag),
                Posted.message(Platform.SLACK, "T" + tag, "D" + tag, "1700000000.000001"),
                Posted.file(Platform.SLACK, "T" + tag, "F" + tag)));
    retention.active(code, T0);
    return new Planted(code, channel, anna, tag);
  }

  private static OutboundMessage update(
      CaseCode code, ChannelRef channel, String text, Instant at) {
    return new OutboundMessage(
        "m-" + text.replace(' ', '-'),
        Recipient.channel(channel),
        Reply.text(text),
        MessageKind.ANNOUNCEMENT,
        code,
        at);
  }

  private static ChannelRef teamsChannel(String tag) {
    return new ChannelRef(Platform.TEAMS, "tenant-" + tag, "19:" + tag + "@thread.tacv2");
  }

  private static UserRef teamsUser(String tag) {
    return new UserRef(Platform.TEAMS, "tenant-1", "29:" + tag);
  }

  private static String randomId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Random letters no code or text of Kring contains by chance. */
  private static String unique() {
    return "zq" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
  }

  // ---- reading everything back

  /** A case's stored document, its bytes as the append-only file holds them. */
  private String storedDocument(CaseCode code) {
    byte[] stored =
        redis.hget(
            keys.caseDoc(code).getBytes(StandardCharsets.UTF_8),
            "doc".getBytes(StandardCharsets.UTF_8));
    assertThat(stored).isNotNull();
    return new String(stored, StandardCharsets.ISO_8859_1);
  }

  /**
   * Every key of the whole Redis with everything it holds, whatever its type; the documents of this
   * test's cases as their JSON.
   */
  private String everyValueInRedis() {
    StringBuilder all = new StringBuilder();
    for (String key : TestRedis.scan(redis, "*")) {
      all.append(key).append('=');
      String tag = key.substring(key.indexOf('{') + 1, Math.max(key.indexOf('}'), 0));
      if (CaseCode.isValid(tag) && key.equals(keys.caseDoc(new CaseCode(tag)))) {
        all.append(cases.storedJson(new CaseCode(tag)).orElse("(gone)")).append('\n');
        continue;
      }
      switch (redis.type(key)) {
        case "string" -> all.append(redis.get(key));
        case "hash" -> all.append(redis.hgetAll(key));
        case "list" -> all.append(redis.lrange(key, 0, -1));
        case "set" -> all.append(redis.smembers(key));
        case "zset" -> all.append(redis.zrange(key, 0, -1));
        case "none" -> all.append("(gone)");
        default -> throw new AssertionError("Teach this test to read a " + redis.type(key));
      }
      all.append('\n');
    }
    return all.toString();
  }

  /** Has Redis rewrite its file, after any rewrite already under way (one runs after start). */
  private void finishRewrite() {
    awaitRewrite();
    assertThat(erasure.rewrite()).as("the embedded Redis keeps an append-only file").isTrue();
    awaitRewrite();
  }

  private void awaitRewrite() {
    eventually(Duration.ofSeconds(30), () -> assertThat(erasure.rewriting()).isFalse());
  }

  /** Every file in the embedded Redis's directory (6.2: appendonly.aof; 7: appendonlydir/). */
  private String appendOnlyText() {
    Path dir = REDIS.dataDir().orElseThrow();
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(text).as("files in %s", dir).isNotEmpty();
    return text.toString();
  }
}
