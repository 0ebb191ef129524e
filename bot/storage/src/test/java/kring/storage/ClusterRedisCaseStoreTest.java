package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisCaseStoreTest extends RedisCaseStoreContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  TestRedis redis() {
    return redis;
  }
}
