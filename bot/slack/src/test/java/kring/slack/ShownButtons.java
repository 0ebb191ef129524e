package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kring.testing.Eventually;
import kring.testing.EveryButton;
import tools.jackson.databind.JsonNode;

/**
 * The buttons Slack still shows in Kring's messages, as {@link FakeSlack#showing} holds them, and
 * the check that no message offers a button that no longer works.
 */
final class ShownButtons {

  /** How a test presses a button of a message, as a person. */
  interface Press {
    void press(String user, FakeSlack.Call message, JsonNode button);
  }

  private ShownButtons() {}

  /** Every button a message shows, whatever its action. */
  static List<JsonNode> of(FakeSlack.Call message) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode block : SlackPayloads.array(message.param("blocks"))) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("type").asString("").equals("button")) {
          found.add(element);
        }
      }
    }
    return found;
  }

  /**
   * Presses every button Slack still shows in Kring's messages and checks that Kring takes each for
   * someone it is for: it opens a form, changes something or answers, and does not say the button
   * no longer applies. A button in a direct message is pressed by its person; one in a channel by
   * each of {@code inChannel} in turn until one is taken (a button to ask to join is for those
   * outside the case, one to confirm for its partners).
   */
  static void assertEachAccepted(SlackHarness kring, List<String> inChannel, Press press) {
    for (FakeSlack.Call message : kring.slack.showing().values()) {
      String channel = message.param("channel");
      List<String> people = channel.startsWith("D0") ? List.of(channel.substring(2)) : inChannel;
      for (JsonNode button : of(message)) {
        List<String> refusals = new ArrayList<>();
        for (String user : people) {
          String said = reaction(kring, () -> press.press(user, message, button));
          EveryButton.refusalIn(said).ifPresent(r -> refusals.add(user + ": " + r));
          if (refusals.size() < people.indexOf(user) + 1) {
            break;
          }
        }
        assertThat(refusals).as(button + " in " + message.words()).hasSizeLessThan(people.size());
      }
    }
  }

  /** What Kring first did after a press: the words of its first call to Slack. */
  private static String reaction(SlackHarness kring, Runnable press) {
    int before = kring.slack.calls().size();
    press.run();
    List<FakeSlack.Call> reaction = new ArrayList<>();
    Eventually.eventually(
        Duration.ofSeconds(10),
        () -> {
          List<FakeSlack.Call> after = kring.slack.calls();
          reaction.clear();
          after.subList(before, after.size()).stream()
              .filter(c -> !c.method().equals("auth.test"))
              .forEach(reaction::add);
          assertThat(reaction).as("what Kring did").isNotEmpty();
        });
    return reaction.get(0).words();
  }

  /** Presses a button of a message as Slack sends the press, signed; Kring acknowledges it. */
  static void press(SlackHarness kring, String user, FakeSlack.Call message, JsonNode button) {
    String name = user.substring(1).toLowerCase(Locale.ROOT);
    String form =
        message.param("channel").startsWith("D0")
            ? SlackPayloads.blockActionInDm(FakeSlack.TEAM, user, name, message, button)
            : SlackPayloads.press(FakeSlack.TEAM, message.param("channel"), user, name, button);
    assertThat(kring.send(form, SlackPayloads.FORM).statusCode()).isEqualTo(200);
  }
}
