package kring.storage;

import kring.scheduler.planning.PromptBudget;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisPromptBudgetTest extends PromptBudgetContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  PromptBudget newBudget() {
    return new RedisPromptBudget(redis.client(), redis.keys());
  }
}
