package kring.storage;

import kring.scheduler.planning.DuePrompts;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisDuePromptsTest extends DuePromptsContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  DuePrompts newDuePrompts() {
    return new RedisDuePrompts(redis.client(), redis.keys());
  }
}
