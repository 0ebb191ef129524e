package kring.slack;

import static kring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retractor;
import kring.core.reply.Reply;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A case erased on Slack takes Kring's own messages and chart files with it: through the real
 * relay, erasure and deletion worker, against the fake Web API over HTTP.
 */
class SlackRetractionTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();
  @RegisterExtension static final SlackRunning running = new SlackRunning(redis);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0KRING07";
  static final CaseCode CODE = new CaseCode("K-4RTX");
  static final Duration SOON = Duration.ofSeconds(10);

  final MovableClock clock = new MovableClock(Instant.now(), ZoneId.of("Europe/Brussels"));

  @Test
  void anErasedCaseHasKringDeleteExactlyItsOwnMessagesAndChartsInTheChannelAndPrivately() {
    ChannelRef channel = Samples.slackChannel(CHANNEL);
    Case active =
        Samples.activeCase(
            CODE,
            channel,
            List.of(Samples.slackUser("UANNA"), Samples.slackUser("UBERT")),
            CollaborationLevel.COORDINATION,
            Instant.now());
    kring().cases.create(active);
    // A partner leaves: the channel is told, and they are thanked in a direct message.
    event(SlackPayloads.memberLeft(TEAM, "Ev0RETRACT01", CHANNEL, "UBERT"));
    // A reflection summary with its trend chart, uploaded as a file after the message.
    kring()
        .outbox
        .enqueue(
            new OutboundMessage(
                "summary-" + CODE.value(),
                Recipient.channel(channel),
                Reply.builder().heading("Reflection round 2").chart(Samples.trendChart()).build(),
                MessageKind.ANNOUNCEMENT,
                CODE,
                Instant.now()));
    // An answer for one person only, which Slack keeps for nobody.
    command("UANNA", "wie");
    slack().await("chat.postEphemeral", c -> c.param("user").equals("UANNA"), SOON);
    slack().await("files.completeUploadExternal", c -> true, SOON);
    slack().await("chat.postMessage", c -> c.param("channel").equals(FakeSlack.im("UBERT")), SOON);
    eventually(SOON, () -> assertThat(kring().outbox.pending()).isZero());
    Set<String> messages = slack().messages();
    Set<String> files = slack().files();
    assertThat(messages)
        .anyMatch(m -> m.startsWith(CHANNEL + "/"))
        .anyMatch(m -> m.startsWith(FakeSlack.im("UBERT") + "/"));
    assertThat(files).hasSize(1);

    kring().erasure.erase(CODE);
    String byHand = messages.iterator().next();
    slack().deleteByHand(byHand);
    slack().rateLimitNext("chat.delete", 1);
    Retractor retractor = retractor();
    retractor.retractDue();

    assertThat(slack().calls("chat.delete")).as("the platform slowed down: one try").hasSize(1);
    // Slack's rest is real time, for every caller of the method.
    eventually(SOON, () -> assertThat(kring().rateLimits.resting("chat.delete")).isEmpty());
    clock.advance(Duration.ofMinutes(1));
    retractor.retractDue();

    assertThat(slack().messages()).isEmpty();
    assertThat(slack().files()).isEmpty();
    Set<String> deleted = new HashSet<>();
    slack()
        .calls("chat.delete")
        .forEach(c -> deleted.add(FakeSlack.message(c.param("channel"), c.param("ts"))));
    assertThat(deleted).isEqualTo(messages);
    assertThat(slack().calls("chat.delete"))
        .as("each once, and the rate-limited one again")
        .hasSize(messages.size() + 1)
        .allMatch(c -> c.authorization().equals("Bearer " + SlackHarness.TOKEN));
    assertThat(slack().calls("files.delete"))
        .extracting(c -> c.param("file"))
        .containsExactlyElementsOf(files);
    assertThat(kring().retractions.waiting())
        .as("the one deleted by hand counts as deleted")
        .isZero();
    assertThat(retractor.retractDue()).isZero();
  }

  Retractor retractor() {
    return new Retractor(
        kring().retractions, List.of(kring().messenger), clock, new SplittableRandom(3), () -> {});
  }

  static SlackHarness kring() {
    return running.get();
  }

  static FakeSlack slack() {
    return kring().slack;
  }

  static void event(String body) {
    assertThat(kring().send(body, SlackPayloads.JSON_TYPE).statusCode()).isEqualTo(200);
  }

  static void command(String user, String text) {
    HttpResponse<String> response =
        kring()
            .send(
                SlackPayloads.command(TEAM, CHANNEL, user, user.toLowerCase(), text),
                SlackPayloads.FORM);
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
