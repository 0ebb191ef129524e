package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.testing.Eventually;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The consent form and the sensitive-update check through Slack: modals, checkboxes, posts. */
class SlackConsentTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();
  @RegisterExtension static final SlackRunning running = new SlackRunning(redis);

  static final String TEAM = FakeSlack.TEAM;
  static final Duration SOON = Duration.ofSeconds(10);
  static final String NEWS = "Her asthma got worse; she misses the morning classes.";

  static SlackHarness kring() {
    return running.get();
  }

  /**
   * An active case in {@code channel}: Anna (P1) coordinates, Bert (P2) and Carl (P3) take part.
   */
  static Case activeCase(String code, String channel) {
    Case c =
        Samples.activeCase(
            new CaseCode(code),
            new ChannelRef(Platform.SLACK, TEAM, channel),
            List.of(user("UANNA"), user("UBERT"), user("UCARL")),
            CollaborationLevel.COORDINATION,
            Instant.now());
    kring().cases.create(c);
    return c;
  }

  static UserRef user(String id) {
    return new UserRef(Platform.SLACK, TEAM, id);
  }

  @Test
  void aPartnerRecordsConsentInAModalWithCheckboxesAndTheChannelHearsOnlyRecorded() {
    activeCase("K-5C3N", "C0CONSENT1");

    JsonNode modal = commandAndOpen("C0CONSENT1", "UBERT", "bert", "toestemming");
    assertThat(modal.path("callback_id").asString()).isEqualTo("consent.record");
    assertThat(modal.toString()).contains("\"checkboxes\"").contains("\"multi_static_select\"");
    HttpResponse<String> answer =
        submit(
            "UBERT",
            "bert",
            modal,
            Map.of(
                "givenBy", "pupil",
                "kinds", "health,wellbeing",
                "towards", "P1,role-naft-coach",
                "purpose", "to adjust her timetable"));

    assertThat(answer.body()).isEmpty();
    Eventually.eventually(
        SOON,
        () ->
            assertThat(theCase("K-5C3N").consents().record(1).orElseThrow().terms().kinds())
                .hasSize(2));
    FakeSlack.Call post =
        kring()
            .slack
            .await(
                "chat.postMessage",
                c -> c.param("channel").equals("C0CONSENT1") && c.words().contains("Consent"),
                SOON);
    assertThat(post.words()).contains("recorded").doesNotContain("health", "timetable");
    FakeSlack.Call privately =
        kring()
            .slack
            .await(
                "chat.postEphemeral",
                c -> c.param("user").equals("UBERT") && c.words().contains("No consent"),
                SOON);
    assertThat(privately.param("channel")).isEqualTo("C0CONSENT1");
  }

  @Test
  void aSensitiveUpdateTurnsIntoTheCheckModalAndSharesOnlyThatThereIsNews() {
    activeCase("K-5C3P", "C0CONSENT2");
    JsonNode update = commandAndOpen("C0CONSENT2", "UBERT", "bert", "nieuws");

    HttpResponse<String> step =
        submit("UBERT", "bert", update, Map.of("text", NEWS, "kind", "health"));

    JsonNode body = SlackPayloads.JSON.readTree(step.body());
    assertThat(body.path("response_action").asString()).isEqualTo("update");
    JsonNode check = body.path("view");
    assertThat(check.path("callback_id").asString()).isEqualTo("update.check");
    assertThat(check.path("private_metadata").asString()).doesNotContain("asthma");
    assertThat(check.toString()).contains("No consent is recorded in this case yet");
    assertThat(kring().slack.calls("chat.postMessage"))
        .noneMatch(c -> c.words().contains("asthma"));

    HttpResponse<String> done =
        submit(
            "UBERT",
            "bert",
            check,
            Map.of(
                "needed", "yes",
                "ground", "unsure",
                "audience", "channel",
                "share", "that"));

    assertThat(done.body()).isEmpty();
    FakeSlack.Call post =
        kring()
            .slack
            .await(
                "chat.postMessage",
                c ->
                    c.param("channel").equals("C0CONSENT2")
                        && c.words().contains("has new information about health"),
                SOON);
    assertThat(post.words()).doesNotContain("asthma");
    assertThat(redis.storedText()).doesNotContain("asthma");
  }

  static Case theCase(String code) {
    return kring().cases.find(new CaseCode(code)).orElseThrow();
  }

  static JsonNode commandAndOpen(String channel, String user, String name, String text) {
    int before = kring().slack.calls("views.open").size();
    HttpResponse<String> response =
        kring().send(SlackPayloads.command(TEAM, channel, user, name, text), SlackPayloads.FORM);
    assertThat(response.statusCode()).isEqualTo(200);
    return kring().opened(before, SOON);
  }

  static HttpResponse<String> submit(
      String user, String name, JsonNode view, Map<String, String> answers) {
    return kring().submit(TEAM, user, name, view, answers);
  }
}
