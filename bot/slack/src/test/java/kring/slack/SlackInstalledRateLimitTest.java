package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where workspaces install Kring themselves, Bolt checks a workspace's bot token with {@code
 * auth.test}. When Slack rate-limits that call, Kring still answers Slack without a server error,
 * and what the person did is handled.
 */
class SlackInstalledRateLimitTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String CHANNEL = "C0KRINGRL";

  SlackHarness kring;

  @BeforeEach
  void start() throws Exception {
    kring = new SlackHarness(redis, Clock.system(ZoneId.of("Europe/Brussels")), true);
  }

  @AfterEach
  void stop() throws Exception {
    kring.close();
  }

  @Test
  void aRateLimitedTokenCheckStillAnswersSlackAndHandlesTheCommand() {
    kring.slack.rateLimitNext("auth.test", 2);

    HttpResponse<String> response =
        kring.send(
            SlackPayloads.command(FakeSlack.TEAM, CHANNEL, "UANNA", "anna", "help"),
            SlackPayloads.FORM);

    assertThat(response.statusCode()).isLessThan(500);
    kring.slack.await(
        "chat.postEphemeral", c -> c.param("user").equals("UANNA"), Duration.ofSeconds(15));
  }

  @Test
  void aRateLimitedTokenCheckStillAnswersSlackAndHandlesTheEvent() {
    kring.slack.rateLimitNext("auth.test", 2);

    HttpResponse<String> response =
        kring.send(
            SlackPayloads.mention(FakeSlack.TEAM, "Ev0RATEAUTH1", CHANNEL, "UANNA", "help"),
            SlackPayloads.JSON_TYPE);

    assertThat(response.statusCode()).isLessThan(500);
    kring.slack.await(
        "chat.postEphemeral", c -> c.param("user").equals("UANNA"), Duration.ofSeconds(15));
  }
}
