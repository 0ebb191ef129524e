package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.core.partners.Handover;
import kring.testing.Eventually;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * People who come and go, through the events Slack sends: a partner who leaves the case's channel
 * leaves the case and writes a handover note from the direct message Kring sends them; the backup
 * takes over from a coordinator who leaves; a case paused by an archived channel runs again when
 * Kring is added back.
 */
class SlackLeavingTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  /** Monday 11 May 2026, 09:00 in Brussels. */
  static final Instant NOW = LocalDateTime.parse("2026-05-11T09:00").atZone(BRUSSELS).toInstant();

  static final MovableClock clock = new MovableClock(NOW, BRUSSELS);

  @RegisterExtension static final SlackRunning running = new SlackRunning(redis, clock);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0KRING05";
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final String ANNA = "UANNA";
  static final String BERT = "UBERT";
  static final String CARL = "UCARL";
  static final Duration SOON = Duration.ofSeconds(10);

  @Test
  void aPartnerWhoLeavesTheChannelLeavesTheCaseAndWritesAHandoverFromTheDirectMessage() {
    activeCase(0);

    event(SlackPayloads.memberLeft(TEAM, eventId(), CHANNEL, BERT));

    FakeSlack.Call told = channelPost("left the case");
    assertThat(told.words()).contains("Partner 2");
    FakeSlack.Call thanks =
        slack().await("chat.postMessage", c -> c.param("channel").equals(FakeSlack.im(BERT)), SOON);
    assertThat(slack().calls("conversations.open"))
        .filteredOn(c -> c.param("users").equals(BERT))
        .isNotEmpty();
    assertThat(thanks.words()).contains("Thank you for your part in case " + CODE.value());
    assertThat(thanks.buttons("form.open"))
        .extracting(b -> b.path("text").path("text").asString())
        .containsExactly("Write a handover note");
    Case left = theCase();
    assertThat(left.partner(bert())).isEmpty();
    assertThat(left.team().leftPartner(bert())).isPresent();
    assertThat(left.partner(Samples.slackUser(ANNA))).isPresent();
    // Nothing of the person's leaving but the announcement is posted in the channel.
    assertThat(slack().posts(c -> c.param("channel").equals(CHANNEL))).hasSize(1);

    JsonNode modal = pressAndOpen(BERT, thanks, "form.open", "");
    assertThat(modal.path("type").asString()).isEqualTo("modal");
    assertThat(SlackScheduledPromptsTest.inputs(modal)).containsExactly("note", "successor");
    assertThat(modal.path("callback_id").asString()).isEqualTo("partner.handover");
    assertThat(modal.path("title").path("text").asString()).startsWith("Handover");
    assertThat(modal.path("blocks").toString()).contains("Your successor gets this privately");
    HttpResponse<String> done =
        submit(BERT, modal, Map.of("note", "Call the mother on Mondays.", "successor", "Dee"));

    assertThat(done.body()).isEmpty();
    List<Handover> notes = theCase().activity().handovers();
    assertThat(notes).singleElement().satisfies(h -> assertThat(h.fromSeq()).isEqualTo(2));
    assertThat(notes.get(0).note()).isEqualTo("Call the mother on Mondays.");
    assertThat(notes.get(0).successor()).isEqualTo("Dee");
    FakeSlack.Call saved = answerTo(BERT, "Saved.");
    assertThat(saved.param("channel")).isEqualTo(FakeSlack.im(BERT));
    // The note is for the successor alone: the channel never sees it.
    Eventually.eventually(SOON, () -> assertThat(running.get().outbox.pending()).isZero());
    assertThat(slack().posts(c -> c.param("channel").equals(CHANNEL)))
        .noneMatch(c -> c.words().contains("Call the mother"));
  }

  @Test
  void whenTheCoordinatorLeavesTheChannelTheBackupNowCoordinates() {
    activeCase(2);

    event(SlackPayloads.memberLeft(TEAM, eventId(), CHANNEL, ANNA));

    FakeSlack.Call told = channelPost("now coordinates");
    assertThat(told.words()).contains("the backup");
    Case after = theCase();
    assertThat(after.coordinator()).map(p -> p.user()).contains(bert());
    assertThat(after.backup()).isEmpty();
    assertThat(after.team().leftPartner(Samples.slackUser(ANNA))).isPresent();
    FakeSlack.Call thanks =
        slack().await("chat.postMessage", c -> c.param("channel").equals(FakeSlack.im(ANNA)), SOON);
    assertThat(thanks.buttons("form.open")).hasSize(1);
  }

  /** Public channels and private ones (which Slack still calls groups in its events). */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "channel_archive, archived",
    "channel_deleted, deleted",
    "group_archive, archived",
    "group_deleted, deleted"
  })
  void aCaseWhoseChannelWasLostRunsAgainWhenKringIsAddedBack(String type, String reason) {
    activeCase(0);

    tools.jackson.databind.node.ObjectNode lost = SlackPayloads.JSON.createObjectNode();
    lost.put("type", type);
    lost.put("channel", CHANNEL);
    if (type.endsWith("archive")) {
      lost.put("user", ANNA);
    }
    lost.put("event_ts", "1700000000.000600");
    event(SlackPayloads.event(TEAM, eventId(), lost));
    Eventually.eventually(SOON, () -> assertThat(theCase().paused()).isTrue());
    assertThat(theCase().audit().toString()).contains(reason);

    event(SlackPayloads.memberJoined(TEAM, eventId(), CHANNEL, FakeSlack.BOT_USER, ANNA));

    channelPost("runs again");
    assertThat(theCase().paused()).isFalse();
  }

  /** Unarchiving is the inverse of archiving, for public channels and private ones. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"channel", "group"})
  void aCaseWhoseChannelWasArchivedRunsAgainWhenTheChannelIsUnarchived(String kind) {
    activeCase(0);
    event(SlackPayloads.channelEvent(kind + "_archive", TEAM, eventId(), CHANNEL, "user", ANNA));
    Eventually.eventually(SOON, () -> assertThat(theCase().paused()).isTrue());

    // As Slack documents them: a public channel's event names the user, a private one's the actor.
    event(
        kind.equals("group")
            ? SlackPayloads.groupUnarchive(TEAM, eventId(), CHANNEL, ANNA)
            : SlackPayloads.channelEvent(
                "channel_unarchive", TEAM, eventId(), CHANNEL, "user", ANNA));

    channelPost("runs again");
    assertThat(theCase().paused()).isFalse();
    assertThat(theCase().audit())
        .extracting(kring.core.cases.AuditEntry::event)
        .contains(kring.core.cases.AuditEvent.CHANNEL_BACK);
  }

  void activeCase(int backupSeq) {
    clock.set(NOW);
    Case c =
        Samples.activeCase(
            CODE,
            Samples.slackChannel(CHANNEL),
            List.of(Samples.slackUser(ANNA), bert(), Samples.slackUser(CARL)),
            CollaborationLevel.COORDINATION,
            NOW);
    if (backupSeq > 0) {
      c =
          Samples.withBackup(
              c, backupSeq, List.of(Samples.slackUser(ANNA), bert(), Samples.slackUser(CARL)), NOW);
    }
    running.get().cases.create(c);
    running.get().prompts.replan(c);
  }

  /** Sends an Events API callback signed as Slack signs it; Kring acknowledges it at once. */
  static void event(String body) {
    HttpResponse<String> response = running.get().send(body, SlackPayloads.JSON_TYPE);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  static String eventId() {
    return "Ev0" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  static JsonNode pressAndOpen(String user, FakeSlack.Call dm, String action, String valueStart) {
    int before = slack().calls("views.open").size();
    JsonNode button =
        dm.buttons(action).stream()
            .filter(b -> b.path("value").asString("").startsWith(valueStart))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No button " + action + " in " + dm.words()));
    signed(SlackPayloads.blockActionInDm(TEAM, user, user.toLowerCase(), dm, button));
    Eventually.eventually(
        SOON, () -> assertThat(slack().calls("views.open")).hasSizeGreaterThan(before));
    FakeSlack.Call opened = slack().calls("views.open").get(before);
    assertThat(opened.param("trigger_id")).isNotBlank();
    return SlackPayloads.JSON.readTree(opened.param("view"));
  }

  static HttpResponse<String> submit(String user, JsonNode modal, Map<String, String> answers) {
    return signed(SlackPayloads.viewSubmission(TEAM, user, user.toLowerCase(), modal, answers));
  }

  static HttpResponse<String> signed(String form) {
    HttpResponse<String> response = running.get().send(form, SlackPayloads.FORM);
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  /** The answer to a person's own action: ephemeral, for them alone. */
  static FakeSlack.Call answerTo(String user, String words) {
    return slack()
        .await(
            "chat.postEphemeral",
            c -> c.param("user").equals(user) && c.words().contains(words),
            SOON);
  }

  static FakeSlack.Call channelPost(String words) {
    return slack()
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals(CHANNEL) && c.words().contains(words),
            SOON);
  }

  static UserRef bert() {
    return Samples.slackUser(BERT);
  }

  static Case theCase() {
    return running.get().cases.find(CODE).orElseThrow();
  }

  static FakeSlack slack() {
    return running.get().slack;
  }
}
