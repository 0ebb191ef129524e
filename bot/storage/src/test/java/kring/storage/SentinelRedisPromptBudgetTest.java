package kring.storage;

import kring.scheduler.planning.PromptBudget;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class SentinelRedisPromptBudgetTest extends PromptBudgetContract {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  @Override
  PromptBudget newBudget() {
    return new RedisPromptBudget(redis.client(), redis.keys());
  }
}
