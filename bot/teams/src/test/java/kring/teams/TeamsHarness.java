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
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import kring.core.cases.Cases;
import kring.core.conversation.Conversation;
import kring.core.conversation.KringConversation;
import kring.core.conversation.ScheduledPrompts;
import kring.core.outbox.OutboxRelay;
import kring.storage.RedisErasure;
import kring.storage.RedisOnce;
import kring.storage.RedisOutbox;
import kring.storage.RedisPlaces;
import kring.storage.RedisRetractions;
import kring.storage.RedisTeamsMemory;
import kring.testing.RedisKring;
import kring.testing.TestRedis;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kring's Teams side running for real: the endpoint over HTTP, the core on Redis with its prompt
 * sender wired as the application wires it, the outbox relay with the Teams messenger, and a fake
 * Bot Connector that receives what Kring posts. The core, the prompt sender and the relay share one
 * clock, which a test may move.
 */
final class TeamsHarness implements AutoCloseable {

  final FakeConnector connector = new FakeConnector();
  final Activities activities = new Activities(connector.url());
  final Cases cases;
  final ScheduledPrompts prompts;
  final RedisOutbox outbox;
  final OutboxRelay relay;
  final TeamsDirectory directory;
  final TeamsMessenger messenger;
  final RedisRetractions retractions;
  final RedisErasure erasure;
  final AtomicInteger parked = new AtomicInteger();

  /** Kring's answers to invokes (its dialogs among them) that no test has checked yet. */
  final java.util.Queue<JsonNode> uncheckedAnswers =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Where the bot runs an activity's work after acknowledging it. */
  final AfterAcknowledgement work;

  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String endpoint;

  /** The Authorization header the helpers below send, as the connector would; none by default. */
  volatile String authorization;

  TeamsHarness(TestRedis redis, TeamsAccess access, ConnectorTokens tokens) {
    this(redis, connector -> access, tokens);
  }

  /**
   * Without authentication, on a clock of the test's choosing; its zone is the school calendar's.
   */
  TeamsHarness(TestRedis redis, Clock clock) {
    this(redis, connector -> unauthenticated(), ConnectorTokens.none(), clock);
  }

  /** With access settings that may point at the fake connector (its OpenID configuration). */
  TeamsHarness(
      TestRedis redis,
      java.util.function.Function<FakeConnector, TeamsAccess> accessFor,
      ConnectorTokens tokens,
      Class<?>... extraSources) {
    this(redis, accessFor, tokens, Clock.system(ZoneId.of("Europe/Brussels")), extraSources);
  }

  /** With access settings that may point at the fake connector, on a clock a test moves. */
  TeamsHarness(
      TestRedis redis,
      java.util.function.Function<FakeConnector, TeamsAccess> accessFor,
      ConnectorTokens tokens,
      Clock clock) {
    this(redis, accessFor, tokens, clock, new Class<?>[0]);
  }

  private TeamsHarness(
      TestRedis redis,
      java.util.function.Function<FakeConnector, TeamsAccess> accessFor,
      ConnectorTokens tokens,
      Clock clock,
      Class<?>... extraSources) {
    this(
        redis,
        accessFor,
        tokens,
        clock,
        java.util.function.UnaryOperator.identity(),
        AfterAcknowledgement.threads(4, 200),
        extraSources);
  }

  /**
   * Without authentication, the bot seeing the core through {@code around} (a slower one, say), and
   * its work after the acknowledgement on {@code work}.
   */
  TeamsHarness(
      TestRedis redis,
      java.util.function.UnaryOperator<Conversation> around,
      AfterAcknowledgement work) {
    this(
        redis,
        c -> unauthenticated(),
        ConnectorTokens.none(),
        Clock.system(ZoneId.of("Europe/Brussels")),
        around,
        work,
        new Class<?>[0]);
  }

  private TeamsHarness(
      TestRedis redis,
      java.util.function.Function<FakeConnector, TeamsAccess> accessFor,
      ConnectorTokens tokens,
      Clock clock,
      java.util.function.UnaryOperator<Conversation> around,
      AfterAcknowledgement work,
      Class<?>... extraSources) {
    this.work = work;
    TeamsAccess access = accessFor.apply(connector);
    RedisKring wired = RedisKring.on(redis.client(), redis.keys(), clock);
    cases = wired.cases();
    outbox = wired.outbox();
    directory = new TeamsDirectory(new RedisTeamsMemory(redis.client(), redis.keys()));
    messenger = new TeamsMessenger(directory, tokens, Duration.ofSeconds(5), clock);
    retractions = new RedisRetractions(redis.client(), redis.keys());
    erasure = new RedisErasure(redis.client(), redis.keys());
    relay =
        new OutboxRelay(
                outbox,
                List.of(messenger),
                clock,
                new SplittableRandom(7),
                l -> parked.incrementAndGet(),
                (message, gone) -> {},
                retractions)
            .showingIn(new RedisPlaces(redis.client(), redis.keys()));
    prompts = wired.prompts();
    KringConversation conversation = wired.conversation();
    TeamsBot bot =
        new TeamsBot(
            access,
            around.apply(conversation),
            directory,
            new RedisOnce(redis.client(), redis.keys()),
            outbox,
            () -> {},
            clock,
            work);
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
    HttpResponse<String> response = postWithoutSettling(body, authorization);
    settle();
    return response;
  }

  /** Posts an activity and returns Kring's answer at once, whatever work it set going. */
  HttpResponse<String> postWithoutSettling(String body, String authorization) {
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

  /** Waits until the bot has done the work of every activity it acknowledged. */
  void settle() {
    try {
      if (!work.awaitIdle(Duration.ofSeconds(20))) {
        throw new AssertionError("The work after the acknowledgements did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
      JsonNode answer =
          body.isEmpty() ? Activities.JSON.nullNode() : Activities.JSON.readTree(body);
      uncheckedAnswers.add(answer);
      return answer;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Lets the relay deliver until the outbox is empty, as the scheduler's poller would. */
  void drain() {
    drain(
        () -> {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Lets the relay deliver until the outbox is empty, running {@code between} after each round (a
   * test on a clock of its own moves it there, so that the platform's pace keeps nothing waiting).
   */
  void drain(Runnable between) {
    Instant until = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(until)) {
      relay.deliverDue();
      if (outbox.pending() == 0) {
        return;
      }
      between.run();
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
    throw new AssertionError("The outbox did not empty: " + outbox.pending() + " left");
  }

  /** The data of the newest button Kring posted with this action. */
  ObjectNode button(String action) {
    return button(p -> true, action, "");
  }

  /**
   * The data of the newest button with this action whose value starts so, in what Kring posted
   * where {@code where} says.
   */
  ObjectNode button(
      java.util.function.Predicate<FakeConnector.Posted> where, String action, String valueStart) {
    List<FakeConnector.Posted> posted = connector.posted();
    for (int i = posted.size() - 1; i >= 0; i--) {
      if (!where.test(posted.get(i))) {
        continue;
      }
      ObjectNode found = find(posted.get(i).activity(), action, valueStart);
      if (found != null) {
        return found;
      }
    }
    throw new AssertionError("No button " + action + " " + valueStart + " in " + posted);
  }

  /** The data of the first button in {@code node} with this action whose value starts so. */
  static ObjectNode find(JsonNode node, String action, String valueStart) {
    if (node.isObject()
        && node.path("kring").path("a").asText().equals(action)
        && node.path("kring").path("v").asText().startsWith(valueStart)
        && node.has("msteams")) {
      return (ObjectNode) node;
    }
    for (JsonNode child : node) {
      ObjectNode found = find(child, action, valueStart);
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

  /** Presses a button of a card in the person's personal chat with Kring. */
  JsonNode pressInPersonalChat(Activities.Member who, JsonNode data) {
    return answer(activities.personalInvoke(who, "task/fetch", data));
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
    return answer(activities.invoke(who, "task/submit", filled(card, answers)));
  }

  /** Submits a form dialog that was opened from the person's personal chat with Kring. */
  JsonNode submitInPersonalChat(Activities.Member who, JsonNode card, Map<String, String> answers) {
    return answer(activities.personalInvoke(who, "task/submit", filled(card, answers)));
  }

  /** What a dialog's Action.Submit sends: its data and the value of every input. */
  static ObjectNode filled(JsonNode card, Map<String, String> answers) {
    ObjectNode data = ((ObjectNode) card.path("actions").get(0).path("data")).deepCopy();
    for (JsonNode element : card.path("body")) {
      if (element.path("type").asText().startsWith("Input.")) {
        String id = element.path("id").asText();
        String value = answers.getOrDefault(id, element.path("value").asText(""));
        data.put(id, value);
      }
    }
    return data;
  }

  @Override
  public void close() {
    context.close();
    work.close();
    connector.close();
  }
}
