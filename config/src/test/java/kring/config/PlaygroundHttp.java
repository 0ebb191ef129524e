package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The playground's HTTP API as a test uses it against the real Kring, which it starts before each
 * test and stops after it, or, registered on a static field, once for all the tests of a class.
 * Register it after the {@link TestRedis} it runs on.
 */
final class PlaygroundHttp
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestRedis redis;
  private ConfigurableApplicationContext app;
  private String base;

  PlaygroundHttp(TestRedis redis) {
    this.redis = redis;
  }

  /** The API of a Kring that runs already, for example {@code http://127.0.0.1:8080}. */
  static PlaygroundHttp at(String baseUrl) {
    PlaygroundHttp api = new PlaygroundHttp(null);
    api.base = baseUrl + "/playground/api";
    return api;
  }

  private boolean perClass;

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      app.close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    app.close();
  }

  private void start() {
    app =
        new SpringApplicationBuilder(KringApplication.class)
            .properties("spring.quartz.auto-startup=false")
            .run(
                SettingsTest.onAFreePort(
                    "kring.redis.url=" + redis.url(),
                    "kring.redis.key-prefix=" + redis.keys().prefix(),
                    "kring.playground.enabled=true",
                    "server.address=127.0.0.1"));
    base =
        "http://127.0.0.1:"
            + ((WebServerApplicationContext) app).getWebServer().getPort()
            + "/playground/api";
  }

  /** The first message Kring shows {@code person} in the room that contains {@code words}. */
  JsonNode awaitKring(String room, String person, String words) throws Exception {
    return awaitKring(room, person, entry -> entry.toString().contains(words), "'" + words + "'");
  }

  /** The first message Kring shows {@code person} in the room that is {@code which}. */
  JsonNode awaitKring(String room, String person, Predicate<JsonNode> which, String what)
      throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(until)) {
      for (JsonNode entry : timeline(room, person).path("entries")) {
        if (entry.path("kind").asString().equals("bot") && which.test(entry)) {
          return entry;
        }
      }
      Thread.sleep(100);
    }
    StringBuilder seen = new StringBuilder();
    for (JsonNode entry : timeline(room, person).path("entries")) {
      seen.append("\n  ").append(entry.at("/reply/blocks"));
    }
    throw new AssertionError(
        "Kring said nothing with " + what + " to " + person + "; it said:" + seen);
  }

  JsonNode timeline(String room, String person) throws Exception {
    HttpResponse<String> response = tryGet("/rooms/" + room + "/timeline?personId=" + person);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  JsonNode post(String path, Map<String, ?> body) throws Exception {
    HttpResponse<String> response = tryPost(path, body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  /** Posts a body and returns the answer as it is, whatever its status. */
  HttpResponse<String> tryPost(String path, Map<String, ?> body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Reads an address of the API and returns the answer as it is, whatever its status. */
  HttpResponse<String> tryGet(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Reads an address of the API as bytes, whatever its status: a picture, for one. */
  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The playground's simulated time, as this node tells it. */
  Instant clock() throws Exception {
    return Instant.parse(JSON.readTree(tryGet("/clock").body()).path("now").asString());
  }

  /** Moves the playground's clock forward, sending what comes due on the way. */
  void moveTime(Duration by) throws Exception {
    post("/clock/advance", Map.of("minutes", by.toMinutes()));
  }

  /** Adds a simulated person; returns their id. */
  String person(String name) throws Exception {
    return post("/people", Map.of("name", name)).at("/person/id").asString();
  }

  /** A room created by {@code person}, which adds Kring to it; returns its id. */
  String room(String name, String person) throws Exception {
    return post("/rooms", Map.of("name", name, "personId", person)).at("/room/id").asString();
  }

  /**
   * A case {@code coordinator} starts in a new room and {@code partner} joins as a CLB worker, once
   * the coordinator accepted; returns the room.
   */
  String caseJoinedBy(String roomName, String coordinator, String partner) throws Exception {
    String room = room(roomName, coordinator);
    say(room, coordinator, "start");
    fill(room, partner, say(room, partner, "aansluiten"), Map.of("role", "clb"));
    press(room, coordinator, awaitKring(room, coordinator, "join.accept"), "join.accept");
    awaitKring(room, coordinator, "maakt nu deel uit");
    return room;
  }

  /** What {@code person} types in {@code room}; returns Kring's answer to the request. */
  JsonNode say(String room, String person, String text) throws Exception {
    return post("/rooms/" + room + "/messages", Map.of("personId", person, "text", text));
  }

  /** Presses a button of a message Kring wrote. */
  JsonNode press(String room, String person, JsonNode entry, String action) throws Exception {
    return post(
        "/rooms/" + room + "/presses",
        Map.of("personId", person, "action", action, "value", value(entry, action)));
  }

  /** Submits the form an answer opened, with its own values, hidden values and the answers. */
  JsonNode fill(String room, String person, JsonNode opened, Map<String, String> answers)
      throws Exception {
    JsonNode form = opened.at("/outcome/form");
    assertThat(form.isMissingNode()).as(opened.toString()).isFalse();
    Map<String, String> values = new HashMap<>();
    for (JsonNode input : form.path("inputs")) {
      values.put(input.path("name").asString(), input.path("value").asString(""));
    }
    form.path("hidden").properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
    values.putAll(answers);
    return post(
        "/rooms/" + room + "/submissions",
        Map.of("personId", person, "formId", form.path("id").asString(), "values", values));
  }

  /** The value of a button in one of Kring's messages. */
  static String value(JsonNode entry, String action) {
    return buttonValue(entry, action)
        .orElseThrow(() -> new AssertionError("No button " + action + " in " + entry));
  }

  /** The value of a button in one of Kring's messages, if it has that button. */
  static Optional<String> buttonValue(JsonNode entry, String action) {
    for (JsonNode block : entry.at("/reply/blocks")) {
      for (JsonNode button : block.path("buttons")) {
        if (button.path("action").asString().equals(action)) {
          return Optional.of(button.path("value").asString());
        }
      }
    }
    return Optional.empty();
  }
}
