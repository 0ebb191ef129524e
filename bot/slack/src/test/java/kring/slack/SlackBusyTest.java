package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import kring.testing.Eventually;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When every thread for the work after the acknowledgement is busy and its queue is full, Slack
 * gets a 503 at once instead of a place in an ever longer queue, and Slack's next try of an event
 * refused that way is handled.
 */
class SlackBusyTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String TEAM = FakeSlack.TEAM;

  @Test
  void aFullPoolRefusesWithA503AndSlacksNextTryOfTheEventIsHandled() throws Exception {
    try (SlackHarness kring = new SlackHarness(redis, 1, 1)) {
      kring.holdWork();
      assertThat(mention(kring, "Ev0BUSY01", "C0BUSY1").statusCode()).isEqualTo(200);
      Eventually.eventually(
          Duration.ofSeconds(10), () -> assertThat(kring.activeWork()).isEqualTo(1));
      assertThat(mention(kring, "Ev0BUSY02", "C0BUSY2").statusCode()).isEqualTo(200);
      // Handed to the threads once its acknowledgement is out.
      Eventually.eventually(
          Duration.ofSeconds(10), () -> assertThat(kring.queuedWork()).isEqualTo(1));

      HttpResponse<String> refused = mention(kring, "Ev0BUSY03", "C0BUSY3");
      HttpResponse<String> command =
          kring.send(
              SlackPayloads.command(TEAM, "C0BUSY4", "UANNA", "anna", "start"), SlackPayloads.FORM);

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(command.statusCode()).isEqualTo(503);
      assertThat(kring.queuedWork()).as("nothing more waits").isEqualTo(1);

      kring.releaseWork();
      kring.awaitQuiet(() -> {});
      assertThat(kring.slack.posts(c -> "C0BUSY2".equals(c.param("channel")))).hasSize(1);
      assertThat(kring.slack.posts(c -> "C0BUSY3".equals(c.param("channel")))).isEmpty();

      HttpResponse<String> retry =
          kring.send(
              SlackPayloads.mention(TEAM, "Ev0BUSY03", "C0BUSY3", "UANNA", "start"),
              SlackPayloads.JSON_TYPE,
              SlackHarness.now() + 1,
              Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error"));
      kring.awaitQuiet(() -> {});

      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(kring.slack.posts(c -> "C0BUSY3".equals(c.param("channel")))).hasSize(1);
    }
  }

  private static HttpResponse<String> mention(SlackHarness kring, String event, String channel) {
    return kring.send(
        SlackPayloads.mention(TEAM, event, channel, "UANNA", "start"), SlackPayloads.JSON_TYPE);
  }
}
