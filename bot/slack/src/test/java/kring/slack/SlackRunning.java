package kring.slack;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link SlackHarness} for the tests of a class, started once and told to forget the calls it
 * saw before each test; after each, every message and view Kring sent is checked against Slack's
 * limits ({@link BlockKitLimits}). Register it after the {@link TestRedis} it runs on:
 *
 * <pre>{@code @RegisterExtension static final SlackRunning slack = new SlackRunning(redis);}</pre>
 */
final class SlackRunning
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private final TestRedis redis;
  private final Clock clock;
  private SlackHarness harness;

  SlackRunning(TestRedis redis) {
    this(redis, Clock.system(ZoneId.of("Europe/Brussels")));
  }

  /** With a clock the tests move; see {@link SlackHarness#SlackHarness(TestRedis, Clock)}. */
  SlackRunning(TestRedis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  SlackHarness get() {
    return harness;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    harness = new SlackHarness(redis, clock);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    harness.slack.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (FakeSlack.Call call : harness.slack.calls()) {
      List<String> broken = BlockKitLimits.violations(call);
      if (!broken.isEmpty()) {
        throw new AssertionError(
            call.method() + " breaks Slack's limits: " + broken + "\n" + call.params());
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    harness.close();
  }
}
