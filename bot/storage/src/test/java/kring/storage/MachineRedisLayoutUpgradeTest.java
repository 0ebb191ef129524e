package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class MachineRedisLayoutUpgradeTest extends RedisLayoutUpgradeContract {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @Override
  TestRedis redis() {
    return redis;
  }
}
