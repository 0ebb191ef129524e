package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kring in a Teams channel, driven over HTTP like the Bot Connector does, against a fake one. */
class TeamsFlowTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ChannelRef CASE_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, TeamsHarness.unauthenticated(), ConnectorTokens.none());
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @AfterEach
  void everyCardKeepsToTheAdaptiveCardsSchema() {
    CardSchema.assertKeptBy(teams);
  }

  @BeforeEach
  void cleanConnector() {
    teams.connector.clear();
  }

  @Test
  void twoPartnersAgreeThroughTeamsAndTheCaseBecomesActive() {
    teams.post(teams.activities.botAdded(ANNA));
    teams.post(teams.activities.mention(ANNA, "start AB"));
    teams.drain();
    assertThat(theCase().status()).isEqualTo(CaseStatus.INTAKE);

    JsonNode intro = TeamsHarness.dialogCard(teams.press(ANNA, teams.button("form.open")));
    assertThat(
            teams.submit(ANNA, intro, Map.of("role", "care-coordinator", "organisation", "School")))
        .isEmpty();

    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain();
    ObjectNode open = teams.button(TeamsMessenger.OPEN_WAITING);
    assertThat(teams.connector.posted())
        .anyMatch(
            p ->
                p.activity().toString().contains("\"text\":\"<at>Bert Claes</at>\"")
                    && p.activity().toString().contains("\"id\":\"29:bert-teams\""));
    JsonNode join = TeamsHarness.dialogCard(teams.press(BERT, open));
    teams.submit(BERT, join, Map.of("role", "clb", "organisation", "CLB Noord"));
    teams.drain();

    assertThat(teams.press(ANNA, teams.button("join.accept")).path("task").path("type").asText())
        .isEqualTo("message");
    teams.drain();
    // The request shows who handled it, in its own post, which offers no button any more.
    List<FakeConnector.Posted> asked =
        teams.connector.posted().stream()
            .filter(p -> p.activity().toString().contains("vraagt om aan te sluiten"))
            .toList();
    assertThat(asked).as("the request, posted once").hasSize(1);
    JsonNode handled = teams.connector.showing().get(Activities.CHANNEL + "/" + asked.get(0).id());
    assertThat(handled.toString()).contains("Aanvaard door");
    assertThat(ShownButtons.of(handled, null)).isEmpty();

    fillOffered(ANNA, "goal", Map.of("goal", "Back in class full-time by Easter"));
    fillOffered(
        ANNA,
        "taken",
        Map.of("does.P1", "Runs the care meetings", "does.P2", "Talks with the parents"));
    ObjectNode confirm = teams.button("agreement.confirm");
    teams.press(ANNA, confirm);
    teams.press(BERT, confirm);
    teams.drain();

    assertThat(theCase().status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(teams.parked.get()).isZero();
    // Agreed: no card offers a confirmation any more, and every button still shown is taken.
    assertThat(teams.connector.showing().values())
        .allSatisfy(a -> assertThat(ShownButtons.of(a, "agreement.confirm")).isEmpty());
    ShownButtons.assertEachAccepted(teams, List.of(ANNA, BERT, CARL), () -> {});
    // The messages in the channel, the dialogs with their forms: all of them keep to the schema.
    assertThat(CardSchema.assertKeptBy(teams)).isGreaterThanOrEqualTo(15);
  }

  @Test
  void privateContentOpensOnlyForItsPersonAndOnlyOnce() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain();
    ObjectNode open = teams.button(TeamsMessenger.OPEN_WAITING);

    JsonNode byAnna = teams.press(ANNA, open);
    assertThat(byAnna.path("task").path("type").asText()).isEqualTo("message");
    JsonNode byBert = teams.press(BERT, open);
    assertThat(byBert.path("task").path("type").asText()).isEqualTo("continue");
    JsonNode again = teams.press(BERT, open);
    assertThat(again.path("task").path("type").asText()).isEqualTo("message");
  }

  @Test
  void aPersonWithKringInstalledGetsPrivateMessagesInTheirPersonalChat() {
    teams.post(teams.activities.personal(BERT, "help"));
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain();
    assertThat(teams.connector.posted())
        .anyMatch(p -> p.conversationId().equals("a:personal-aad-bert"))
        .noneMatch(p -> p.activity().toString().contains("<at>Bert Claes</at>"));
  }

  @Test
  void afterKringIsUninstalledForAPersonTheirPrivateMessagesComeAsAMention() {
    teams.post(teams.activities.personal(BERT, "help"));
    ObjectNode uninstalled =
        teams.activities.base("installationUpdate", BERT, "a:personal-aad-bert", "personal");
    uninstalled.put("action", "remove");
    teams.post(uninstalled);
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain();
    assertThat(teams.connector.posted())
        .anyMatch(p -> p.activity().toString().contains("<at>Bert Claes</at>"));
  }

  @Test
  void installingKringForOneselfGetsAWelcomeInThePersonalChat() {
    teams.post(teams.activities.installedForPerson(CARL));
    teams.drain();

    assertThat(onlyPostIn(Activities.personalChat(CARL)))
        .contains("Hello, I am Kring", "@Kring start");
  }

  @Test
  void inAChannelTheWelcomeAndTheHelpSayToMentionKring() {
    teams.post(teams.activities.botAdded(ANNA));
    teams.drain();
    assertThat(onlyPostIn(Activities.CHANNEL))
        .contains("“@Kring start”", "“@Kring start AB”")
        .doesNotContain("type “start”");

    teams.post(teams.activities.mention(ANNA, "help"));
    teams.drain();
    JsonNode help =
        TeamsHarness.dialogCard(teams.press(ANNA, teams.button(TeamsMessenger.OPEN_WAITING)));
    assertThat(help.toString())
        .contains("“@Kring ")
        .doesNotContain("Type a command", "Typ een commando");
  }

  @Test
  void inAPersonalChatTheHelpSaysToTypeTheCommand() {
    teams.post(teams.activities.personal(BERT, "help"));
    teams.drain();
    assertThat(onlyPostIn(Activities.personalChat(BERT)))
        .contains("Typ een commando")
        .doesNotContain("@Kring");
  }

  @Test
  void theSameActivityDeliveredTwiceHasOneEffect() {
    ObjectNode start = teams.activities.mention(ANNA, "start");
    teams.post(start);
    teams.post(start);
    teams.drain();
    assertThat(teams.connector.posted()).hasSize(1);
  }

  @Test
  void aRateLimitedPostIsWaitedOutAndNothingIsLost() {
    teams.connector.refuseNext(2, 429, 1);
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.drain();
    assertThat(teams.connector.posted()).hasSize(1);
    assertThat(theCase()).isNotNull();
  }

  @Test
  void anOversizedBodyIsRefusedWith413() {
    ObjectNode big = teams.activities.mention(ANNA, "x".repeat(300 * 1024));
    assertThat(teams.post(big, null).statusCode()).isEqualTo(413);
  }

  @Test
  void aBodyThatIsNoActivityIsRefusedWith400() {
    assertThat(teams.post("{not json", null).statusCode()).isEqualTo(400);
  }

  @Test
  void membersJoiningAndLeavingReachTheCore() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.drain();
    teams.connector.clear();
    teams.post(teams.activities.memberAdded(ANNA, BERT));
    teams.drain();
    assertThat(teams.connector.posted()).isNotEmpty();
    teams.post(teams.activities.memberRemoved(ANNA, BERT));
    assertThat(theCase()).isNotNull();
  }

  @Test
  void aPostToAChatThatIsGoneIsGivenUpAndParked() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.drain();
    teams.connector.clear();
    teams.connector.refuseNext(1, 404, 0);
    teams.post(teams.activities.mention(ANNA, "stand"));
    teams.drain();
    assertThat(teams.connector.posted()).isEmpty();
    assertThat(teams.outbox.deadLetters(10)).isNotEmpty();
  }

  @Test
  void removingKringFromTheChannelReachesTheCore() {
    teams.post(teams.activities.mention(ANNA, "start"));
    ObjectNode removed =
        teams.activities.base("conversationUpdate", ANNA, Activities.CHANNEL, "channel");
    removed.putArray("membersRemoved").addObject().put("id", Activities.BOT);
    teams.post(removed);
    assertThat(theCase().audit().toString()).contains("bot_removed");
  }

  @Test
  void archivingTheTeamPausesTheCaseAndNothingIsSentToIt() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.drain();
    ObjectNode archived =
        teams.activities.base("conversationUpdate", ANNA, Activities.CHANNEL, "channel");
    ((ObjectNode) archived.get("channelData")).put("eventType", "teamArchived");

    teams.post(archived);

    assertThat(theCase().paused()).isTrue();
    assertThat(theCase().audit().toString()).contains("team_archived");
    assertThat(teams.prompts.planned(theCase().code())).isEmpty();
  }

  private void fillOffered(Activities.Member who, String command, Map<String, String> answers) {
    teams.post(teams.activities.mention(who, command));
    teams.drain();
    JsonNode form =
        TeamsHarness.dialogCard(teams.press(who, teams.button(TeamsMessenger.OPEN_WAITING)));
    JsonNode answer = teams.submit(who, form, answers);
    assertThat(answer.isEmpty()).as(answer.toString()).isTrue();
    teams.drain();
  }

  /** The one activity Kring posted, which must be in this conversation, as JSON text. */
  private static String onlyPostIn(String conversationId) {
    assertThat(teams.connector.posted()).hasSize(1);
    FakeConnector.Posted post = teams.connector.posted().get(0);
    assertThat(post.conversationId()).isEqualTo(conversationId);
    return post.activity().toString();
  }

  private static Case theCase() {
    return teams.cases.findByChannel(CASE_CHANNEL).orElseThrow();
  }
}
