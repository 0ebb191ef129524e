package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The consent register and the sensitive-update check through the playground's API against the real
 * Kring: the channel hears only "recorded", a sensitive update first gets its check, and the
 * update's text is nowhere in Redis once it went out as "that", not "what".
 */
class PlaygroundConsentTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @RegisterExtension final PlaygroundHttp api = new PlaygroundHttp(redis);

  private static final String NEWS = "Haar astma verergerde; ze mist de ochtendlessen.";

  private String room;

  @Test
  void consentIsRecordedAndASensitiveUpdateIsSharedAsThatNotWhat() throws Exception {
    String anna = person("Anna");
    String bert = person("Bert");
    room =
        api.post("/rooms", Map.of("name", "Klas 4B", "personId", anna)).at("/room/id").asString();
    say(anna, "start");
    fill(bert, say(bert, "aansluiten"), Map.of("role", "clb"));
    JsonNode ask = api.awaitKring(room, anna, "join.accept");
    api.post(
        "/rooms/" + room + "/presses",
        Map.of("personId", anna, "action", "join.accept", "value", value(ask, "join.accept")));
    api.awaitKring(room, anna, "maakt nu deel uit");
    fill(anna, say(anna, "doel"), Map.of("goal", "Terug naar de klas"));
    fill(anna, say(anna, "taken"), Map.of("does.P1", "Regie", "does.P2", "Begeleiding"));
    say(anna, "akkoord");
    say(bert, "akkoord");
    JsonNode reminder = api.awaitKring(room, anna, "nog geen toestemming geregistreerd");
    assertThat(reminder.path("visibleTo").asString()).isEqualTo(anna);

    JsonNode consentForm = say(anna, "toestemming");
    assertThat(consentForm.toString()).contains("MULTI_CHOICE");
    fill(
        anna,
        consentForm,
        Map.of(
            "givenBy", "parents",
            "kinds", "health",
            "towards", "P1",
            "purpose", "om het lesrooster aan te passen"));
    JsonNode recorded = api.awaitKring(room, bert, "Toestemming: geregistreerd");
    assertThat(recorded.path("visibleTo").isNull()).isTrue();
    assertThat(recorded.toString()).doesNotContain("gezondheid", "lesrooster");

    JsonNode check = fill(bert, say(bert, "nieuws"), Map.of("text", NEWS, "kind", "health"));
    assertThat(check.at("/outcome/form/id").asString()).isEqualTo("update.check");
    assertThat(check.at("/outcome/form/intro").asString())
        .contains("Een geregistreerde toestemming dekt gezondheid");
    fill(
        bert,
        check,
        Map.of("needed", "yes", "ground", "consent", "audience", "channel", "share", "that"));

    JsonNode that = api.awaitKring(room, anna, "heeft nieuwe informatie over gezondheid");
    assertThat(that.toString()).contains("P2").doesNotContain("astma");
    assertThat(api.timeline(room, anna).toString()).doesNotContain("astma");
    assertThat(redis.storedText()).doesNotContain("astma");
  }

  private String person(String name) throws Exception {
    return api.person(name);
  }

  private JsonNode say(String person, String text) throws Exception {
    return api.say(room, person, text);
  }

  private JsonNode fill(String person, JsonNode opened, Map<String, String> answers)
      throws Exception {
    return api.fill(room, person, opened, answers);
  }

  private static String value(JsonNode entry, String action) {
    return PlaygroundHttp.value(entry, action);
  }
}
