package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.model.builtin.DefaultBot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Posted;
import kring.core.outbox.Retractor;
import kring.storage.RedisErasure;
import kring.storage.RedisRetractions;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Kring is to delete in a workspace that removed it waits for the workspace to install Kring
 * again, with Slack's Web API played by {@link FakeSlack} over HTTP and the queue in Redis.
 */
class SlackReinstallTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final String TEAM = "T7";
  private static final String CHANNEL = "C0ZORG";
  private static final CaseCode CODE = new CaseCode("K-9WQT");

  private FakeSlack slack;
  private final MovableClock clock = new MovableClock(Instant.now(), ZoneId.of("Europe/Brussels"));
  private final RedisRetractions retractions = new RedisRetractions(redis.client(), redis.keys());
  private final RedisInstallations installations =
      new RedisInstallations(new RedisSlackWorkspaces(redis.client(), redis.keys()), retractions);
  private SlackMessenger messenger;

  @BeforeEach
  void start() throws Exception {
    slack = FakeSlack.start();
    messenger =
        new SlackMessenger(
            SlackRateLimits.slack(slackConfig(), new SlackRateLimits(Clock.systemUTC())),
            installations);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void deletionsInAWorkspaceThatRemovedKringWaitAndGoOnWhenItInstallsKringAgain() throws Exception {
    installations.saveBot(bot("xoxb-7-7-first"));
    String ts = postedByKring("xoxb-7-7-first");
    retractions.posted(CODE, List.of(Posted.message(Platform.SLACK, TEAM, CHANNEL, ts)));
    installations.broken(TEAM, "app_uninstalled");
    new RedisErasure(redis.client(), redis.keys()).erase(CODE);

    retractor().retractDue();
    clock.advance(Duration.ofDays(2));
    retractor().retractDue();

    assertThat(slack.calls("chat.delete")).as("no token to ask with").isEmpty();
    assertThat(retractions.waiting()).as("kept, not given up").isEqualTo(1);

    installations.saveBot(bot("xoxb-7-7-second"));
    retractor().retractDue();

    assertThat(slack.calls("chat.delete"))
        .singleElement()
        .satisfies(c -> assertThat(c.authorization()).isEqualTo("Bearer xoxb-7-7-second"));
    assertThat(slack.messages()).isEmpty();
    assertThat(retractions.waiting()).isZero();
  }

  private Retractor retractor() {
    return new Retractor(retractions, List.of(messenger), clock, new SplittableRandom(7), () -> {});
  }

  /** A message Kring posted in the workspace while it was installed, as Slack keeps it. */
  private String postedByKring(String token) throws Exception {
    return Slack.getInstance(slackConfig())
        .methods(token)
        .chatPostMessage(r -> r.channel(CHANNEL).text("Welkom"))
        .getTs();
  }

  private SlackConfig slackConfig() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.methodsUrl());
    return config;
  }

  private static DefaultBot bot(String token) {
    DefaultBot bot = new DefaultBot();
    bot.setTeamId(TEAM);
    bot.setBotAccessToken(token);
    bot.setBotUserId("UKRING");
    bot.setInstalledAt(1_700_000_000_000L);
    return bot;
  }
}
