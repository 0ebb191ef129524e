package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.Command;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.reply.Form;
import kring.testing.EntryPoints;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every button, form and command of Kring, sent through Slack by people who may not use them on
 * case A: Oscar, who is in no case, and Eve, a partner of case B, in A's channel, in their direct
 * messages with Kring naming case A, and (for forms) with a modal's metadata made up to point at
 * case A. Slack signs every request; neither case changes, nothing appears in a channel, the person
 * gets at most a private answer, and Slack never gets a server error.
 */
class SlackAuthorizationTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final MovableClock CLOCK = new MovableClock(Instant.now(), ZoneId.of("Europe/Brussels"));

  @RegisterExtension static final SlackRunning running = new SlackRunning(redis, CLOCK);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL_A = "C0AUTHZA";
  static final String CHANNEL_B = "C0AUTHZB";
  static final CaseCode A = new CaseCode("K-AAAA");
  static final CaseCode B = new CaseCode("K-BBBB");
  static final String OSCAR = "UOSCAR";
  static final String EVE = "UEVE";
  static final String DAN = "UDAN";

  /** Who tries, and where: a channel, or their direct message with Kring. */
  record Attempt(String user, String channel) {
    boolean inDm() {
      return channel.equals(FakeSlack.im(user));
    }
  }

  static final List<Attempt> PLACES =
      List.of(
          new Attempt(OSCAR, CHANNEL_A),
          new Attempt(EVE, CHANNEL_A),
          new Attempt(OSCAR, FakeSlack.im(OSCAR)),
          new Attempt(EVE, FakeSlack.im(EVE)));

  Case storedA;
  Case storedB;

  static SlackHarness kring() {
    return running.get();
  }

  static UserRef user(String id) {
    return new UserRef(Platform.SLACK, TEAM, id);
  }

  static ChannelRef channel(String id) {
    return new ChannelRef(Platform.SLACK, TEAM, id);
  }

  @BeforeEach
  void twoCases() {
    Instant now = CLOCK.instant();
    kring()
        .cases
        .create(
            EntryPoints.busyCase(
                A, channel(CHANNEL_A), List.of(user("UANNA"), user("UBERT")), user(DAN), now));
    kring()
        .cases
        .create(
            Samples.activeCase(
                B,
                channel(CHANNEL_B),
                List.of(user("UCARL"), user(EVE)),
                CollaborationLevel.COORDINATION,
                now));
    storedA = kring().cases.find(A).orElseThrow();
    storedB = kring().cases.find(B).orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#actions")
  void aButtonOfCaseAPressedByPeopleOutsideItChangesNothing(String action) {
    List<String> values =
        EntryPoints.buttonValues(action, A, List.of(user(EVE), user("UANNA")), user(DAN));
    // Kring's action ids carry the button's position after a bar.
    String actionId = action + BlockKit.ACTION_SEPARATOR + "0";
    for (Attempt attempt : PLACES) {
      for (String value : values) {
        String body =
            attempt.inDm()
                ? SlackPayloads.blockActionInDm(TEAM, attempt.user(), "someone", actionId, value)
                : SlackPayloads.blockAction(
                    TEAM, attempt.channel(), attempt.user(), "someone", actionId, value);
        send(attempt, body, action + " " + value);
      }
    }
    assertNothingHappened(action);
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#forms")
  void aFormForCaseASentByPeopleOutsideItChangesNothing(String formId) {
    Form form = EntryPoints.form(formId, A);
    List<Attempt> attempts = new ArrayList<>(PLACES);
    // A modal's metadata made up to name case A while Eve sits in her own case's channel.
    attempts.add(new Attempt(EVE, CHANNEL_B));
    for (Attempt attempt : attempts) {
      if (EntryPoints.openToOutsiders(
          formId, attempt.channel().equals(CHANNEL_A), attempt.channel().startsWith("D"))) {
        continue;
      }
      JsonNode view = BlockKit.modal(form, ModalMetadata.of(attempt.channel(), form).write());
      HttpResponse<String> answer =
          send(
              attempt,
              SlackPayloads.viewSubmission(TEAM, attempt.user(), "someone", view, Map.of()),
              formId + " in " + attempt.channel());
      // The modal closes, or shows the form to ask to join; never a form of the case again.
      if (!answer.body().isEmpty()) {
        assertThat(SlackPayloads.JSON.readTree(answer.body()).at("/view/callback_id").asString())
            .as(formId + " by " + attempt + ": " + answer.body())
            .isEqualTo(EntryPoints.JOIN_FORM);
      }
    }
    assertNothingHappened(formId);
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#caseCommands")
  void aCommandOnCaseAFromPeopleOutsideItChangesNothing(Command command) {
    for (Attempt attempt : PLACES) {
      // In A's channel the command names another case; in a direct message, case A.
      CaseCode other = attempt.inDm() ? A : B;
      for (String args : EntryPoints.commandArguments(other)) {
        String text = command.englishWord() + " " + args;
        send(
            attempt,
            SlackPayloads.command(TEAM, attempt.channel(), attempt.user(), "someone", text),
            text);
      }
    }
    String mention = command.dutchWord() + " " + A.value();
    send(
        new Attempt(OSCAR, CHANNEL_A),
        SlackPayloads.mention(TEAM, "Ev" + command.name(), CHANNEL_A, OSCAR, mention),
        "mention " + mention);
    assertNothingHappened(command.name());
  }

  @Test
  void anUnsignedOrStaleRequestFromACoordinatorChangesNothing() {
    String pause =
        SlackPayloads.blockAction(
            TEAM,
            CHANNEL_A,
            "UANNA",
            "anna",
            "case.pause" + BlockKit.ACTION_SEPARATOR + "0",
            "K-AAAA");
    byte[] body = pause.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String ts = Long.toString(SlackHarness.now());
    String forged =
        new SlackSignatures("not-kring's-secret", java.time.Clock.systemUTC()).sign(ts, body);

    assertThat(kring().sendRaw(body, SlackPayloads.FORM, ts, forged, Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(kring().sendRaw(body, SlackPayloads.FORM, ts, "v0=", Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(
            kring()
                .send(pause, SlackPayloads.FORM, SlackHarness.now() - 6 * 60, Map.of())
                .statusCode())
        .isEqualTo(401);

    kring().awaitQuiet(() -> CLOCK.advance(Duration.ofMillis(1100)));
    assertThat(kring().cases.find(A)).contains(storedA);
    assertThat(kring().slack.calls()).isEmpty();
    // The same press, signed, does pause the case: the refusals above were the signature's.
    assertThat(kring().send(pause, SlackPayloads.FORM).statusCode()).isEqualTo(200);
    kring().awaitQuiet(() -> CLOCK.advance(Duration.ofMillis(1100)));
    assertThat(kring().cases.find(A).orElseThrow().revision()).isGreaterThan(storedA.revision());
  }

  HttpResponse<String> send(Attempt attempt, String body, String what) {
    HttpResponse<String> response =
        kring().send(body, body.startsWith("{") ? SlackPayloads.JSON_TYPE : SlackPayloads.FORM);
    assertThat(response.statusCode())
        .as(what + " by " + attempt + ": " + response.body())
        .isBetween(200, 499);
    return response;
  }

  void assertNothingHappened(String what) {
    kring().awaitQuiet(() -> CLOCK.advance(Duration.ofMillis(1100)));
    assertThat(kring().cases.find(A)).as(what + " changed case A").contains(storedA);
    assertThat(kring().cases.find(B)).as(what + " changed case B").contains(storedB);
    Set<String> actors = Set.of(OSCAR, EVE);
    Set<String> dms = Set.of(FakeSlack.im(OSCAR), FakeSlack.im(EVE));
    for (FakeSlack.Call call : kring().slack.calls()) {
      switch (call.method()) {
        case "chat.postEphemeral" ->
            assertThat(call.param("user")).as(what + ": " + call).isIn(actors);
        case "chat.postMessage" ->
            assertThat(call.param("channel")).as(what + " posted in a channel: " + call).isIn(dms);
        case "views.open" ->
            assertThat(
                    SlackPayloads.JSON.readTree(call.param("view")).path("callback_id").asString())
                .as(what + " opened a form of the case: " + call)
                .isEqualTo(EntryPoints.JOIN_FORM);
        case "auth.test" -> {}
        case "conversations.open" ->
            assertThat(call.param("users")).as(what + ": " + call).isIn(actors);
        default -> throw new AssertionError(what + " made Kring call Slack: " + call);
      }
    }
    assertThat(kring().slack.posts(c -> true))
        .as(what + ": the people who tried were answered")
        .isNotEmpty();
  }
}
