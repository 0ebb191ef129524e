package kring.teams;

import static kring.teams.Activities.ANNA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import kring.testing.CapturedLog;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Activities that parse but that Kring cannot use get a 4xx and one INFO line naming the reason
 * without the value; ids are bounded before they are kept; a redelivered invoke gets the answer its
 * first delivery got.
 */
class TeamsOddActivitiesTest {

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  @RegisterExtension
  @Order(1)
  static final TestRedis redis = TestRedis.machine();

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, TeamsHarness.unauthenticated(), ConnectorTokens.none());
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @BeforeEach
  void cleanConnector() {
    teams.connector.clear();
  }

  private static int status(JsonNode activity) {
    return teams.post(activity, null).statusCode();
  }

  @Test
  void anEmptyObjectIsRefusedWith400() {
    assertThat(teams.post("{}", null).statusCode()).isEqualTo(400);
  }

  @Test
  void aMissingOrOddServiceUrlIsRefusedWith400AndLoggedWithoutItsValue() {
    ObjectNode missing = teams.activities.mention(ANNA, "help");
    missing.remove("serviceUrl");
    ObjectNode odd = teams.activities.mention(ANNA, "help");
    odd.put("serviceUrl", "http://odd-host-Q9.example/");
    ObjectNode notText = teams.activities.mention(ANNA, "help");
    notText.putArray("serviceUrl");

    assertThat(status(missing)).isEqualTo(400);
    assertThat(status(odd)).isEqualTo(400);
    assertThat(status(notText)).isEqualTo(400);
    List<String> refusals =
        log.lines().stream().filter(l -> l.startsWith("INFO kring.teams.TeamsBot")).toList();
    assertThat(refusals).anyMatch(l -> l.contains("serviceUrl")).noneMatch(l -> l.contains("Q9"));
  }

  @Test
  void anInvalidLocaleOrAnEntityWithoutTypeIsRefusedWith400() {
    ObjectNode locale = teams.activities.mention(ANNA, "help");
    locale.put("locale", "xx_YY_??");
    ObjectNode entity = teams.activities.mention(ANNA, "help");
    ((com.fasterxml.jackson.databind.node.ArrayNode) entity.get("entities"))
        .addObject()
        .put("text", "no type");

    assertThat(status(locale)).isEqualTo(400);
    assertThat(status(entity)).isEqualTo(400);
    assertThat(teams.connector.posted()).isEmpty();
  }

  @Test
  void aHugeRecipientIdIsRefusedAndNeverReachesAPost() {
    ObjectNode huge = teams.activities.mention(ANNA, "start");
    ((ObjectNode) huge.get("recipient")).put("id", "28:" + "x".repeat(100_000));

    assertThat(status(huge)).isEqualTo(400);
    teams.post(teams.activities.mention(ANNA, "help"));
    teams.drain();

    assertThat(teams.connector.posted()).isNotEmpty();
    assertThat(teams.connector.posted())
        .allSatisfy(p -> assertThat(p.activity().toString().length()).isLessThan(30_000));
  }

  @Test
  void aLongFromIdOrConversationIdIsRefused() {
    ObjectNode from = teams.activities.mention(ANNA, "help");
    ((ObjectNode) from.get("from")).put("id", "29:" + "y".repeat(300));
    ObjectNode conversation = teams.activities.mention(ANNA, "help");
    ((ObjectNode) conversation.get("conversation")).put("id", "19:" + "z".repeat(600));
    ObjectNode spaced = teams.activities.mention(ANNA, "help");
    ((ObjectNode) spaced.get("from")).put("aadObjectId", "aad anna");

    assertThat(status(from)).isEqualTo(400);
    assertThat(status(conversation)).isEqualTo(400);
    assertThat(status(spaced)).isEqualTo(400);
  }

  @Test
  void aRedeliveredInvokeGetsTheSameDialog() throws Exception {
    teams.post(teams.activities.botAdded(ANNA));
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.drain();
    ObjectNode fetch = teams.activities.invoke(ANNA, "task/fetch", teams.button("form.open"));

    HttpResponse<String> first = teams.post(fetch, null);
    HttpResponse<String> again = teams.post(fetch, null);

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode dialog = TeamsHarness.dialogCard(Activities.JSON.readTree(first.body()));
    assertThat(dialog.path("body").isArray()).isTrue();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isNotEmpty().isEqualTo(first.body());
  }

  @Test
  void anActivityTeamsSendsAgainAfterItsNodeDiedChangesNothingWhereItWasStored() {
    teams.post(teams.activities.botAdded(ANNA));
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.drain();
    ObjectNode represent = teams.activities.mention(ANNA, "represent mother");
    teams.post(represent);
    teams.drain();
    String revision = storedRevision();
    int posted = teams.connector.posted().size();

    // The node that handled it died before it could remember that; its hold ran out, and Teams,
    // which got no answer, sends the activity again.
    redis.storedKeys().stream()
        .filter(key -> key.contains("teams-activity"))
        .forEach(key -> redis.client().del(key));
    assertThat(teams.post(represent, null).statusCode()).isEqualTo(200);
    teams.drain();

    assertThat(storedRevision()).isEqualTo(revision);
    assertThat(teams.connector.posted()).hasSize(posted);
  }

  private static String storedRevision() {
    String caseKey =
        redis.storedKeys().stream().filter(key -> key.endsWith(":case")).findFirst().orElseThrow();
    return redis.client().hget(caseKey, "revision");
  }
}
