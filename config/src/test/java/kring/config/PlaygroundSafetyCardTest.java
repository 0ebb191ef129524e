package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The safety card through the playground's API against the real Kring: the person who wrote the
 * words sees the card, nobody else does, and Redis holds nothing of what they wrote outside the
 * simulated platform's own timeline.
 */
class PlaygroundSafetyCardTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @RegisterExtension final PlaygroundHttp api = new PlaygroundHttp(redis);

  private static final String WORDS = "ze heeft zelfmoordgedachten sinds de vakantie";

  @Test
  void dangerWordsShowTheCardOnlyToTheirWriterAndLeaveNothingInKringsRecords() throws Exception {
    String anna = api.post("/people", Map.of("name", "Anna")).path("person").path("id").asString();
    String bert = api.post("/people", Map.of("name", "Bert")).path("person").path("id").asString();
    String room =
        api.post("/rooms", Map.of("name", "Klas 2C", "personId", anna))
            .path("room")
            .path("id")
            .asString();
    api.post("/rooms/" + room + "/messages", Map.of("personId", anna, "text", "start"));

    api.post("/rooms/" + room + "/messages", Map.of("personId", anna, "text", "hulp " + WORDS));

    JsonNode card = api.awaitKring(room, anna, "1712");
    assertThat(card.path("visibleTo").asString()).isEqualTo(anna);
    assertThat(card.toString()).contains("112", "geen meldkanaal").doesNotContain("zelfmoord");
    assertThat(api.awaitKring(room, anna, "Wat je mij kunt vragen")).isNotNull();
    assertThat(api.timeline(room, bert).toString()).doesNotContain("1712");

    List<String> records = new ArrayList<>();
    for (String line : redis.storedText().split("\n")) {
      if (!line.startsWith(redis.keys().prefix() + "{playground}:")) {
        records.add(line);
      }
    }
    assertThat(records).isNotEmpty().noneMatch(line -> line.contains("zelfmoord"));
  }
}
