package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kring keeps under Slack's tier of each Web API method, per workspace, over real HTTP to a fake
 * Slack: a call past the minute's quota does not reach Slack and says how long to wait.
 */
class SlackRateLimitsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String OTHER_TOKEN = "xoxb-3333-4444-otherworkspace";

  FakeSlack api;
  AtomicLong nanos = new AtomicLong(1_000_000_000L);
  Slack slack;

  @BeforeEach
  void setUp() throws Exception {
    api = FakeSlack.start();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(api.methodsUrl());
    slack = SlackRateLimits.slack(config, new SlackRateLimits(Clock.systemUTC(), nanos::get));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private void ephemeral(String token) throws Exception {
    slack.methods(token).chatPostEphemeral(r -> r.channel("C0RATE").user("UANNA").text("Hi"));
  }

  @Test
  void aWorkspaceMakesNoMoreCallsOfAMethodAMinuteThanItsTierAllows() throws Exception {
    for (int i = 0; i < SlackRateLimits.TIER_4; i++) {
      ephemeral(SlackHarness.TOKEN);
    }
    nanos.addAndGet(Duration.ofSeconds(20).toNanos());

    assertThatThrownBy(() -> ephemeral(SlackHarness.TOKEN))
        .isInstanceOfSatisfying(
            SlackApiException.class,
            e -> {
              assertThat(e.getResponse().code()).isEqualTo(429);
              assertThat(e.getResponse().header("Retry-After")).isEqualTo("40");
              assertThat(e.getResponse().header(SlackRateLimits.HELD)).isEqualTo("tier");
            });
    assertThat(api.calls("chat.postEphemeral")).hasSize(SlackRateLimits.TIER_4);

    // Another workspace has a quota of its own.
    ephemeral(OTHER_TOKEN);
    assertThat(api.calls("chat.postEphemeral")).hasSize(SlackRateLimits.TIER_4 + 1);

    nanos.addAndGet(Duration.ofSeconds(40).toNanos());
    ephemeral(SlackHarness.TOKEN);
    assertThat(api.calls("chat.postEphemeral")).hasSize(SlackRateLimits.TIER_4 + 2);
  }

  @Test
  void eachMethodHasItsTierAndOneSlackNamesNoneForGetsTheCommonTier() throws Exception {
    for (int i = 0; i < SlackRateLimits.TIER_3; i++) {
      slack.methods(SlackHarness.TOKEN).chatDelete(r -> r.channel("C0RATE").ts("1.000001"));
    }
    assertThatThrownBy(
            () -> slack.methods(SlackHarness.TOKEN).chatDelete(r -> r.channel("C0RATE").ts("1.2")))
        .isInstanceOf(SlackApiException.class);
    assertThat(api.calls("chat.delete")).hasSize(SlackRateLimits.TIER_3);

    for (int i = 0; i < SlackRateLimits.DEFAULT_TIER; i++) {
      slack.methods(SlackHarness.TOKEN).teamInfo(r -> r);
    }
    assertThatThrownBy(() -> slack.methods(SlackHarness.TOKEN).teamInfo(r -> r))
        .isInstanceOf(SlackApiException.class);
    assertThat(api.calls("team.info")).hasSize(SlackRateLimits.DEFAULT_TIER);
  }

  @Test
  void channelPostsAreLeftToTheOutboxsPacePerChannel() throws Exception {
    for (int i = 0; i < SlackRateLimits.TIER_4 + 20; i++) {
      String channel = "C0RATE" + i;
      slack.methods(SlackHarness.TOKEN).chatPostMessage(r -> r.channel(channel).text("Hi"));
    }
    assertThat(api.calls("chat.postMessage")).hasSize(SlackRateLimits.TIER_4 + 20);
  }

  @Test
  void anAnswerHeldBackWaitsForTheOutboxWithoutCountingAFailedAttempt() throws Exception {
    for (int i = 0; i < SlackRateLimits.TIER_4; i++) {
      ephemeral(SlackHarness.TOKEN);
    }
    SlackMessenger messenger =
        new SlackMessenger(
            slack,
            new SingleWorkspace(
                SlackHarness.TOKEN, new RedisSlackWorkspaces(redis.client(), redis.keys())));
    OutboundMessage answer =
        new OutboundMessage(
            "m-held",
            Recipient.privately(
                new ChannelRef(Platform.SLACK, "T9", "C0RATE"),
                new UserRef(Platform.SLACK, "T9", "UANNA")),
            Reply.text("Your cases"),
            MessageKind.ANSWER,
            null,
            Instant.now());

    Delivery result = messenger.deliver(answer);

    assertThat(result)
        .isInstanceOfSatisfying(
            Delivery.Waits.class, w -> assertThat(w.after()).isEqualTo(Duration.ofSeconds(60)));
    assertThat(api.calls("chat.postEphemeral")).hasSize(SlackRateLimits.TIER_4);
  }
}
