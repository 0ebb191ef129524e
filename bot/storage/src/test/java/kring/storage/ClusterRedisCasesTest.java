package kring.storage;

import kring.core.cases.Cases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisCasesTest extends CasesContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  Cases newCases() {
    return new RedisCases(redis.client(), redis.keys());
  }
}
