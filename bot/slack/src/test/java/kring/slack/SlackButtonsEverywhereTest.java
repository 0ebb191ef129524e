package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every button works where Slack shows it: in the case's channel, in an ephemeral message there,
 * and in the direct message Kring sent (the App Home and the modals hold no buttons). A button is
 * pressed by the person it was shown to, from that place, and must not be refused as belonging to
 * no case or to another case.
 */
class SlackButtonsEverywhereTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  /** A school day morning, as the other Slack tests on a clock of their own. */
  static final MovableClock clock =
      new MovableClock(SlackLeavingTest.NOW, SlackLeavingTest.BRUSSELS);

  @RegisterExtension static final SlackRunning running = new SlackRunning(redis, clock);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0BUTTONS";
  static final String ANNA = "UANNA";
  static final String BERT = "UBERT";
  static final Duration SOON = Duration.ofSeconds(10);

  /** What Kring answers when a button names no case here or another case, in Dutch and English. */
  static final List<String> NOT_HERE =
      List.of(
          "nog geen casus in dit kanaal",
          "hoort bij een andere casus",
          "no case in this channel",
          "belongs to another case");

  @Test
  void theJoinButtonOfTheWelcomeAndTheIntroduceButtonOfTheCardWorkInTheDirectMessage() {
    SlackHarness kring = running.get();
    kring.send(command(ANNA, "anna", "start AB"), SlackPayloads.FORM);
    FakeSlack.Call welcome = channelPost(c -> c.words().contains("K-"));
    JsonNode intro = pressAndOpen(welcome, "form.open");
    kring.submit(
        TEAM, ANNA, "anna", intro, Map.of("role", "care-coordinator", "organisation", "School"));

    kring.send(
        SlackPayloads.memberJoined(TEAM, "Ev0BUTTON1", CHANNEL, BERT, ANNA),
        SlackPayloads.JSON_TYPE);
    FakeSlack.Call welcomeDm = dmTo(BERT, c -> c.buttons("form.open").size() > 0);
    JsonNode join = pressAndOpen(welcomeDm, "form.open");
    assertThat(join.path("callback_id").asString()).isEqualTo("partner.join");
    kring.submit(TEAM, BERT, "bert", join, Map.of("role", "clb", "organisation", "CLB Noord"));

    FakeSlack.Call ask = channelPost(c -> !c.buttons("join.accept").isEmpty());
    pressAndOpen(ask, "join.accept");
    quiet();
    // The newcomer's own card, in the direct message, with its button to introduce oneself.
    kring.send(command(BERT, "bert", "card"), SlackPayloads.FORM);
    quiet();

    List<FakeSlack.Call> shown = kring.slack.posts(c -> true);
    int pressed = 0;
    for (FakeSlack.Call message : shown) {
      for (JsonNode block : SlackPayloads.array(message.param("blocks"))) {
        for (JsonNode button : block.path("elements")) {
          if (button.path("type").asString().equals("button")) {
            press(message, button);
            pressed++;
          }
        }
      }
    }
    assertThat(pressed).as("buttons pressed").isGreaterThan(5);
    // Both the welcome and the case card reached the newcomer privately, and were pressed there.
    assertThat(shown)
        .filteredOn(c -> c.param("channel").equals(FakeSlack.im(BERT)))
        .anySatisfy(c -> assertThat(c.words()).contains("Vraag om aan te sluiten"))
        .anySatisfy(c -> assertThat(c.words()).contains("Stel je voor"));
  }

  /** Presses a button as the person it was shown to, from where it was shown. */
  private static void press(FakeSlack.Call message, JsonNode button) {
    SlackHarness kring = running.get();
    String channel = message.param("channel");
    String user;
    String body;
    if (channel.startsWith("D0")) {
      user = channel.substring(2);
      body = SlackPayloads.blockActionInDm(TEAM, user, user.toLowerCase(), message, button);
    } else {
      user = message.param("user").isEmpty() ? ANNA : message.param("user");
      body = SlackPayloads.press(TEAM, channel, user, user.toLowerCase(), button);
    }
    int before = kring.slack.calls().size();
    assertThat(kring.send(body, SlackPayloads.FORM).statusCode()).isEqualTo(200);
    quiet();
    List<FakeSlack.Call> answers = kring.slack.calls().subList(before, kring.slack.calls().size());
    for (FakeSlack.Call answer : answers) {
      if (answer.method().startsWith("chat.post")) {
        for (String refusal : NOT_HERE) {
          assertThat(answer.words())
              .as(
                  "the answer to %s in %s, pressed by %s",
                  button.path("action_id").asString(), channel, user)
              .doesNotContain(refusal);
        }
      }
    }
  }

  private static JsonNode pressAndOpen(FakeSlack.Call message, String action) {
    SlackHarness kring = running.get();
    int before = kring.slack.calls("views.open").size();
    press(message, SlackEndToEndTest.button(message, action));
    if (kring.slack.calls("views.open").size() > before) {
      return kring.opened(before, SOON);
    }
    return null;
  }

  private static void quiet() {
    running.get().awaitListeners();
    running.get().awaitQuiet(() -> clock.advance(Duration.ofSeconds(2)));
  }

  private static String command(String user, String name, String text) {
    return SlackPayloads.command(TEAM, CHANNEL, user, name, text);
  }

  private static FakeSlack.Call channelPost(java.util.function.Predicate<FakeSlack.Call> which) {
    return running
        .get()
        .slack
        .await("chat.postMessage", c -> c.param("channel").equals(CHANNEL) && which.test(c), SOON);
  }

  private static FakeSlack.Call dmTo(
      String user, java.util.function.Predicate<FakeSlack.Call> which) {
    return running
        .get()
        .slack
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals(FakeSlack.im(user)) && which.test(c),
            SOON);
  }
}
