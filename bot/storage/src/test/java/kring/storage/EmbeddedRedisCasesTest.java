package kring.storage;

import kring.core.cases.Cases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedRedisCasesTest extends CasesContract {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  @Override
  Cases newCases() {
    return new RedisCases(redis.client(), redis.keys());
  }
}
