package kring.storage;

import kring.core.identity.People;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedRedisPeopleTest extends PeopleContract {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  @Override
  People newPeople() {
    return new RedisPeople(redis.client(), redis.keys());
  }
}
