package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.logging.LogGuard;
import kring.testing.CapturedLog;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With every logger at DEBUG or finer, a whole Teams conversation with recognisable values leaves
 * none of them in the log: not a person's name or ids, not what they wrote, not the tokens on
 * either side, not the app's secret.
 */
class TeamsLoggingTest {

  static final String APP_ID = "5f0c8d3e-0000-4000-8000-00000000a11d";
  static final String APP_SECRET = "planted-app-secret-Q7X";
  static final String OUTGOING = "planted-connector-token-Q7X";
  static final String NAME = "Wilhelmina Zwanepoel";
  static final String WORDS = "Noor spijbelde-Q7X weer drie dagen";
  static final Activities.Member WILHELMINA =
      new Activities.Member("29:planted-teams-Q7X", "aad-planted-Q7X", NAME);
  static final Activities.Member BERT = Activities.BERT;

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  /** What TeamsConfiguration puts in place when Teams is on. */
  @RegisterExtension
  @Order(1)
  static final BeforeAllCallback guard = context -> LogGuard.install(List.of(APP_SECRET));

  @RegisterExtension
  @Order(2)
  static final TestRedis redis = TestRedis.machine();

  static TeamsHarness teams;
  static String bearer;

  @BeforeAll
  static void start() {
    ConnectorSigning signing = new ConnectorSigning();
    teams =
        new TeamsHarness(
            redis,
            connector -> signing.announceOn(connector, APP_ID, APP_SECRET),
            () -> Optional.of(OUTGOING));
    bearer = ConnectorSigning.bearer(signing.key, APP_ID, teams.connector.url(), b -> {});
    teams.authorization = bearer;
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @Test
  void aWholeConversationLeavesNoNameNoIdNoTextNoTokenInTheLog() {
    teams.post(teams.activities.botAdded(WILHELMINA));
    teams.post(teams.activities.mention(WILHELMINA, "start " + WORDS));
    teams.post(teams.activities.mention(WILHELMINA, "start AB"));
    teams.drain();
    JsonNode intro = TeamsHarness.dialogCard(teams.press(WILHELMINA, teams.button("form.open")));
    teams.submit(
        WILHELMINA,
        intro,
        Map.of("name", NAME, "role", "care-coordinator", "organisation", "School " + WORDS));
    teams.post(teams.activities.personal(WILHELMINA, "help " + WORDS));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain();
    JsonNode join =
        TeamsHarness.dialogCard(teams.press(BERT, teams.button(TeamsMessenger.OPEN_WAITING)));
    teams.submit(BERT, join, Map.of("role", "clb", "organisation", "CLB Noord"));
    teams.drain();
    teams.press(WILHELMINA, teams.button("join.accept"));
    teams.post(teams.activities.mention(WILHELMINA, "goal"));
    teams.drain();
    // Wilhelmina has a personal chat with Kring by now: the offer waits there, not in the channel.
    JsonNode goal = TeamsHarness.dialogCard(teams.press(WILHELMINA, teams.button("form.open")));
    teams.submit(WILHELMINA, goal, Map.of("goal", WORDS));
    teams.drain();

    // The connector's refusals on the way out: a rate limit, a failure, a chat that is gone.
    teams.connector.refuseNext(1, 429, 0);
    teams.connector.refuseNext(1, 502, 0);
    teams.post(teams.activities.mention(WILHELMINA, "card " + WORDS));
    teams.drain();
    teams.connector.refuseNext(1, 404, 0);
    teams.post(teams.activities.mention(WILHELMINA, "status " + WORDS));
    teams.drain();

    // Activities that are refused: a forged token, a body that is no activity.
    ObjectNode forged = teams.activities.mention(WILHELMINA, WORDS);
    assertThat(teams.post(forged, bearer.substring(0, bearer.length() - 8)).statusCode())
        .isEqualTo(401);
    assertThat(teams.post("{\"text\":\"" + WORDS + "\",", bearer).statusCode()).isEqualTo(400);
    assertThat(teams.parked.get()).isPositive();

    log.assertHoldsNoneOf(
        "Zwanepoel",
        WILHELMINA.teamsId(),
        "planted-teams-Q7X",
        WILHELMINA.aadObjectId(),
        "spijbelde-Q7X",
        APP_SECRET,
        OUTGOING,
        bearer.substring("Bearer ".length()),
        bearer.substring(bearer.lastIndexOf('.') + 1));
  }
}
