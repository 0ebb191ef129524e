package kring.storage;

import kring.core.identity.People;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

class SentinelRedisPeopleTest extends PeopleContract {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  @Override
  People newPeople() {
    return new RedisPeople(redis.client(), redis.keys());
  }
}
