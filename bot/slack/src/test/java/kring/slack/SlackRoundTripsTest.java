package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Before Slack gets its acknowledgement of a command, a button or an event, Kring does not go to
 * Redis: the work after the acknowledgement, on other threads, decides whether the request is a
 * replay and, for an event, whether Slack delivered it before, and drops it if so; for a command, a
 * button or a mention, in the round trip of its turn's read.
 */
class SlackRoundTripsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0TRIPS";

  private static RequestThreadRedis counted;
  private static SlackHarness kring;

  @BeforeAll
  static void start() throws Exception {
    counted = RequestThreadRedis.of(redis.url());
    kring =
        new SlackHarness(counted, redis.keys(), Clock.system(ZoneId.of("Europe/Brussels")), false);
  }

  @AfterAll
  static void stop() throws Exception {
    kring.close();
    counted.close();
  }

  @Test
  void aCommandIsAcknowledgedWithoutGoingToRedis() {
    assertNoRoundTripBefore(
        SlackPayloads.command(TEAM, CHANNEL, "UANNA", "anna", "start"), SlackPayloads.FORM);
  }

  @Test
  void aButtonPressIsAcknowledgedWithoutGoingToRedis() {
    assertNoRoundTripBefore(
        SlackPayloads.blockAction(TEAM, CHANNEL, "UANNA", "anna", "kring.help", ""),
        SlackPayloads.FORM);
  }

  @Test
  void aMentionIsAcknowledgedWithoutGoingToRedis() {
    assertNoRoundTripBefore(
        SlackPayloads.mention(TEAM, "Ev0TRIPS01", CHANNEL, "UANNA", "hulp"),
        SlackPayloads.JSON_TYPE);
  }

  @Test
  void aReplayAndSlacksNextTryOfAnEventAreAcknowledgedAndDroppedByOneRoundTripAfter() {
    String mention = SlackPayloads.mention(TEAM, "Ev0TRIPS02", CHANNEL, "UBERT", "hulp");
    long now = SlackHarness.now();
    assertThat(kring.send(mention, SlackPayloads.JSON_TYPE, now, Map.of()).statusCode())
        .isEqualTo(200);
    kring.awaitQuiet(() -> {});
    int posts = kring.slack.calls().size();
    counted.takeCount();
    counted.takeWorkCount();

    HttpResponse<String> replay = kring.send(mention, SlackPayloads.JSON_TYPE, now, Map.of());
    int replayTrips = counted.takeCount();
    kring.awaitListeners();
    int replayWork = counted.takeWorkCount();
    HttpResponse<String> retry =
        kring.send(mention, SlackPayloads.JSON_TYPE, now + 1, Map.of("X-Slack-Retry-Num", "1"));
    int retryTrips = counted.takeCount();
    kring.awaitListeners();
    int retryWork = counted.takeWorkCount();
    kring.awaitQuiet(() -> {});

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(replayTrips).as("round trips before the replay's acknowledgement").isZero();
    assertThat(retryTrips).as("round trips before the retry's acknowledgement").isZero();
    assertThat(replayWork).as("round trips of the replay's work, which drops it").isEqualTo(1);
    assertThat(retryWork).as("round trips of the retry's work, which drops it").isEqualTo(1);
    assertThat(kring.slack.calls()).as("neither was handled again").hasSize(posts);
  }

  @Test
  void whetherSlackSentACommandOrAMentionBeforeIsDecidedWithTheTurnsReadInTheSameRoundTrip() {
    for (String[] request :
        new String[][] {
          {
            "command",
            SlackPayloads.command(TEAM, "C0TRIPS2", "UCARO", "caro", "hulp"),
            SlackPayloads.FORM
          },
          {
            "mention",
            SlackPayloads.mention(TEAM, "Ev0TRIPS03", "C0TRIPS2", "UCARO", "hulp"),
            SlackPayloads.JSON_TYPE
          }
        }) {
      // What an earlier request left in the outbox is posted first, so it is not counted here.
      kring.awaitQuiet(() -> {});
      counted.takeWorkCount();
      int posts = kring.slack.calls().size();

      assertThat(kring.send(request[1], request[2]).statusCode()).isEqualTo(200);
      kring.awaitListeners();

      // The help in a channel without a case: the turn's read (with the decision on the request),
      // then its answer into the outbox. Nothing before the read.
      assertThat(counted.takeWorkCount())
          .as("round trips of the %s's work", request[0])
          .isEqualTo(2);
      kring.awaitQuiet(() -> {});
      assertThat(kring.slack.calls()).as("the %s's help was posted", request[0]).hasSize(posts + 1);
    }
  }

  @Test
  void inAWorkspaceThatInstalledKringAPersonsRequestDoesNotGoToRedisAfterTheFirst()
      throws Exception {
    try (SlackHarness installed =
        new SlackHarness(counted, redis.keys(), Clock.system(ZoneId.of("Europe/Brussels")), true)) {
      // The workspace's first request also reads its installation, which is then remembered.
      installed.send(
          SlackPayloads.command(TEAM, CHANNEL, "UANNA", "anna", "hulp"), SlackPayloads.FORM);
      installed.awaitListeners();
      assertNoRoundTripBefore(
          installed,
          SlackPayloads.command(TEAM, CHANNEL, "UBERT", "bert", "start"),
          SlackPayloads.FORM);
      assertNoRoundTripBefore(
          installed,
          SlackPayloads.blockAction(TEAM, CHANNEL, "UANNA", "anna", "kring.help", ""),
          SlackPayloads.FORM);
    }
  }

  private static void assertNoRoundTripBefore(String body, String contentType) {
    assertNoRoundTripBefore(kring, body, contentType);
  }

  private static void assertNoRoundTripBefore(SlackHarness app, String body, String contentType) {
    app.awaitListeners();
    counted.takeCount();
    counted.takeWorkCount();

    HttpResponse<String> response = app.send(body, contentType);
    int trips = counted.takeCount();
    app.awaitListeners();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(trips).as("round trips to Redis before the acknowledgement").isZero();
    assertThat(counted.takeCount())
        .as("the work after the acknowledgement does not run on the request thread")
        .isZero();
    assertThat(counted.takeWorkCount())
        .as("the work after the acknowledgement, which decides first whether Slack sent it before")
        .isPositive();
  }
}
