package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.testing.Eventually;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class SlackEndToEndTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0KRING01";
  static final Duration SOON = Duration.ofSeconds(10);

  @RegisterExtension static final SlackRunning running = new SlackRunning(redis);

  static SlackHarness kring() {
    return running.get();
  }

  @Test
  void theAgreementFlowRunsThroughSlackUntilTheCaseIsActive() {
    command("UANNA", "anna", "start AB");
    FakeSlack.Call welcome = channelPost(c -> text(c).contains("K-"));
    assertThat(welcome.authorization()).isEqualTo("Bearer " + SlackHarness.TOKEN);

    JsonNode intro = pressAndOpen("UANNA", "anna", welcome, "form.open");
    submit("UANNA", "anna", intro, Map.of("role", "care-coordinator", "organisation", "School"));

    JsonNode join = commandAndOpen("UBERT", "bert", "join");
    submit("UBERT", "bert", join, Map.of("role", "clb", "organisation", "CLB Noord"));
    FakeSlack.Call ask = channelPost(c -> hasButton(c, "join.accept"));
    press("UANNA", "anna", ask, "join.accept");
    eventually(() -> assertThat(theCase().partners()).hasSize(2));
    // The request shows who handled it, in its own post, which offers no button any more.
    FakeSlack.Call handled =
        kring()
            .slack
            .await(
                "chat.update",
                c -> c.param("channel").equals(CHANNEL) && text(c).contains("Aanvaard door anna"),
                SOON);
    assertThat(handled.param("text")).isEqualTo(ask.param("text"));
    assertThat(ShownButtons.of(handled)).isEmpty();
    assertThat(kring().slack.posts(c -> c.param("text").equals(ask.param("text")))).hasSize(1);

    command("UBERT", "bert", "wie");
    FakeSlack.Call card =
        kring()
            .slack
            .await(
                "chat.postEphemeral",
                c -> c.param("user").equals("UBERT") && text(c).contains("CLB Noord"),
                SOON);
    assertThat(card.param("channel")).isEqualTo(CHANNEL);

    JsonNode goal = commandAndOpen("UANNA", "anna", "goal");
    submit("UANNA", "anna", goal, Map.of("goal", "Back in class full-time by Easter"));
    JsonNode roles = commandAndOpen("UANNA", "anna", "taken");
    submit(
        "UANNA",
        "anna",
        roles,
        Map.of("does.P1", "Runs the care meetings", "does.P2", "Talks with the parents"));
    FakeSlack.Call proposal =
        channelPost(c -> hasButton(c, "agreement.confirm") && text(c).contains("versie 2"));

    press("UANNA", "anna", proposal, "agreement.confirm");
    // The version's post counts its confirmations in place.
    FakeSlack.Call counted = channelUpdate(c -> text(c).contains("1 van 2"));
    assertThat(counted.buttons("agreement.confirm")).hasSize(1);
    press("UBERT", "bert", proposal, "agreement.confirm");
    channelPost(c -> text(c).contains("actief"));

    assertThat(theCase().status()).isEqualTo(CaseStatus.ACTIVE);
    eventually(() -> assertThat(kring().outbox.pending()).isZero());
    // Agreed: the version's post, the one post for it, offers no confirmation any more.
    String version = FakeSlack.message(CHANNEL, counted.param("ts"));
    assertThat(kring().slack.showing().get(version).buttons("agreement.confirm")).isEmpty();
    assertThat(kring().slack.posts(c -> text(c).contains("stelde versie 2"))).hasSize(1);
    ShownButtons.assertEachAccepted(
        kring(),
        List.of("UANNA", "UBERT", "UCARO"),
        (user, message, button) -> ShownButtons.press(kring(), user, message, button));
  }

  @Test
  void aGoalThatIsTooLongIsShownAgainInTheModalWithItsError() {
    command("UANNA", "anna", "start");
    channelPost(c -> text(c).contains("K-"));
    JsonNode goal = commandAndOpen("UANNA", "anna", "goal");

    HttpResponse<String> answer = submit("UANNA", "anna", goal, Map.of("goal", "x".repeat(5000)));

    JsonNode body = SlackPayloads.JSON.readTree(answer.body());
    assertThat(body.path("response_action").asString()).isEqualTo("errors");
    assertThat(body.path("errors").path("goal").asString()).contains("1.000");
    assertThat(theCase().agreements().versions()).isEmpty();
  }

  @Test
  void aSubmissionCannotPoseAsAHiddenValue() {
    command("UANNA", "anna", "start");
    channelPost(c -> text(c).contains("K-"));
    JsonNode goal = commandAndOpen("UANNA", "anna", "goal");
    ModalMetadata metadata =
        ModalMetadata.read(goal.path("private_metadata").asString()).orElseThrow();
    String hiddenName = metadata.hidden().keySet().iterator().next();
    com.slack.api.model.view.ViewState state = new com.slack.api.model.view.ViewState();
    com.slack.api.model.view.ViewState.Value forged =
        new com.slack.api.model.view.ViewState.Value();
    forged.setValue("K-FORGED");
    state.setValues(Map.of(hiddenName, Map.of(ModalMetadata.VALUE, forged)));

    assertThat(metadata.values(state)).containsEntry(hiddenName, metadata.hidden().get(hiddenName));
  }

  @Test
  void kringAddedToAChannelIntroducesItselfAndANewcomerHearsPrivately() {
    send(SlackPayloads.memberJoined(TEAM, "Ev0ADDED1", CHANNEL, FakeSlack.BOT_USER, "UANNA"));
    channelPost(c -> true);
    command("UANNA", "anna", "start");
    channelPost(c -> text(c).contains("K-"));

    send(SlackPayloads.memberJoined(TEAM, "Ev0JOINED1", CHANNEL, "UCARO", "UANNA"));

    kring().slack.await("conversations.open", c -> c.param("users").equals("UCARO"), SOON);
    FakeSlack.Call dm =
        kring().slack.await("chat.postMessage", c -> c.param("channel").startsWith("D"), SOON);
    assertThat(text(dm)).doesNotContain("anna");
  }

  @Test
  void aMentionIsACommand() {
    send(SlackPayloads.mention(TEAM, "Ev0MENTION1", CHANNEL, "UANNA", "start AB"));

    channelPost(c -> text(c).contains("K-"));
    assertThat(theCase().initials().value()).isEqualTo("AB");
  }

  @Test
  void aMentionThatAsksForAFormGetsAPrivateButtonThatOpensIt() {
    send(SlackPayloads.mention(TEAM, "Ev0MENTION2", CHANNEL, "UANNA", "start"));
    channelPost(c -> text(c).contains("K-"));

    send(SlackPayloads.mention(TEAM, "Ev0MENTION3", CHANNEL, "UANNA", "doel"));

    FakeSlack.Call offer =
        kring()
            .slack
            .await(
                "chat.postEphemeral",
                c -> c.param("user").equals("UANNA") && hasButton(c, "form.open"),
                SOON);
    // The button names its case, so it opens the form wherever it is pressed.
    assertThat(button(offer, "form.open").path("value").asString())
        .isEqualTo("agreement.goal " + theCase().code().value());
  }

  @Test
  void anAppHomeShowsThePersonsOwnOverview() {
    tools.jackson.databind.node.ObjectNode event = SlackPayloads.JSON.createObjectNode();
    event.put("type", "app_home_opened");
    event.put("user", "UANNA");
    event.put("channel", "D0HOME");
    event.put("tab", "home");
    event.put("event_ts", "1700000000.000500");
    send(SlackPayloads.event(TEAM, "Ev0HOME1", event));

    FakeSlack.Call home = kring().slack.await("views.publish", c -> true, SOON);
    assertThat(home.param("user_id")).isEqualTo("UANNA");
    assertThat(SlackPayloads.JSON.readTree(home.param("view")).path("type").asString())
        .isEqualTo("home");
  }

  static Case theCase() {
    return kring()
        .cases
        .findByChannel(new ChannelRef(Platform.SLACK, TEAM, CHANNEL))
        .orElseThrow(() -> new AssertionError("no case in the channel"));
  }

  static void command(String user, String name, String text) {
    Instant before = Instant.now();
    HttpResponse<String> response =
        kring().send(SlackPayloads.command(TEAM, CHANNEL, user, name, text), SlackPayloads.FORM);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(3));
  }

  static void send(String json) {
    assertThat(kring().send(json, SlackPayloads.JSON_TYPE).statusCode()).isEqualTo(200);
  }

  static JsonNode commandAndOpen(String user, String name, String text) {
    int before = kring().slack.calls("views.open").size();
    command(user, name, text);
    return opened(before);
  }

  static JsonNode pressAndOpen(String user, String name, FakeSlack.Call message, String action) {
    int before = kring().slack.calls("views.open").size();
    press(user, name, message, action);
    return opened(before);
  }

  static JsonNode opened(int before) {
    return kring().opened(before, SOON);
  }

  static void press(String user, String name, FakeSlack.Call message, String action) {
    JsonNode button = button(message, action);
    HttpResponse<String> response =
        kring().send(SlackPayloads.press(TEAM, CHANNEL, user, name, button), SlackPayloads.FORM);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  static HttpResponse<String> submit(
      String user, String name, JsonNode view, Map<String, String> answers) {
    return kring().submit(TEAM, user, name, view, answers);
  }

  static FakeSlack.Call channelPost(java.util.function.Predicate<FakeSlack.Call> which) {
    return kring()
        .slack
        .await("chat.postMessage", c -> c.param("channel").equals(CHANNEL) && which.test(c), SOON);
  }

  static FakeSlack.Call channelUpdate(java.util.function.Predicate<FakeSlack.Call> which) {
    return kring()
        .slack
        .await("chat.update", c -> c.param("channel").equals(CHANNEL) && which.test(c), SOON);
  }

  static boolean hasButton(FakeSlack.Call call, String action) {
    return findButton(call, action) != null;
  }

  static JsonNode button(FakeSlack.Call call, String action) {
    JsonNode found = findButton(call, action);
    if (found == null) {
      throw new AssertionError("No button " + action + " in " + call.param("blocks"));
    }
    return found;
  }

  private static JsonNode findButton(FakeSlack.Call call, String action) {
    return call.buttons(action).stream().findFirst().orElse(null);
  }

  /** Every word a message shows: its blocks and its fallback text. */
  static String text(FakeSlack.Call call) {
    return call.words();
  }

  static void eventually(Runnable check) {
    Eventually.eventually(SOON, check);
  }
}
