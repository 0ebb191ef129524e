package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The playground's HTTP API as a test uses it against the real Kring, which it starts before each
 * test and stops after it. Register it after the {@link TestRedis} it runs on.
 */
final class PlaygroundHttp implements BeforeEachCallback, AfterEachCallback {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestRedis redis;
  private ConfigurableApplicationContext app;
  private String base;

  PlaygroundHttp(TestRedis redis) {
    this.redis = redis;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
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

  @Override
  public void afterEach(ExtensionContext context) {
    app.close();
  }

  /** The first message Kring shows {@code person} in the room that contains {@code words}. */
  JsonNode awaitKring(String room, String person, String words) throws Exception {
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

  JsonNode timeline(String room, String person) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/rooms/" + room + "/timeline?personId=" + person))
            .build());
  }

  JsonNode post(String path, Map<String, ?> body) throws Exception {
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
