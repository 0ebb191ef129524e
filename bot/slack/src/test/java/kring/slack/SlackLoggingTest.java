package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import kring.testing.CapturedLog;
import kring.testing.Eventually;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * With every logger at DEBUG or finer, a whole Slack conversation with recognisable values leaves
 * none of them in the log: not a person's name, not their user id, not what they wrote, not the bot
 * token or the signing secret.
 */
class SlackLoggingTest {

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  /** What SlackConfiguration puts in place when Slack is on, before the SDK starts. */
  @RegisterExtension
  @Order(1)
  static final BeforeAllCallback guard = SlackHarness.logGuard();

  @RegisterExtension
  @Order(2)
  static final TestRedis redis = TestRedis.machine();

  @RegisterExtension
  @Order(3)
  static final SlackRunning running = new SlackRunning(redis);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0LOGGED1";
  static final String USER = "UPLANTED7Q";
  static final String HANDLE = "wilhelmina.zwanepoel";
  static final String NAME = "Wilhelmina Zwanepoel";
  static final String WORDS = "Noor spijbelde-Q7X weer drie dagen";
  static final Duration SOON = Duration.ofSeconds(10);

  @Test
  void aWholeConversationLeavesNoNameNoIdNoTextNoTokenInTheLog() throws Exception {
    SlackHarness kring = running.get();
    command(kring, "start " + WORDS);
    command(kring, "start AB");
    FakeSlack.Call welcome =
        kring.slack.await("chat.postMessage", c -> text(c).contains("K-"), SOON);

    JsonNode intro = open(kring, () -> press(kring, welcome, "form.open"));
    submit(
        kring,
        intro,
        Map.of("name", NAME, "role", "care-coordinator", "organisation", "School " + WORDS));
    kring.send(
        SlackPayloads.mention(TEAM, "Ev0LOGGED1", CHANNEL, USER, WORDS), SlackPayloads.JSON_TYPE);
    command(kring, "help " + WORDS);
    JsonNode goal = open(kring, () -> command(kring, "goal"));
    submit(kring, goal, Map.of("goal", WORDS));

    // Slack's failures, by name and by status, on the way out.
    kring.slack.errorNext("chat.postEphemeral", "ratelimited");
    kring.slack.failNext("chat.postEphemeral", 500, "{\"ok\":false}", Map.of());
    command(kring, "card");
    kring.slack.await(
        "chat.postEphemeral", c -> text(c).contains("Wie doet wat"), Duration.ofSeconds(20));
    kring.slack.errorNext("chat.postEphemeral", "account_inactive");
    command(kring, "status " + WORDS);

    // Requests that are not Slack's, or not in time.
    kring.send("{\"type\":\"nonsense\",\"note\":\"" + WORDS + "\"}", SlackPayloads.JSON_TYPE);
    kring.send("payload=" + WORDS, SlackPayloads.FORM);
    kring.send(
        SlackPayloads.command(TEAM, CHANNEL, USER, HANDLE, WORDS),
        SlackPayloads.FORM,
        SlackHarness.now() + 3600,
        Map.of());
    // Everything Kring was asked above is handled and sent (or given up), and nothing still runs.
    kring.awaitQuiet(Eventually::pause);
    kring.stopBackground();

    log.assertHoldsNoneOf(
        "Zwanepoel",
        "zwanepoel",
        USER,
        "spijbelde-Q7X",
        SlackHarness.TOKEN,
        "kringtesttoken",
        "xoxb-",
        SlackHarness.SECRET);
  }

  private static void command(SlackHarness kring, String text) {
    assertThat(
            kring
                .send(SlackPayloads.command(TEAM, CHANNEL, USER, HANDLE, text), SlackPayloads.FORM)
                .statusCode())
        .isEqualTo(200);
  }

  private static void press(SlackHarness kring, FakeSlack.Call message, String action) {
    JsonNode button = SlackEndToEndTest.button(message, action);
    kring.send(SlackPayloads.press(TEAM, CHANNEL, USER, HANDLE, button), SlackPayloads.FORM);
  }

  private static JsonNode open(SlackHarness kring, Runnable action) {
    int before = kring.slack.calls("views.open").size();
    action.run();
    return kring.opened(before, SOON);
  }

  private static void submit(SlackHarness kring, JsonNode view, Map<String, String> answers) {
    assertThat(
            kring
                .send(
                    SlackPayloads.viewSubmission(TEAM, USER, HANDLE, view, answers),
                    SlackPayloads.FORM)
                .statusCode())
        .isEqualTo(200);
  }

  private static String text(FakeSlack.Call call) {
    String text = call.param("text");
    return text == null ? "" : text;
  }
}
