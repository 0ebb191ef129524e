package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptFate;
import kring.scheduler.planning.PromptKind;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MachineRedisDuePromptsTest extends DuePromptsContract {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @Override
  DuePrompts newDuePrompts() {
    return new RedisDuePrompts(redis.client(), redis.keys());
  }

  @Test
  void countsEditedByHandIntoSomethingElseAreLeftOutNotMisread() {
    due.count(List.of(new PromptFate(CASE, PromptKind.TEAM_CHECK, Fate.SENT)));
    String key = redis.keys().dueCounts(CASE);
    redis.client().hset(key, "NO_SUCH_KIND:SENT", "4");
    redis.client().hset(key, "TEAM_CHECK:NO_SUCH_FATE", "4");
    redis.client().hset(key, "TEAM_CHECK", "4");
    redis.client().hset(key, "UPDATE_DUE:SENT", "many");

    assertThat(due.counts(CASE)).containsOnly(entry(PromptKind.TEAM_CHECK, Map.of(Fate.SENT, 1L)));
  }
}
