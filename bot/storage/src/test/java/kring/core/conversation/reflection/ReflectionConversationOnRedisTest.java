package kring.core.conversation.reflection;

import kring.core.cases.Cases;
import kring.storage.RedisCases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reflection round again on the machine's Redis: what a partner saved is in Redis before they
 * are thanked, so a Kring that starts again mid-round reads every answer back.
 */
class ReflectionConversationOnRedisTest extends ReflectionConversationTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  @Override
  Cases newCases() {
    return new RedisCases(REDIS.client(), REDIS.keys());
  }

  @Override
  Cases restarted(Cases before) {
    return new RedisCases(REDIS.client(), REDIS.keys());
  }
}
