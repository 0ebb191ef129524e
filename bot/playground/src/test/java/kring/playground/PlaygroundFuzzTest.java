package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kring.storage.RedisPlaygroundRooms;
import kring.storage.RedisPlaygroundTime;
import kring.testing.CapturedLog;
import kring.testing.JsonMutations;
import kring.testing.RedisKring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Thousands of mutated requests to the playground's JSON API, from seeds shaped like what its page
 * sends, answered by Kring's real conversation on Redis: none gets a 5xx or a stack trace, and
 * nothing is logged as an error or with a stack trace.
 */
class PlaygroundFuzzTest {

  static final int PAYLOADS = 2_000;
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  @RegisterExtension
  @Order(1)
  static final kring.testing.TestRedis redis = kring.testing.TestRedis.machine();

  /** The playground's web side with Kring's own conversation, as the application wires it. */
  @EnableAutoConfiguration
  @Import(PlaygroundWeb.class)
  static class WithKring {}

  static ConfigurableApplicationContext context;
  static String api;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    RedisKring wired = RedisKring.on(redis.client(), redis.keys(), Clock.systemUTC());
    Rooms rooms =
        new RedisRooms(new RedisPlaygroundRooms(redis.client(), redis.keys()), Clock.systemUTC());
    TimeMachine time =
        new PlaygroundTestApplication.RecordingTimeMachine(
            new PlaygroundClock(
                new RedisPlaygroundTime(redis.client(), redis.keys()), ZoneOffset.UTC));
    context =
        new SpringApplicationBuilder(WithKring.class)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
            .initializers(
                c -> {
                  c.getBeanFactory().registerSingleton("conversation", wired.conversation());
                  c.getBeanFactory().registerSingleton("rooms", rooms);
                  c.getBeanFactory().registerSingleton("timeMachine", time);
                })
            .run();
    api =
        "http://127.0.0.1:"
            + context.getEnvironment().getProperty("local.server.port")
            + "/playground/api";
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  private static HttpResponse<String> post(String path, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(api + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode created(String path, String body, String field) {
    try {
      return JSON.readTree(post(path, body).body()).path(field);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A request to fuzz: where it goes, and a body shaped like the page's. */
  record Seed(String path, ObjectNode body) {}

  private static List<Seed> seeds() {
    String ann = created("/people", "{\"name\":\"Ann Peeters\"}", "person").path("id").asText();
    String bob = created("/people", "{\"name\":\"Bob\"}", "person").path("id").asText();
    String room =
        created("/rooms", "{\"name\":\"Klas 3B\",\"personId\":\"" + ann + "\"}", "room")
            .path("id")
            .asText();
    String rooms = "/rooms/" + room;
    List<Seed> seeds = new ArrayList<>();
    seeds.add(new Seed("/people", JSON.createObjectNode().put("name", "Lotte")));
    seeds.add(new Seed("/rooms", JSON.createObjectNode().put("name", "Zorg").put("personId", bob)));
    for (String words : List.of("start", "join", "help", "status", "goal", "update", "card")) {
      seeds.add(
          new Seed(
              rooms + "/messages",
              JSON.createObjectNode().put("personId", ann).put("text", words)));
    }
    for (String action : List.of("form.open", "join.accept", "checkin.plan", "agreement.confirm")) {
      seeds.add(
          new Seed(
              rooms + "/presses",
              JSON.createObjectNode().put("personId", ann).put("action", action).put("value", "")));
    }
    ObjectNode submission = JSON.createObjectNode().put("personId", ann).put("formId", "intro");
    submission
        .putObject("values")
        .put("name", "Ann")
        .put("role", "care-coordinator")
        .put("organisation", "School");
    seeds.add(new Seed(rooms + "/submissions", submission));
    ObjectNode goal = JSON.createObjectNode().put("personId", ann).put("formId", "goal");
    goal.putObject("values").put("goal", "Back in class").put("checkInWeeks", "2");
    seeds.add(new Seed(rooms + "/submissions", goal));
    seeds.add(new Seed("/clock/advance", JSON.createObjectNode().put("minutes", 60)));
    return seeds;
  }

  @Test
  void noMutatedRequestGetsA5xxAnErrorOrAStackTrace() {
    List<Seed> seeds = seeds();
    for (Seed seed : seeds) {
      assertThat(post(seed.path(), seed.body().toString()).statusCode())
          .as(seed.toString())
          .isLessThan(500);
    }
    int before = log.lines().size();
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    try {
      JsonMutations mutations = new JsonMutations(20261206L);
      for (int i = 0; i < PAYLOADS; i++) {
        Seed seed = seeds.get(i % seeds.size());
        String body =
            (i % 2 == 0 ? mutations.mutate(seed.body()) : mutations.mutateValues(seed.body()))
                .toString();
        HttpResponse<String> answer = post(seed.path(), body);
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        if (answer.statusCode() >= 500 || answer.body().contains("Exception")) {
          failures.add(
              answer.statusCode()
                  + " "
                  + seed.path()
                  + " "
                  + (body.length() > 400 ? body.substring(0, 400) + "…" : body));
        }
      }
    } finally {
      System.setErr(err);
    }
    assertThat(failures).as("answers that were 5xx or carried a trace").isEmpty();
    assertThat(statuses.getOrDefault(200, 0) + statuses.getOrDefault(201, 0))
        .as("answers by status: " + statuses)
        .isGreaterThan(PAYLOADS / 10);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .as("stack traces printed on standard error")
        .doesNotContain("\tat ");
    List<String> bad =
        log.lines().stream()
            .skip(before)
            .filter(
                l ->
                    l.startsWith("ERROR")
                        || l.contains("\tat ") && !l.startsWith("DEBUG") && !l.startsWith("TRACE"))
            .map(l -> l.length() > 800 ? l.substring(0, 800) : l)
            .toList();
    assertThat(bad).as("error lines and stack traces in the log").isEmpty();
  }
}
