package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import kring.core.cases.CaseCodes;
import kring.core.cases.Cases;
import kring.core.conversation.KringConversation;
import kring.core.outbox.OutboxRelay;
import kring.storage.RedisCases;
import kring.storage.RedisOnce;
import kring.storage.RedisOutbox;
import kring.storage.RedisPeople;
import kring.testing.TestRedis;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kring's Teams side running for real: the endpoint over HTTP, the core on Redis, the outbox relay
 * with the Teams messenger, and a fake Bot Connector that receives what Kring posts.
 */
final class TeamsHarness implements AutoCloseable {

  final FakeConnector connector = new FakeConnector();
  final Activities activities = new Activities(connector.url());
  final Cases cases;
  final RedisOutbox outbox;
  final OutboxRelay relay;
  final TeamsDirectory directory;
  final AtomicInteger parked = new AtomicInteger();
  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String endpoint;

  /** The Authorization header the helpers below send, as the connector would; none by default. */
  volatile String authorization;

  TeamsHarness(TestRedis redis, TeamsAccess access, ConnectorTokens tokens) {
    this(redis, connector -> access, tokens);
  }

  /** With access settings that may point at the fake connector (its OpenID configuration). */
  TeamsHarness(
      TestRedis redis,
      java.util.function.Function<FakeConnector, TeamsAccess> accessFor,
      ConnectorTokens tokens,
      Class<?>... extraSources) {
    TeamsAccess access = accessFor.apply(connector);
    Clock clock = Clock.systemUTC();
    cases = new RedisCases(redis.client(), redis.keys());
    outbox = new RedisOutbox(redis.client(), redis.keys());
    directory = new TeamsDirectory(redis.client(), redis.keys());
    TeamsMessenger messenger = new TeamsMessenger(directory, tokens, Duration.ofSeconds(5));
    relay =
        new OutboxRelay(
            outbox,
            List.of(messenger),
            clock,
            new SplittableRandom(7),
            l -> parked.incrementAndGet());
    KringConversation conversation =
        new KringConversation(
            cases,
            new RedisPeople(redis.client(), redis.keys()),
            outbox,
            CaseCodes.secure(),
            clock,
            () -> {});
    TeamsBot bot =
        new TeamsBot(
            access,
            conversation,
            directory,
            new RedisOnce(redis.client(), redis.keys()),
            outbox,
            () -> {},
            clock);
    context =
        new SpringApplicationBuilder(TeamsTestApplication.class)
            .sources(extraSources)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
            .initializers(c -> c.getBeanFactory().registerSingleton("teamsBot", bot))
            .run();
    endpoint =
        "http://127.0.0.1:"
            + context.getEnvironment().getProperty("local.server.port")
            + "/api/messages";
  }

  String endpoint() {
    return endpoint;
  }

  static TeamsAccess unauthenticated() {
    return new TeamsAccess("", "", "", java.util.Set.of(Activities.TENANT), "", 256 * 1024);
  }

  /** Posts an activity as the connector would, and returns Kring's answer. */
  HttpResponse<String> post(JsonNode activity, String authorization) {
    return post(activity.toString(), authorization);
  }

  HttpResponse<String> post(String body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> post(JsonNode activity) {
    HttpResponse<String> response = post(activity, authorization);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  JsonNode answer(JsonNode activity) {
    String body = post(activity).body();
    try {
      return body.isEmpty() ? Activities.JSON.nullNode() : Activities.JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Lets the relay deliver until the outbox is empty, as the scheduler's poller would. */
  void drain() {
    Instant until = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(until)) {
      relay.deliverDue();
      if (outbox.pending() == 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("The outbox did not empty: " + outbox.pending() + " left");
  }

  /** The data of the newest button Kring posted with this action. */
  ObjectNode button(String action) {
    List<FakeConnector.Posted> posted = connector.posted();
    for (int i = posted.size() - 1; i >= 0; i--) {
      ObjectNode found = find(posted.get(i).activity(), action);
      if (found != null) {
        return found;
      }
    }
    throw new AssertionError("No button " + action + " in " + posted);
  }

  private static ObjectNode find(JsonNode node, String action) {
    if (node.isObject()
        && node.path("kring").path("a").asText().equals(action)
        && node.has("msteams")) {
      return (ObjectNode) node;
    }
    for (JsonNode child : node) {
      ObjectNode found = find(child, action);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Presses a button: Teams sends a task/fetch, Kring answers with a dialog. */
  JsonNode press(Activities.Member who, JsonNode data) {
    return answer(activities.invoke(who, "task/fetch", data));
  }

  /** The card of the dialog a press opened. */
  static JsonNode dialogCard(JsonNode answer) {
    assertThat(answer.path("task").path("type").asText())
        .as(answer.toString())
        .isEqualTo("continue");
    return answer.path("task").path("value").path("card").path("content");
  }

  /** Fills a form dialog's card and submits it, as Teams does with Action.Submit in a dialog. */
  JsonNode submit(Activities.Member who, JsonNode card, Map<String, String> answers) {
    ObjectNode data = ((ObjectNode) card.path("actions").get(0).path("data")).deepCopy();
    for (JsonNode element : card.path("body")) {
      if (element.path("type").asText().startsWith("Input.")) {
        String id = element.path("id").asText();
        String value = answers.getOrDefault(id, element.path("value").asText(""));
        data.put(id, value);
      }
    }
    return answer(activities.invoke(who, "task/submit", data));
  }

  @Override
  public void close() {
    context.close();
    connector.close();
  }
}
