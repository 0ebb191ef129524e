package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.testing.EveryButton;

/**
 * The buttons Teams still shows in Kring's cards, as {@link FakeConnector#showing} holds them, and
 * the check that no card offers a button that no longer works.
 */
final class ShownButtons {

  private ShownButtons() {}

  /** The buttons in an activity with this action (any when null), in their order. */
  static List<ObjectNode> of(JsonNode node, String action) {
    List<ObjectNode> found = new ArrayList<>();
    if (node.isObject()
        && node.path("kring").has("a")
        && node.has("msteams")
        && (action == null || node.path("kring").path("a").asText().equals(action))) {
      found.add((ObjectNode) node);
    }
    for (JsonNode child : node) {
      found.addAll(of(child, action));
    }
    return found;
  }

  /**
   * Presses every button Teams still shows in Kring's cards and checks that Kring takes each for
   * someone it is for: it never says the button no longer applies. A button in a personal chat is
   * pressed by its person; one in the channel by each of {@code people} in turn until one is taken
   * (one to ask to join is for those outside the case, one to confirm for the partners).
   *
   * @param beforePress run before each press (a test on a clock of its own moves it past the pace)
   */
  static void assertEachAccepted(
      TeamsHarness teams, List<Activities.Member> people, Runnable beforePress) {
    for (Map.Entry<String, JsonNode> shown : teams.connector.showing().entrySet()) {
      Activities.Member owner = null;
      for (Activities.Member person : people) {
        if (shown.getKey().startsWith(Activities.personalChat(person) + "/")) {
          owner = person;
        }
      }
      List<Activities.Member> pressers = owner == null ? people : List.of(owner);
      boolean personal = owner != null;
      for (ObjectNode data : of(shown.getValue(), null)) {
        if (data.path("kring").path("a").asText().equals(TeamsMessenger.OPEN_WAITING)) {
          // Not yet covered: a waiting notice keeps its button for the day, also once all it
          // opened was read (then Teams' own words say it was opened already).
          continue;
        }
        List<String> refusals = new ArrayList<>();
        for (Activities.Member who : pressers) {
          beforePress.run();
          String said = reaction(teams, who, data, personal);
          EveryButton.refusalIn(said)
              .or(() -> Optional.of(TeamsTexts.GONE).filter(said::contains))
              .ifPresent(r -> refusals.add(who.name() + ": " + r));
          if (refusals.size() <= pressers.indexOf(who)) {
            break;
          }
        }
        assertThat(refusals).as(data + " in " + shown.getValue()).hasSizeLessThan(pressers.size());
      }
    }
  }

  /** Everything Kring said after a press: its answer, and what it posted or updated then. */
  private static String reaction(
      TeamsHarness teams, Activities.Member who, ObjectNode data, boolean personal) {
    int posted = teams.connector.posted().size();
    int updated = teams.connector.updated().size();
    JsonNode answer = personal ? teams.pressInPersonalChat(who, data) : teams.press(who, data);
    teams.drain();
    StringBuilder said = new StringBuilder(answer.toString());
    teams.connector.posted().stream().skip(posted).forEach(p -> said.append(p.activity()));
    teams.connector.updated().stream().skip(updated).forEach(u -> said.append(u.activity()));
    return said.toString();
  }
}
