package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import kring.testing.CapturedLog;
import kring.testing.JsonMutations;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of mutated activities, each with a valid token for the service URL it names, from seeds
 * shaped like what the Bot Connector posts in a real case: no answer is a 5xx or carries a stack
 * trace, and nothing is logged as an error or with a stack trace.
 */
class TeamsFuzzTest {

  static final String APP_ID = "5f0c8d3e-0000-4000-8000-00000000f022";
  static final int PAYLOADS = 2_000;

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  @RegisterExtension
  @Order(1)
  static final TestRedis redis = TestRedis.machine();

  static ConnectorSigning signing;
  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    signing = new ConnectorSigning();
    teams =
        new TeamsHarness(
            redis,
            connector -> signing.announceOn(connector, APP_ID, "secret"),
            () -> Optional.of("outgoing"));
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  /** Tokens by the service URL they are for: signing one costs more than handling a request. */
  private static final Map<String, String> BEARERS = new java.util.HashMap<>();

  private static String bearerFor(JsonNode activity) {
    JsonNode url = activity.path("serviceUrl");
    return BEARERS.computeIfAbsent(
        url.isTextual() ? url.asText() : teams.connector.url(),
        u -> ConnectorSigning.bearer(signing.key, APP_ID, u, b -> {}));
  }

  private static HttpResponse<String> send(JsonNode activity) {
    return teams.post(activity.toString(), bearerFor(activity));
  }

  /** A case with a coordinator and a partner, and the buttons and forms Kring showed them. */
  private static List<JsonNode> seeds() {
    Activities a = teams.activities;
    Activities.Member anna = Activities.ANNA;
    Activities.Member bert = Activities.BERT;
    List<JsonNode> seeds = new ArrayList<>();
    List<JsonNode> setup =
        List.of(
            a.installedForPerson(anna),
            a.botAdded(anna),
            a.mention(anna, "start"),
            a.memberAdded(anna, bert),
            a.mention(bert, "join"),
            a.mention(anna, "goal"),
            a.mention(anna, "help"),
            a.personal(anna, "status"));
    for (JsonNode activity : setup) {
      assertThat(send(activity).statusCode()).isEqualTo(200);
      seeds.add(activity);
    }
    teams.drain();
    for (FakeConnector.Posted posted : teams.connector.posted()) {
      buttons(posted.activity(), seeds);
    }
    JsonNode intro = TeamsHarness.dialogCard(read(send(a.invoke(anna, "task/fetch", open()))));
    seeds.add(
        a.invoke(
            anna,
            "task/submit",
            TeamsHarness.filled(intro, Map.of("name", "Anna", "role", "care-coordinator"))));
    seeds.add(a.memberRemoved(anna, bert));
    seeds.add(a.submitted(Activities.CHANNEL, "channel", anna, open()));
    ObjectNode execute = a.invoke(anna, "adaptiveCard/action", open());
    ((ObjectNode) execute.get("value")).putObject("action").put("type", "Action.Execute");
    seeds.add(execute);
    ObjectNode deleted = a.botAdded(anna);
    deleted.remove("membersAdded");
    ((ObjectNode) deleted.get("channelData")).put("eventType", "channelDeleted");
    ((ObjectNode) deleted.get("channelData")).putObject("channel").put("id", "19:gone@thread");
    seeds.add(deleted);
    ObjectNode uninstalled = a.installedForPerson(bert);
    uninstalled.put("action", "remove");
    seeds.add(uninstalled);
    ObjectNode reaction = a.mention(anna, "x");
    reaction.put("type", "messageReaction");
    reaction.putArray("reactionsAdded").addObject().put("type", "like");
    seeds.add(reaction);
    ObjectNode withLocale = a.personal(anna, "help");
    withLocale.put("locale", "nl-BE");
    withLocale.putArray("entities").addObject().put("type", "clientInfo").put("locale", "nl-BE");
    seeds.add(withLocale);
    return seeds;
  }

  private static JsonNode read(HttpResponse<String> answer) {
    try {
      return Activities.JSON.readTree(answer.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode open() {
    return (ObjectNode) teams.button("form.open");
  }

  private static void buttons(JsonNode node, List<JsonNode> seeds) {
    if (node.isObject() && node.has("kring") && node.has("msteams")) {
      seeds.add(teams.activities.invoke(Activities.ANNA, "task/fetch", node));
      seeds.add(teams.activities.personalInvoke(Activities.BERT, "task/fetch", node));
    }
    for (JsonNode child : node) {
      buttons(child, seeds);
    }
  }

  @Test
  void noMutatedActivityGetsA5xxAnErrorOrAStackTrace() {
    List<JsonNode> seeds = seeds();
    int before = log.lines().size();
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      fuzz(seeds);
    } finally {
      System.setErr(err);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .as("stack traces printed on standard error")
        .doesNotContain("\tat ");
    assertNoErrorLinesAfter(before);
  }

  private static void fuzz(List<JsonNode> seeds) {
    JsonMutations mutations = new JsonMutations(20261206L);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i <= PAYLOADS; i++) {
      ObjectNode seed = (ObjectNode) seeds.get(i % seeds.size()).deepCopy();
      seed.put("id", "f:" + UUID.randomUUID());
      JsonNode activity =
          i == PAYLOADS ? Activities.JSON.createObjectNode() : mutations.mutate(seed);
      HttpResponse<String> answer = send(activity);
      statuses.merge(answer.statusCode(), 1, Integer::sum);
      if (answer.statusCode() >= 500 || answer.body().contains("Exception")) {
        String shown = activity.toString();
        failures.add(
            answer.statusCode()
                + " for "
                + (shown.length() > 600 ? shown.substring(0, 600) + "…" : shown));
      }
    }
    assertThat(failures).as("answers that were 5xx or carried a trace").isEmpty();
    // Most mutations keep the activity usable: the fuzzing reaches the core, not only the checks.
    assertThat(statuses.getOrDefault(200, 0))
        .as("answers by status: " + statuses)
        .isGreaterThan(PAYLOADS / 4);
  }

  /**
   * Whether a line comes from Kring, the SDK or the server at INFO or above; the tests' own HTTP
   * client and the server's start-up trace their details at DEBUG.
   */
  private static boolean ours(String line) {
    String logger = line.substring(line.indexOf(' ') + 1, line.indexOf(" - "));
    return !(line.startsWith("DEBUG") || line.startsWith("TRACE"))
        || logger.startsWith("kring.")
        || logger.startsWith("com.microsoft.");
  }

  private static void assertNoErrorLinesAfter(int before) {
    List<String> bad =
        log.lines().stream()
            .skip(before)
            .filter(l -> l.startsWith("ERROR") || l.contains("\tat ") && ours(l))
            .map(l -> l.length() > 800 ? l.substring(0, 800) : l)
            .toList();
    assertThat(bad).as("error lines and stack traces in the log").isEmpty();
  }
}
