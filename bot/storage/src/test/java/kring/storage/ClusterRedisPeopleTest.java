package kring.storage;

import kring.core.identity.People;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisPeopleTest extends PeopleContract {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  People newPeople() {
    return new RedisPeople(redis.client(), redis.keys());
  }
}
