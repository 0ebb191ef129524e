package kring.slack;

import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link SlackHarness} for the tests of a class, started once and told to forget the calls it
 * saw before each test. Register it after the {@link TestRedis} it runs on:
 *
 * <pre>{@code @RegisterExtension static final SlackRunning slack = new SlackRunning(redis);}</pre>
 */
final class SlackRunning implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final TestRedis redis;
  private SlackHarness harness;

  SlackRunning(TestRedis redis) {
    this.redis = redis;
  }

  SlackHarness get() {
    return harness;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    harness = new SlackHarness(redis);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    harness.slack.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    harness.close();
  }
}
