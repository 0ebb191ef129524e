package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.Handover;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People who come and go, through the activities Teams sends: a partner removed from the case's
 * team leaves the case and writes a handover note in a dialog opened from their personal chat, or
 * from the mention Kring leaves when it has no personal chat with them; the backup takes over from
 * a coordinator who is removed.
 */
class TeamsLeavingTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  /** Monday 11 May 2026, 09:00 in Brussels. */
  static final Instant NOW = LocalDateTime.parse("2026-05-11T09:00").atZone(BRUSSELS).toInstant();

  static final MovableClock clock = new MovableClock(NOW, BRUSSELS);
  static final ChannelRef CASE_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final String HANDOVER = "partner.handover " + CODE.value();

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, clock);
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @AfterEach
  void everyCardKeepsToTheAdaptiveCardsSchema() {
    CardSchema.assertKeptBy(teams);
  }

  @Test
  void aPartnerRemovedFromTheTeamLeavesTheCaseAndWritesAHandoverFromTheirPersonalChat() {
    activeCase(0);

    teams.post(teams.activities.memberRemoved(ANNA, BERT));
    drain();

    assertThat(theCase().partner(user(BERT))).isEmpty();
    assertThat(theCase().team().leftPartner(user(BERT))).isPresent();
    List<FakeConnector.Posted> toChannel = postedTo(Activities.CHANNEL);
    assertThat(toChannel).singleElement();
    assertThat(toChannel.get(0).activity().toString())
        .contains("Partner 2")
        .contains("left the case");
    List<FakeConnector.Posted> toBert = postedTo(Activities.personalChat(BERT));
    assertThat(toBert).singleElement();
    assertThat(toBert.get(0).activity().toString())
        .contains("Thank you for your part in case " + CODE.value())
        .contains("Write a handover note");

    JsonNode dialog =
        TeamsHarness.dialogCard(
            teams.pressInPersonalChat(BERT, button(BERT, "form.open", HANDOVER)));
    assertThat(dialog.toString()).contains("Handover note");
    JsonNode done =
        teams.submitInPersonalChat(
            BERT, dialog, Map.of("note", "Call the mother on Mondays.", "successor", "Dee"));

    assertThat(done.isEmpty()).as(done.toString()).isTrue();
    List<Handover> notes = theCase().activity().handovers();
    assertThat(notes).singleElement().satisfies(h -> assertThat(h.fromSeq()).isEqualTo(2));
    assertThat(notes.get(0).note()).isEqualTo("Call the mother on Mondays.");
    assertThat(notes.get(0).successor()).isEqualTo("Dee");
    drain();
    assertThat(postedTo(Activities.personalChat(BERT)))
        .anyMatch(p -> p.activity().toString().contains("Your successor gets it"));
    assertThat(postedTo(Activities.CHANNEL))
        .noneMatch(p -> p.activity().toString().contains("Call the mother"));
  }

  @Test
  void withoutAPersonalChatTheHandoverWaitsBehindAMentionAndIsWrittenInADialog() {
    activeCase(0);
    ObjectNode uninstalled =
        teams.activities.base(
            "installationUpdate", BERT, Activities.personalChat(BERT), "personal");
    uninstalled.put("action", "remove");
    teams.post(uninstalled);

    teams.post(teams.activities.memberRemoved(ANNA, BERT));
    drain();

    assertThat(postedTo(Activities.personalChat(BERT))).isEmpty();
    String toChannel = postedTo(Activities.CHANNEL).toString();
    assertThat(toChannel).contains("left the case").contains("<at>Bert Claes</at>");
    // Not even the notification's summary shows the channel what was said privately.
    assertThat(toChannel).doesNotContain("Thank you for your part");
    assertThat(postedTo(Activities.CHANNEL))
        .filteredOn(p -> p.activity().toString().contains("<at>Bert Claes</at>"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.activity().path("summary").asText()).isEqualTo(TeamsTexts.waiting(1)));
    ObjectNode open =
        teams.button(
            p -> p.conversationId().equals(Activities.CHANNEL), TeamsMessenger.OPEN_WAITING, "");
    JsonNode waiting = TeamsHarness.dialogCard(teams.press(BERT, open));
    assertThat(waiting.toString()).contains("Write a handover note");
    ObjectNode write = TeamsHarness.find(waiting, "form.open", HANDOVER);
    assertThat(write).isNotNull();
    // Inside a dialog, Action.Submit comes back as task/submit.
    JsonNode form =
        TeamsHarness.dialogCard(teams.answer(teams.activities.invoke(BERT, "task/submit", write)));
    teams.submit(BERT, form, Map.of("note", "The file is with the CLB."));

    assertThat(theCase().activity().handovers())
        .singleElement()
        .satisfies(h -> assertThat(h.note()).isEqualTo("The file is with the CLB."));
  }

  @Test
  void whenTheCoordinatorIsRemovedTheBackupNowCoordinates() {
    activeCase(2);

    teams.post(teams.activities.memberRemoved(BERT, ANNA));
    drain();

    assertThat(theCase().coordinator()).map(p -> p.user()).contains(user(BERT));
    assertThat(theCase().backup()).isEmpty();
    assertThat(postedTo(Activities.CHANNEL))
        .anyMatch(p -> p.activity().toString().contains("the backup, now coordinates"));
    assertThat(postedTo(Activities.personalChat(ANNA)))
        .anyMatch(p -> p.activity().toString().contains("Write a handover note"));
  }

  @Test
  void aPartnerRemovedFromTheTeamLeavesTheCasesInEveryChannelOfThatTeam() {
    clock.set(NOW);
    String other = "19:case-two@thread.tacv2";
    ChannelRef otherChannel = new ChannelRef(Platform.TEAMS, Activities.TENANT, other);
    CaseCode code = new CaseCode("K-8G4R");
    teams.post(teams.activities.mentionIn(other, ANNA, "help"));
    teams.cases.create(
        Samples.activeCase(
            code,
            otherChannel,
            List.of(user(ANNA), user(BERT), user(CARL)),
            CollaborationLevel.COORDINATION,
            NOW));
    drain();

    // Teams tells the team's General channel, whose id is the team's, not the case's channel.
    teams.post(teams.activities.memberRemoved(ANNA, BERT));
    drain();

    Case c = teams.cases.find(code).orElseThrow();
    assertThat(c.partner(user(BERT))).isEmpty();
    assertThat(c.team().leftPartner(user(BERT))).isPresent();
    assertThat(postedTo(other)).anyMatch(p -> p.activity().toString().contains("left the case"));
  }

  /** Kring is in the case's team channel and installed for each partner; the case runs. */
  static void activeCase(int backupSeq) {
    clock.set(NOW);
    teams.post(teams.activities.botAdded(ANNA));
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      teams.post(teams.activities.installedForPerson(partner));
    }
    Case c =
        Samples.activeCase(
            CODE,
            CASE_CHANNEL,
            List.of(user(ANNA), user(BERT), user(CARL)),
            CollaborationLevel.COORDINATION,
            NOW);
    if (backupSeq > 0) {
      c = Samples.withBackup(c, backupSeq, List.of(user(ANNA), user(BERT), user(CARL)), NOW);
    }
    teams.cases.create(c);
    teams.prompts.replan(c);
    drain();
    teams.connector.clear();
  }

  /**
   * Lets the relay deliver everything, moving the clock by the platform's pace between rounds: two
   * messages bound for one conversation go one pace apart.
   */
  static void drain() {
    teams.drain(() -> clock.advance(TeamsMessenger.PACE));
  }

  /** A button of the newest card in the person's personal chat. */
  static ObjectNode button(Activities.Member who, String action, String valueStart) {
    String chat = Activities.personalChat(who);
    return teams.button(p -> p.conversationId().equals(chat), action, valueStart);
  }

  static List<FakeConnector.Posted> postedTo(String conversationId) {
    return teams.connector.posted().stream()
        .filter(p -> p.conversationId().equals(conversationId))
        .toList();
  }

  static UserRef user(Activities.Member who) {
    return new UserRef(Platform.TEAMS, Activities.TENANT, who.aadObjectId());
  }

  static Case theCase() {
    return teams.cases.find(CODE).orElseThrow();
  }
}
