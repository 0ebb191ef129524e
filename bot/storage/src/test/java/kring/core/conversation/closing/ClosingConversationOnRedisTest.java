package kring.core.conversation.closing;

import kring.core.cases.Cases;
import kring.storage.RedisCases;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing a case again on the machine's Redis: the final evaluation, its answers and the case
 * closing are stored and read back as every node would.
 */
class ClosingConversationOnRedisTest extends ClosingConversationTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  @Override
  Cases newCases() {
    return new RedisCases(REDIS.client(), REDIS.keys());
  }
}
