package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The consent form and the sensitive-update check through Teams dialogs. */
class TeamsConsentTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final CaseCode CODE = new CaseCode("K-7EAM");
  static final String NEWS = "Her asthma got worse; she misses the morning classes.";

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, TeamsHarness.unauthenticated(), ConnectorTokens.none());
  }

  /** Every test starts on an empty Redis: an active case of Anna (P1), Bert (P2) and Carl (P3). */
  @BeforeEach
  void activeCase() {
    teams.cases.create(
        Samples.activeCase(
            CODE,
            new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL),
            List.of(user(ANNA), user(BERT), user(CARL)),
            CollaborationLevel.COORDINATION,
            Instant.now()));
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @AfterEach
  void everyCardKeepsToTheAdaptiveCardsSchema() {
    CardSchema.assertKeptBy(teams);
  }

  static UserRef user(Activities.Member who) {
    return new UserRef(Platform.TEAMS, Activities.TENANT, who.aadObjectId());
  }

  /** A typed command's form waits behind an Open button; the person opens it in a dialog. */
  static JsonNode offeredForm(Activities.Member who, String command) {
    teams.connector.clear();
    teams.post(teams.activities.mention(who, command));
    teams.drain();
    return TeamsHarness.dialogCard(teams.press(who, teams.button(TeamsMessenger.OPEN_WAITING)));
  }

  @Test
  void consentIsRecordedInADialogWithMultiSelectChoicesAndTheChannelHearsOnlyRecorded() {
    JsonNode form = offeredForm(ANNA, "consent");
    assertThat(form.toString()).contains("\"isMultiSelect\":true");

    JsonNode answer =
        teams.submit(
            ANNA,
            form,
            Map.of(
                "givenBy", "both",
                "kinds", "health,justice",
                "towards", "P2,role-clb",
                "purpose", "to plan the return to class"));
    teams.drain();

    assertThat(answer.isEmpty()).as(answer.toString()).isTrue();
    Case c = teams.cases.find(CODE).orElseThrow();
    assertThat(c.consents().record(1).orElseThrow().terms().towardsPartners()).containsExactly(2);
    assertThat(teams.connector.posted())
        .anyMatch(p -> p.activity().toString().contains("Consent: recorded"))
        .noneMatch(p -> p.activity().toString().contains("return to class"));
  }

  @Test
  void aSensitiveUpdateGoesPrivatelyToTheChosenPartnerAfterTheCheck() {
    // Carl installed Kring for himself: his private messages go to that personal chat.
    teams.post(teams.activities.personal(CARL, "help"));
    JsonNode update = offeredForm(BERT, "update");

    JsonNode step = teams.submit(BERT, update, Map.of("text", NEWS, "kind", "wellbeing"));

    JsonNode check = TeamsHarness.dialogCard(step);
    assertThat(check.path("actions").get(0).path("data").path("kringForm").asText())
        .isEqualTo("update.check");
    assertThat(check.path("actions").get(0).path("data").toString()).doesNotContain("asthma");
    teams.drain();
    assertThat(teams.connector.posted()).noneMatch(p -> p.activity().toString().contains("asthma"));

    JsonNode done =
        teams.submit(
            BERT,
            check,
            Map.of(
                "needed", "yes",
                "ground", "consent",
                "audience", "chosen",
                "to", "P3",
                "share", "text"));
    teams.drain();

    assertThat(done.isEmpty()).as(done.toString()).isTrue();
    List<FakeConnector.Posted> withNews =
        teams.connector.posted().stream()
            .filter(p -> p.activity().toString().contains("asthma"))
            .toList();
    assertThat(withNews).isNotEmpty();
    assertThat(withNews)
        .extracting(FakeConnector.Posted::conversationId)
        .containsOnly(Activities.personalChat(CARL));
    assertThat(redis.storedText()).doesNotContain("asthma");
  }
}
