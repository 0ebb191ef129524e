package kring.core.conversation;

import kring.core.cases.Cases;
import kring.storage.RedisCases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every conversation test again on the machine's Redis, where each read is a fresh copy: a flow
 * that compared cases by identity instead of by what was written would announce a double click.
 */
class KringConversationOnRedisTest extends KringConversationTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  @Override
  Cases newCases() {
    return new RedisCases(REDIS.client(), REDIS.keys());
  }
}
