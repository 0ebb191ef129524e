package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.json.KringJson;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How {@link RedisDuePrompts} keeps a case's planned prompts, and what an older Kring left. */
class RedisPromptRecordsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final UserRef ANN = Samples.slackUser("U1");
  static final UserRef BOB = Samples.slackUser("U2");
  static final Instant DUE = Samples.T0;

  final RedisKeys keys = redis.keys();
  final RedisDuePrompts due = new RedisDuePrompts(redis.client(), keys);

  static DuePrompt invite(UserRef to, Instant at) {
    return DuePrompt.of(
        CODE, PromptKind.CHECK_IN_INVITE, to, 3, 1, at, at.plus(Duration.ofDays(3)));
  }

  @Test
  void keepsOnlyWhenEachPromptIsDueBesideTheIdThatNamesTheRest() {
    DuePrompt ann = invite(ANN, DUE);
    DuePrompt bob = invite(BOB, DUE).movedTo(DUE.plusSeconds(90));

    due.replace(CODE, List.of(ann, bob));

    assertThat(redis.client().hgetAll(keys.duePrompts(CODE)))
        .containsEntry(ann.id(), String.valueOf(DUE.getEpochSecond()))
        .containsEntry(
            bob.id(), (DUE.getEpochSecond() + 90) + " " + (DUE.getEpochSecond() + 3 * 86_400));
    assertThat(due.planned(CODE)).containsExactly(ann, bob);
    assertThat(due.claim(DUE.plusSeconds(120), 10, Duration.ofMinutes(5)))
        .containsExactly(ann, bob);
  }

  @Test
  void promptsAnOlderKringStoredAsJsonArePlannedClaimedPutOffAndFinished() {
    DuePrompt ann = invite(ANN, DUE);
    DuePrompt bob = invite(BOB, DUE.plusSeconds(60));
    // What an older Kring left: each prompt's JSON under its id, its id by due time.
    for (DuePrompt old : List.of(ann, bob)) {
      redis
          .client()
          .hset(keys.duePrompts(CODE), old.id(), KringJson.mapper().writeValueAsString(old));
      redis.client().zadd(keys.dueOfCase(CODE), old.dueAt().toEpochMilli(), old.id());
    }
    due.wake(CODE, String.valueOf(DUE.toEpochMilli()));

    assertThat(due.planned(CODE)).containsExactly(ann, bob);
    List<DuePrompt> claimed = due.claim(DUE.plusSeconds(60), 10, Duration.ofMinutes(5));
    assertThat(claimed).containsExactly(ann, bob);
    DuePrompt tomorrow = bob.deferredTo(DUE.plus(Duration.ofDays(1)));
    due.later(tomorrow);
    due.done(List.of(ann), DUE.plusSeconds(60));

    assertThat(due.planned(CODE)).containsExactly(tomorrow);
    assertThat(redis.client().hgetAll(keys.duePrompts(CODE)))
        .containsOnlyKeys(bob.id())
        .containsEntry(bob.id(), String.valueOf(tomorrow.dueAt().getEpochSecond()));
  }
}
