package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackBadInputTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0KRING02";
  @RegisterExtension static final SlackRunning running = new SlackRunning(redis);

  static final String JSON = SlackPayloads.JSON_TYPE;

  static SlackHarness kring() {
    return running.get();
  }

  static String startCommand() {
    return SlackPayloads.command(TEAM, CHANNEL, "UANNA", "anna", "start");
  }

  @Test
  void aBadSignatureIsRefusedAndChangesNothing() {
    byte[] body = startCommand().getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(SlackHarness.now());
    String wrong =
        new SlackSignatures("another-secret-entirely", java.time.Clock.systemUTC()).sign(ts, body);

    HttpResponse<String> response = kring().sendRaw(body, SlackPayloads.FORM, ts, wrong, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingHappened();
  }

  @Test
  void aMissingSignatureIsRefused() {
    HttpResponse<String> response =
        kring()
            .sendRaw(
                startCommand().getBytes(StandardCharsets.UTF_8),
                SlackPayloads.FORM,
                "not-a-time",
                "v0=00",
                Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingHappened();
  }

  @Test
  void aStaleTimestampIsRefused() {
    HttpResponse<String> response =
        kring().send(startCommand(), SlackPayloads.FORM, SlackHarness.now() - 6 * 60, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingHappened();
  }

  @Test
  void aTimestampFromTheFutureIsRefusedThoughBoltWouldAcceptIt() {
    HttpResponse<String> response =
        kring().send(startCommand(), SlackPayloads.FORM, SlackHarness.now() + 6 * 60, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingHappened();
  }

  @Test
  void aReplayedRequestHasOneEffect() {
    byte[] body = startCommand().getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(SlackHarness.now());
    String signature = kring().signatures.sign(ts, body);

    HttpResponse<String> first = kring().sendRaw(body, SlackPayloads.FORM, ts, signature, Map.of());
    HttpResponse<String> replay =
        kring().sendRaw(body, SlackPayloads.FORM, ts, signature, Map.of());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(200);
    // Both requests were answered: whatever either set going is done once Kring is quiet.
    kring().awaitQuiet(() -> {});
    assertThat(kring().slack.posts(c -> true)).hasSize(1);
  }

  @Test
  void anEventRetriedBySlackHasOneEffect() {
    String mention = SlackPayloads.mention(TEAM, "Ev0RETRY01", CHANNEL, "UANNA", "start");

    HttpResponse<String> first = kring().send(mention, SlackPayloads.JSON_TYPE);
    HttpResponse<String> retry =
        kring()
            .send(
                mention,
                SlackPayloads.JSON_TYPE,
                SlackHarness.now() + 1,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    // Both requests were answered: whatever either set going is done once Kring is quiet.
    kring().awaitQuiet(() -> {});
    assertThat(kring().slack.posts(c -> true)).hasSize(1);
  }

  @Test
  void anEventSlackSendsAgainAfterItsNodeDiedChangesNothingWhereItWasStored() {
    kring().send(SlackPayloads.mention(TEAM, "Ev0NODE01", CHANNEL, "UANNA", "start"), JSON);
    kring().awaitQuiet(() -> {});
    String represent =
        SlackPayloads.mention(TEAM, "Ev0NODE02", CHANNEL, "UANNA", "represent mother");
    kring().send(represent, JSON);
    kring().awaitQuiet(() -> {});
    Case stored =
        kring().cases.findByChannel(new ChannelRef(Platform.SLACK, TEAM, CHANNEL)).orElseThrow();
    int calls = kring().slack.calls().size();

    // The node that took it died before it could remember that, its hold ran out, and Slack, which
    // got no answer, sends the event again.
    redis.storedKeys().stream()
        .filter(key -> key.contains("slack-event"))
        .forEach(key -> redis.client().del(key));
    HttpResponse<String> retry =
        kring()
            .send(
                represent,
                JSON,
                SlackHarness.now() + 1,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
    kring().awaitQuiet(() -> {});

    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(kring().cases.findByChannel(new ChannelRef(Platform.SLACK, TEAM, CHANNEL)))
        .contains(stored);
    assertThat(kring().slack.calls()).hasSize(calls);
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertThat(kring().send("{\"type\":\"event_callback\",", SlackPayloads.JSON_TYPE).statusCode())
        .isEqualTo(400);
    assertThat(kring().send("payload=%7B%22type%22%3A", SlackPayloads.FORM).statusCode())
        .isEqualTo(400);
    assertThat(kring().send("[1,2,3]", SlackPayloads.JSON_TYPE).statusCode()).isEqualTo(400);
    assertNothingHappened();
  }

  @Test
  void anOversizedBodyIsRefusedBeforeAnythingElse() {
    String huge = "text=" + "x".repeat(SlackEndpoint.MAX_BODY_BYTES + 10);

    assertThat(kring().send(huge, SlackPayloads.FORM).statusCode()).isEqualTo(413);
    assertNothingHappened();
  }

  @Test
  void urlVerificationEchoesTheChallenge() {
    HttpResponse<String> response =
        kring()
            .send(
                SlackPayloads.urlVerification(
                    "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
                SlackPayloads.JSON_TYPE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void everySubscribedEventIsAcknowledged() {
    for (String type :
        List.of(
            "member_left_channel",
            "channel_archive",
            "channel_deleted",
            "app_uninstalled",
            "tokens_revoked",
            "app_home_opened")) {
      tools.jackson.databind.node.ObjectNode event = SlackPayloads.JSON.createObjectNode();
      event.put("type", type);
      event.put("user", "UNOBODY");
      event.put("channel", "C0GONE");
      event.put("tab", "messages");
      event.put("event_ts", "1700000000.000900");
      if (type.equals("tokens_revoked")) {
        event.putObject("tokens").putArray("bot").add("UKRING");
      }
      HttpResponse<String> response =
          kring()
              .send(
                  SlackPayloads.event("T0OTHER", "Ev0ACK" + type, event), SlackPayloads.JSON_TYPE);
      assertThat(response.statusCode()).as(type).isEqualTo(200);
    }
  }

  @Test
  void aRateLimitFromSlackIsWaitedOutAndNothingIsLost() {
    kring()
        .slack
        .failNext(
            "chat.postMessage",
            429,
            "{\"ok\":false,\"error\":\"ratelimited\"}",
            Map.of("Retry-After", "1"));

    kring().send(startCommand(), SlackPayloads.FORM);

    FakeSlack.Call delivered =
        kring()
            .slack
            .await(
                "chat.postMessage",
                c -> c.at().isAfter(kring().slack.calls("chat.postMessage").get(0).at()),
                Duration.ofSeconds(10));
    List<FakeSlack.Call> posts = kring().slack.calls("chat.postMessage");
    assertThat(posts).hasSize(2);
    assertThat(Duration.between(posts.get(0).at(), delivered.at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    // The relay marks the message done just after Slack answered it.
    SlackEndToEndTest.eventually(() -> assertThat(kring().outbox.pending()).isZero());
    assertThat(kring().outbox.deadLetters(10)).isEmpty();
  }

  @Test
  void aRateLimitRestsTheMethodForEveryCallerNotOnlyTheRefusedMessage() {
    kring().slack.rateLimitNext("chat.postMessage", 2);

    kring().send(startCommand(), SlackPayloads.FORM);
    FakeSlack.Call refused =
        kring().slack.await("chat.postMessage", c -> true, Duration.ofSeconds(5));
    kring()
        .send(
            SlackPayloads.command(TEAM, "C0KRING03", "UBERT", "bert", "start"), SlackPayloads.FORM);

    kring()
        .slack
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals("C0KRING03"),
            Duration.ofSeconds(10));
    kring()
        .slack
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals(CHANNEL) && c != refused,
            Duration.ofSeconds(10));
    // Slack saw no call of the method while it rested, from either channel.
    List<FakeSlack.Call> posts = kring().slack.calls("chat.postMessage");
    assertThat(posts.subList(1, posts.size()))
        .allSatisfy(
            c ->
                assertThat(Duration.between(refused.at(), c.at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    SlackEndToEndTest.eventually(() -> assertThat(kring().outbox.pending()).isZero());
    assertThat(kring().outbox.deadLetters(10)).isEmpty();
  }

  @Test
  void aModalSlackWillNotOpenForNowIsOfferedBehindAButtonToPressAgain() {
    kring().send(startCommand(), SlackPayloads.FORM);
    FakeSlack.Call welcome =
        kring()
            .slack
            .await("chat.postMessage", c -> c.words().contains("K-"), Duration.ofSeconds(5));
    kring().slack.rateLimitNext("views.open", 3);

    kring()
        .send(
            SlackPayloads.press(
                TEAM, CHANNEL, "UANNA", "anna", SlackEndToEndTest.button(welcome, "form.open")),
            SlackPayloads.FORM);

    FakeSlack.Call offer =
        kring()
            .slack
            .await(
                "chat.postEphemeral",
                c -> c.param("user").equals("UANNA") && !c.buttons("form.open").isEmpty(),
                Duration.ofSeconds(10));
    assertThat(offer.param("channel")).isEqualTo(CHANNEL);
  }

  @Test
  void anEventABotCausedWithoutAUserAsksSlackNothingAboutThatBot() {
    var event =
        SlackPayloads.eventOf(
            "group_archive",
            "channel",
            "G0PRIVATE",
            "bot_id",
            "B0OTHERBOT",
            "event_ts",
            "1700000000.000700");

    HttpResponse<String> response =
        kring().send(SlackPayloads.event(TEAM, "Ev0BOTONLY1", event), SlackPayloads.JSON_TYPE);
    kring().awaitListeners();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(kring().slack.calls("bots.info")).isEmpty();
  }

  /**
   * Kring has finished everything the refused requests could have set going (the listeners' work is
   * handed over before Slack gets its answer, and what it sends goes through the outbox), and none
   * of it reached Slack or a case.
   */
  void assertNothingHappened() {
    kring().awaitQuiet(() -> {});
    assertThat(kring().slack.calls())
        .extracting(FakeSlack.Call::method)
        .doesNotContain("chat.postMessage", "chat.postEphemeral", "views.open");
    assertThat(kring().cases.findByChannel(new ChannelRef(Platform.SLACK, TEAM, CHANNEL)))
        .isEmpty();
  }
}
