package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisBacklogsTest extends RedisBacklogsContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  TestRedis redis() {
    return redis;
  }
}
