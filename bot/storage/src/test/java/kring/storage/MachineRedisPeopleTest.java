package kring.storage;

import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MachineRedisPeopleTest extends PeopleContract {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @Override
  People newPeople() {
    return new RedisPeople(redis.client(), redis.keys());
  }

  @Test
  void storedWorkingHoursThatMakeNoSenseAreReportedNotGuessed() {
    UserRef ann = slackUser("U1");
    people.setWorkingHours(ann, hours(8, 0, 12));
    redis.client().hset(redis.keys().person(ann), "hours", "17:00-08:00");

    assertThatThrownBy(() -> people.workingHours(ann))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("hours 17:00-08:00");
  }
}
