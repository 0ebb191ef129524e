package kring.storage;

import kring.scheduler.planning.PromptBudget;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class MachineRedisPromptBudgetTest extends PromptBudgetContract {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @Override
  PromptBudget newBudget() {
    return new RedisPromptBudget(redis.client(), redis.keys());
  }
}
