package kring.storage;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class MachineRedisCaseStoreTest extends RedisCaseStoreContract {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @Override
  TestRedis redis() {
    return redis;
  }
}
