package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedRedisOutboxTest extends RedisOutboxContract {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  @Override
  TestRedis redis() {
    return redis;
  }
}
