package kring.storage;

import kring.core.cases.Cases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class MachineRedisCasesTest extends CasesContract {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @Override
  Cases newCases() {
    return new RedisCases(redis.client(), redis.keys());
  }
}
