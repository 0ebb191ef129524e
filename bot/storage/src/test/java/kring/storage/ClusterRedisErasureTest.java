package kring.storage;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Posted;
import kring.core.store.CaseCommit;
import kring.core.store.Plan;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasing a case on a Redis Cluster, where its keys, its people's keys, the outbox and the indexes
 * live on different nodes: nothing of the case stays anywhere but its code on the erased lists, and
 * what Kring posted for it waits in the deletion queue without it.
 */
class ClusterRedisErasureTest {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  static final CaseCode CODE = new CaseCode("K-7F3Q");

  @Test
  void anErasedCaseLeavesOnlyItsCodeOnTheErasedListsOnEveryNode() {
    Case c = Samples.fullCase(CODE, slackChannel("C1"));
    DuePrompt prompt =
        DuePrompt.of(
            CODE, PromptKind.KICKOFF_REMINDER, slackUser("U1"), 1, T0, T0.plusSeconds(3600));
    new RedisCaseStore(redis.client(), redis.keys(), Clock.fixed(T0, ZoneOffset.UTC))
        .commit(
            new CaseCommit(
                null,
                c,
                List.of(message("m1", MessageKind.ANNOUNCEMENT, c.channel(), T0)),
                Plan.replace(List.of(prompt)),
                List.of()));
    RedisRetractions retractions = new RedisRetractions(redis.client(), redis.keys());
    retractions.posted(CODE, List.of(Posted.message(Platform.SLACK, "T9", "C1", "1700000000.1")));
    new RedisRetentionIndex(redis.client(), redis.keys()).active(CODE, T0);
    for (var person : c.team().people()) {
      new RedisPeople(redis.client(), redis.keys())
          .setLanguage(person, kring.core.i18n.Language.EN);
    }

    new RedisErasure(redis.client(), redis.keys()).erase(CODE);

    List<String> left = redis.storedKeys();
    assertThat(left)
        .filteredOn(key -> key.contains(CODE.value()))
        .containsExactlyInAnyOrder(redis.keys().caseErased(CODE));
    assertThat(redis.storedText()).doesNotContain(c.partners().get(0).displayName());
    assertThat(redis.client().smembers(redis.keys().erased())).containsExactly(CODE.value());
    assertThat(retractions.waiting()).isEqualTo(1);
    assertThat(new RedisCases(redis.client(), redis.keys()).findByChannel(c.channel())).isEmpty();
    assertThat(new RedisErasure(redis.client(), redis.keys()).reappeared()).isEmpty();
  }
}
