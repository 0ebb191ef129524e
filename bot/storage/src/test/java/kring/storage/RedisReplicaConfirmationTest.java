package kring.storage;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.outbox.MessageKind;
import kring.core.store.CaseCommit;
import kring.core.store.Plan;
import kring.testing.CapturedLog;
import kring.testing.LocalRedisSentinel;
import kring.testing.Samples;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Behind Sentinel a turn's commit counts as done only once the replica holds it (Redis's WAIT on
 * the commit's own connection): while the replica is held still, a commit waits for it and then
 * says that it was not confirmed; once the replica goes on, commits are confirmed again.
 */
class RedisReplicaConfirmationTest {

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  static final String UNCONFIRMED = "Only 0 of 1 replicas confirmed a write of case-commit.lua";

  @Test
  void aCommitWaitsForItsReplica() throws Exception {
    try (LocalRedisSentinel sentinel = LocalRedisSentinel.start();
        UnifiedJedis client = RedisConnections.open(sentinel.url())) {
      RedisKeys keys = new RedisKeys("confirm:");
      RedisCaseStore store = new RedisCaseStore(client, keys, Clock.fixed(T0, ZoneOffset.UTC), 1);
      Case c = Samples.fullCase(new CaseCode("K-7F3Q"), Samples.slackChannel("C1"));
      Case stored = store.commit(new CaseCommit(null, c, List.of(), Plan.KEEP, List.of()));
      assertThat(log.lines()).noneMatch(line -> line.contains(UNCONFIRMED));

      sentinel.holdReplica();
      try {
        stored =
            store.commit(
                new CaseCommit(
                    stored,
                    stored.pause(stored.partners().get(0).user(), T0, new SplittableRandom(1)),
                    List.of(message("m1", MessageKind.ANNOUNCEMENT, c.channel(), T0)),
                    Plan.KEEP,
                    List.of()));
      } finally {
        sentinel.releaseReplica();
      }
      assertThat(log.lines()).anyMatch(line -> line.contains(UNCONFIRMED));
      assertThat(new RedisCases(client, keys).find(c.code())).contains(stored);
    }
  }
}
