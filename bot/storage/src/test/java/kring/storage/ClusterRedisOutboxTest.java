package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisOutboxTest extends RedisOutboxContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  TestRedis redis() {
    return redis;
  }
}
