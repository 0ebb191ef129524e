package kring.storage;

import kring.scheduler.planning.DuePrompts;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedRedisDuePromptsTest extends DuePromptsContract {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  @Override
  DuePrompts newDuePrompts() {
    return new RedisDuePrompts(redis.client(), redis.keys());
  }
}
