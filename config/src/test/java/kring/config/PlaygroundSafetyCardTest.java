package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The safety card through the playground's API against the real Kring: the person who wrote the
 * words sees the card, nobody else does, and Redis holds nothing of what they wrote outside the
 * simulated platform's own timeline.
 */
class PlaygroundSafetyCardTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String WORDS = "ze heeft zelfmoordgedachten sinds de vakantie";

  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;
  private String base;

  @BeforeEach
  void start() {
    app =
        new SpringApplicationBuilder(KringApplication.class)
            .properties("server.port=0", "spring.quartz.auto-startup=false")
            .run(
                SettingsTest.arguments(
                    "kring.redis.url=" + redis.url(),
                    "kring.redis.key-prefix=" + redis.keys().prefix(),
                    "kring.playground.enabled=true",
                    "server.address=127.0.0.1"));
    base =
        "http://127.0.0.1:"
            + ((WebServerApplicationContext) app).getWebServer().getPort()
            + "/playground/api";
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void dangerWordsShowTheCardOnlyToTheirWriterAndLeaveNothingInKringsRecords() throws Exception {
    String anna = post("/people", Map.of("name", "Anna")).path("person").path("id").asString();
    String bert = post("/people", Map.of("name", "Bert")).path("person").path("id").asString();
    String room =
        post("/rooms", Map.of("name", "Klas 2C", "personId", anna))
            .path("room")
            .path("id")
            .asString();
    post("/rooms/" + room + "/messages", Map.of("personId", anna, "text", "start"));

    post("/rooms/" + room + "/messages", Map.of("personId", anna, "text", "hulp " + WORDS));

    JsonNode card = awaitKring(room, anna, "1712");
    assertThat(card.path("visibleTo").asString()).isEqualTo(anna);
    assertThat(card.toString()).contains("112", "geen meldkanaal").doesNotContain("zelfmoord");
    assertThat(awaitKring(room, anna, "Wat je mij kunt vragen")).isNotNull();
    assertThat(timeline(room, bert).toString()).doesNotContain("1712");

    List<String> records = new ArrayList<>();
    for (String line : redis.storedText().split("\n")) {
      if (!line.startsWith(redis.keys().prefix() + "playground:")) {
        records.add(line);
      }
    }
    assertThat(records).isNotEmpty().noneMatch(line -> line.contains("zelfmoord"));
  }

  private JsonNode awaitKring(String room, String person, String words) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(until)) {
      for (JsonNode entry : timeline(room, person).path("entries")) {
        if (entry.path("kind").asString().equals("bot") && entry.toString().contains(words)) {
          return entry;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Kring said nothing with '" + words + "' to " + person);
  }

  private JsonNode timeline(String room, String person) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/rooms/" + room + "/timeline?personId=" + person))
            .build());
  }

  private JsonNode post(String path, Map<String, String> body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  private JsonNode send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }
}
