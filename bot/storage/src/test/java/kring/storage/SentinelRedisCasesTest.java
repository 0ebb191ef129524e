package kring.storage;

import kring.core.cases.Cases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class SentinelRedisCasesTest extends CasesContract {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  @Override
  Cases newCases() {
    return new RedisCases(redis.client(), redis.keys());
  }
}
