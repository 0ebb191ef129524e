package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.updates.UpdateMark;
import kring.testing.ChildJvm;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * One turn, one commit, with real processes: a Kring posting news again and again is killed with
 * SIGKILL at a random moment, a hundred times, and started again. After each kill every update the
 * partner was told about is stored, every stored update has its channel post and its private answer
 * (once each), and the update the kill cut short left nothing at all: neither its mark in the case
 * nor a message.
 */
class TurnCrashTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int KILLS = 100;
  static final Duration WAIT = Duration.ofSeconds(30);
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final ChannelRef CHANNEL = Samples.slackChannel("C0CASE");
  static final UserRef ANNA = Samples.slackUser("U0ANNA");
  static final UserRef BERT = Samples.slackUser("U0BERT");

  @Test
  void killedAtRandomMomentsEveryTurnIsStoredWithItsMessagesOrNotAtAll() throws Exception {
    Case c =
        Samples.activeCase(
            CODE,
            CHANNEL,
            List.of(ANNA, BERT),
            CollaborationLevel.COORDINATION,
            TurnCrashHarness.BASE.minus(Duration.ofDays(1)));
    new RedisCases(redis.client(), redis.keys()).create(c);
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int next = 1;
    int cutShort = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      int acknowledged = next - 1;
      try (ChildJvm kring =
          ChildJvm.start(
              TurnCrashHarness.class,
              redis.url(),
              redis.keys().prefix(),
              ANNA.key(),
              CHANNEL.key(),
              String.valueOf(next))) {
        acknowledged = kring.killInATurn(random, WAIT, acknowledged);
      }
      int stored = storedUpdate();
      String context = "kill " + kill + " (seed " + seed + ")";
      assertThat(stored)
          .as("every acknowledged update is stored, " + context)
          .isGreaterThanOrEqualTo(acknowledged);
      Map<Integer, Messages> byUpdate = messagesAfterHandIn();
      for (int i = next; i <= stored; i++) {
        Messages of = byUpdate.getOrDefault(i, new Messages());
        assertThat(of.posts).as("the channel post of update " + i + ", " + context).isEqualTo(1);
        assertThat(of.answers).as("the answer to update " + i + ", " + context).isEqualTo(1);
      }
      assertThat(byUpdate.getOrDefault(stored + 1, new Messages()))
          .as("nothing of the update cut short, " + context)
          .isEqualTo(new Messages());
      cutShort += stored > acknowledged ? 1 : 0;
      next = stored + 1;
    }
    System.out.printf(
        "%d kills, %d updates stored, %d stored but not yet acknowledged when killed%n",
        KILLS, next - 1, cutShort);
  }

  /** The number of the last update stored: its mark's minute after the harness's base. */
  private int storedUpdate() {
    Case c = new RedisCases(redis.client(), redis.keys()).find(CODE).orElseThrow();
    int seq = c.partner(ANNA).orElseThrow().seq();
    return c.activity()
        .lastUpdate(seq)
        .map(UpdateMark::at)
        .map(at -> (int) Duration.between(TurnCrashHarness.BASE, at).toMinutes())
        .orElse(0);
  }

  /**
   * Every message of the case that is waiting in the outbox, by the update it belongs to (the
   * minute it was written); what a killed node committed but did not hand in is handed in first, as
   * any node's outbox poller does.
   */
  private Map<Integer, Messages> messagesAfterHandIn() {
    new RedisOutbox(redis.client(), redis.keys()).recover(Instant.now().plus(Duration.ofHours(1)));
    List<String> ids = RedisScan.keys(redis.client(), redis.keys().outboxMessagePrefix() + "*");
    List<Response<List<String>>> read = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (String key : ids) {
        read.add(pipeline.hmget(key, "created", "kind", "body"));
      }
      pipeline.sync();
    }
    Map<Integer, Messages> byUpdate = new HashMap<>();
    for (Response<List<String>> response : read) {
      List<String> fields = response.get();
      int update =
          (int) Duration.between(TurnCrashHarness.BASE, Instant.parse(fields.get(0))).toMinutes();
      Messages of = byUpdate.computeIfAbsent(update, u -> new Messages());
      if (fields.get(1).equals("ANSWER")) {
        of.answers++;
      } else if (fields.get(2).contains("news " + update + "\"")) {
        of.posts++;
      } else {
        of.others++;
      }
    }
    return byUpdate;
  }

  /** The messages of one update. */
  private static final class Messages {
    int posts;
    int answers;
    int others;

    @Override
    public boolean equals(Object o) {
      return o instanceof Messages m
          && m.posts == posts
          && m.answers == answers
          && m.others == others;
    }

    @Override
    public int hashCode() {
      return posts * 31 * 31 + answers * 31 + others;
    }

    @Override
    public String toString() {
      return posts + " posts, " + answers + " answers, " + others + " others";
    }
  }
}
