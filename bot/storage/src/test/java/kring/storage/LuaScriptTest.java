package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.scheduler.planning.PromptBudget.Share;
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
}
