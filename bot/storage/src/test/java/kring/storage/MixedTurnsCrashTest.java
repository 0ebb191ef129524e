package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.testing.ChildJvm;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * One turn, one commit, for turns of every kind, with real processes: a Kring going through a
 * case's life — goals proposed and confirmed with buttons, news, a pause and a resume, reflection
 * rounds started and answered — is killed with SIGKILL at a random moment, a hundred times, and
 * started again where the stored case says it stopped. Every step commits once, so the case's
 * revision says how many steps are stored. After each kill, every step the person was told about is
 * stored, every stored step has exactly the messages the same step has in a run nobody killed (a
 * reference case beside it), and the step the kill cut short left no message at all.
 */
class MixedTurnsCrashTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int KILLS = 100;
  static final Duration WAIT = Duration.ofSeconds(30);

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final ChannelRef CHANNEL = Samples.slackChannel("C0CASE");
  static final List<UserRef> PARTNERS = partners("0");
  static final CaseCode REFERENCE = new CaseCode("K-2222");
  static final ChannelRef REFERENCE_CHANNEL = Samples.slackChannel("C0REFERENCE");
  static final List<UserRef> REFERENCE_PARTNERS = partners("1");

  @Test
  void killedAtRandomMomentsInTurnsOfEveryKindEveryTurnIsStoredWithAllItsMessagesOrNotAtAll()
      throws Exception {
    RedisCases cases = new RedisCases(redis.client(), redis.keys());
    cases.create(activeCase(CODE, CHANNEL, PARTNERS));
    cases.create(activeCase(REFERENCE, REFERENCE_CHANNEL, REFERENCE_PARTNERS));
    MixedTurnsHarness reference =
        new MixedTurnsHarness(
            redis.client(), redis.keys(), REFERENCE_CHANNEL, REFERENCE, REFERENCE_PARTNERS);
    int referenceSteps = 0;
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int next = 0;
    int cutShort = 0;
    int midTurn = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      int acknowledged = next - 1;
      List<String> args = new ArrayList<>(List.of(redis.url(), redis.keys().prefix()));
      args.add(CHANNEL.key());
      PARTNERS.forEach(p -> args.add(p.key()));
      args.add(CODE.value());
      args.add(String.valueOf(next));
      try (ChildJvm kring = ChildJvm.start(MixedTurnsHarness.class, args.toArray(String[]::new))) {
        acknowledged = kring.killInATurn(random, WAIT, acknowledged);
        String output = kring.output();
        midTurn += output.substring(output.lastIndexOf('\n') + 1).startsWith("TURN") ? 1 : 0;
      }
      String context = "kill " + kill + " (seed " + seed + ")";
      int stored = (int) cases.find(CODE).orElseThrow().revision();
      assertThat(stored - 1)
          .as("every acknowledged step is stored, " + context)
          .isGreaterThanOrEqualTo(acknowledged);
      for (; referenceSteps < stored; referenceSteps++) {
        reference.step(referenceSteps);
      }
      Map<Integer, List<String>> expected = messagesByStep(REFERENCE);
      Map<Integer, List<String>> actual = messagesByStep(CODE);
      for (int step = next; step < stored; step++) {
        assertThat(actual.getOrDefault(step, List.of()))
            .as(
                "the messages of step "
                    + step
                    + " (kind "
                    + step % MixedTurnsHarness.ROUND
                    + "), "
                    + context)
            .isEqualTo(expected.getOrDefault(step, List.of()))
            .isNotEmpty();
      }
      assertThat(actual.keySet())
          .as("nothing of the step cut short, " + context)
          .allMatch(step -> step < stored);
      cutShort += stored - 1 > acknowledged ? 1 : 0;
      next = stored;
    }
    System.out.printf(
        "%d kills (%d in the middle of a turn), %d steps stored, %d stored but not yet"
            + " acknowledged when killed%n",
        KILLS, midTurn, next, cutShort);
  }

  /**
   * The kinds of every message of a case waiting in the outbox, by the step they belong to (the
   * minute they were written); what a killed node committed but did not hand in is handed in first,
   * as any node's outbox poller does.
   */
  private Map<Integer, List<String>> messagesByStep(CaseCode code) {
    new RedisOutbox(redis.client(), redis.keys()).recover(Instant.now().plus(Duration.ofHours(1)));
    List<String> ids = RedisScan.keys(redis.client(), redis.keys().outboxMessagePrefix() + "*");
    List<Response<List<String>>> read = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (String key : ids) {
        read.add(pipeline.hmget(key, "case", "created", "kind"));
      }
      pipeline.sync();
    }
    Map<Integer, List<String>> byStep = new TreeMap<>();
    for (Response<List<String>> response : read) {
      List<String> fields = response.get();
      if (!code.value().equals(fields.get(0))) {
        continue;
      }
      Instant created = Instant.parse(fields.get(1));
      int step = (int) Duration.between(MixedTurnsHarness.BASE, created).toMinutes();
      byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(fields.get(2));
    }
    byStep.values().forEach(kinds -> kinds.sort(String::compareTo));
    return byStep;
  }

  private static kring.core.cases.Case activeCase(
      CaseCode code, ChannelRef channel, List<UserRef> partners) {
    return Samples.activeCase(
        code,
        channel,
        partners,
        CollaborationLevel.COORDINATION,
        MixedTurnsHarness.BASE.minus(Duration.ofDays(1)));
  }

  private static List<UserRef> partners(String mark) {
    return List.of("ANNA", "BERT", "CARO", "DORA").stream()
        .map(name -> Samples.slackUser("U" + mark + name))
        .toList();
  }
}
