package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class SentinelRedisCaseStoreTest extends RedisCaseStoreContract {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  @Override
  TestRedis redis() {
    return redis;
  }
}
