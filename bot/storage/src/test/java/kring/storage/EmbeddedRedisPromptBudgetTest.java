package kring.storage;

import kring.scheduler.planning.PromptBudget;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedRedisPromptBudgetTest extends PromptBudgetContract {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  @Override
  PromptBudget newBudget() {
    return new RedisPromptBudget(redis.client(), redis.keys());
  }
}
