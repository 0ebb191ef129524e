package kring.storage;

import kring.scheduler.planning.DuePrompts;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class SentinelRedisDuePromptsTest extends DuePromptsContract {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  @Override
  DuePrompts newDuePrompts() {
    return new RedisDuePrompts(redis.client(), redis.keys());
  }
}
