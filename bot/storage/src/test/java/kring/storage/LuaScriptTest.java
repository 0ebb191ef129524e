package kring.storage;

import static kring.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.store.TurnMessages;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptBudget.Share;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LuaScriptTest {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  @Test
  void scriptsRunInOneRoundTripStillRunAfterRedisForgotThemAndRunOnlyOnce() {
    RedisPromptBudget budget = new RedisPromptBudget(redis.client(), redis.keys());
    UserRef ann = new UserRef(Platform.SLACK, "T1", "U1");
    UserRef bob = new UserRef(Platform.SLACK, "T1", "U2");
    LocalDate monday = LocalDate.of(2026, 3, 2);
    budget.take(Set.of(ann), monday, monday);

    // A restart or a flush: Redis no longer knows the script by its digest.
    redis.client().scriptFlush();

    assertThat(budget.take(Set.of(ann, bob), monday.plusDays(1), monday))
        .containsEntry(ann, Share.GRANTED)
        .containsEntry(bob, Share.GRANTED);
    // Each ran exactly once: Ann has used her two this week, Bob one.
    assertThat(budget.take(Set.of(ann, bob), monday.plusDays(2), monday))
        .containsEntry(ann, Share.WEEK_USED)
        .containsEntry(bob, Share.GRANTED);
  }

  @Test
  void aPromptPutOffAfterRedisForgotTheScriptsIsStoredWithItsAnswerAndWakesThePollers() {
    CaseCode code = new CaseCode("K-7F3Q");
    new RedisCases(redis.client(), redis.keys())
        .create(Samples.fullCase(code, Samples.slackChannel("C1")));
    RedisCaseStore store =
        new RedisCaseStore(redis.client(), redis.keys(), Clock.fixed(T0, ZoneOffset.UTC));
    DuePrompt moved =
        DuePrompt.of(
                code,
                PromptKind.KICKOFF_REMINDER,
                Samples.slackUser("U1"),
                1,
                T0.plusSeconds(60),
                T0.plusSeconds(3600))
            .movedTo(T0.plusSeconds(1800))
            .askedFor();

    // A restart or a flush: Redis no longer knows the put-off's script nor the pollers' wake.
    redis.client().scriptFlush();
    store.send(
        new TurnMessages(
            List.of(
                Samples.message("later", MessageKind.ANNOUNCEMENT, Samples.slackChannel("C1"), T0)),
            Map.of(),
            Optional.of(moved)),
        null,
        null,
        null);

    assertThat(new RedisDuePrompts(redis.client(), redis.keys()).planned(code))
        .containsExactly(moved);
    assertThat(new RedisOutbox(redis.client(), redis.keys()).pending()).isEqualTo(1);
    assertThat(redis.client().zscore(redis.keys().wakeDue(), code.value()))
        .isEqualTo((double) moved.dueAt().toEpochMilli());
  }
}
