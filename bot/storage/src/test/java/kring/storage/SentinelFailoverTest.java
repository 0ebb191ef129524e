package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.updates.UpdateMark;
import kring.testing.ChildJvm;
import kring.testing.LocalRedisSentinel;
import kring.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Sentinel failover in the middle of a run: a Kring posts news again and again through Sentinel,
 * each commit confirmed by the replica, while the master is killed with SIGKILL. The replica takes
 * over, Kring goes on with it, and every update the partner was told about is there with its
 * messages. ({@link RedisReplicaConfirmationTest} shows that a commit waits for its replica.)
 */
class SentinelFailoverTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final ChannelRef CHANNEL = Samples.slackChannel("C0CASE");
  static final UserRef ANNA = Samples.slackUser("U0ANNA");
  static final Pattern ACK = Pattern.compile("^ACK (\\d+)$", Pattern.MULTILINE);

  LocalRedisSentinel sentinel;
  UnifiedJedis client;
  RedisKeys keys = new RedisKeys("failover:");

  @BeforeEach
  void startTheSet() {
    sentinel = LocalRedisSentinel.builder().threeSentinels().start();
    client = RedisConnections.open(sentinel.url());
  }

  @AfterEach
  void stopTheSet() {
    client.close();
    sentinel.close();
  }

  @Test
  void nothingAcknowledgedIsLostWhenTheMasterDiesAndTheReplicaTakesOver() throws Exception {
    Case c =
        Samples.activeCase(
            CODE,
            CHANNEL,
            List.of(ANNA, Samples.slackUser("U0BERT")),
            CollaborationLevel.COORDINATION,
            TurnCrashHarness.BASE.minus(Duration.ofDays(1)));
    new RedisCases(client, keys).create(c);
    int acknowledged = 0;
    try (ChildJvm kring =
        ChildJvm.start(
            TurnCrashHarness.class,
            sentinel.url(),
            keys.prefix(),
            ANNA.key(),
            CHANNEL.key(),
            "1",
            "1")) {
      kring.awaitLine("READY", WAIT);
      for (int i = 0; i < 20; i++) {
        kring.awaitLine("ACK", WAIT);
      }
      sentinel.killMasterAndAwaitFailover(WAIT);
      // Kring goes on with the new master: acknowledgements come again.
      for (int i = 0; i < 20; i++) {
        kring.awaitLine("ACK", WAIT);
      }
      kring.kill();
      Matcher told = ACK.matcher(kring.output());
      while (told.find()) {
        acknowledged = Math.max(acknowledged, Integer.parseInt(told.group(1)));
      }
    }

    // The replica confirmed each commit before the partner was told, so the new master has them.
    RedisCases cases = new RedisCases(client, keys);
    Case after = cases.find(CODE).orElseThrow();
    int stored =
        after
            .activity()
            .lastUpdate(after.partner(ANNA).orElseThrow().seq())
            .map(UpdateMark::at)
            .map(at -> (int) Duration.between(TurnCrashHarness.BASE, at).toMinutes())
            .orElse(0);
    assertThat(stored).isGreaterThanOrEqualTo(acknowledged).isGreaterThanOrEqualTo(40);
    new RedisOutbox(client, keys).recover(java.time.Instant.now().plus(Duration.ofHours(1)));
    List<String> bodies =
        RedisScan.keys(client, keys.outboxMessagePrefix() + "*").stream()
            .map(key -> client.hget(key, "body"))
            .toList();
    for (int i = 1; i <= acknowledged; i++) {
      String said = "news " + i + "\"";
      assertThat(bodies).as("the post of update %d", i).anyMatch(body -> body.contains(said));
    }
  }
}
