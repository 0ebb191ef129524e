package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.testing.Eventually;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In Slack, the answers to a person's own actions go out before the queue of channel posts: a
 * person who types {@code /kring stand} fifteen times while a morning's reminders wait to go out
 * into many channels gets every answer first.
 */
class SlackAnswersFirstTest {

  private static final Logger LOG = LoggerFactory.getLogger(SlackAnswersFirstTest.class);

  @RegisterExtension static final TestRedis redis = TestRedis.machine();
  @RegisterExtension static final SlackRunning running = new SlackRunning(redis);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0KRINGAF";
  static final int COMMANDS = 15;
  static final int WAITING_POSTS = 80;

  @Test
  void aPersonsAnswersGoOutBeforeTheChannelPostsThatWereDueEarlier() {
    SlackHarness kring = running.get();
    List<OutboundMessage> busy = new ArrayList<>();
    Instant earlier = Instant.now().minusSeconds(5);
    for (int i = 0; i < WAITING_POSTS; i++) {
      ChannelRef channel = new ChannelRef(Platform.SLACK, TEAM, String.format("C0BUSY%03d", i));
      busy.add(
          new OutboundMessage(
              "busy-" + i,
              Recipient.channel(channel),
              Reply.text("Reminder " + i),
              MessageKind.ANNOUNCEMENT,
              null,
              earlier.plusMillis(i)));
    }
    kring.holdRelay();
    long pendingBefore = kring.outbox.pending();
    try {
      kring.outbox.enqueueAll(busy);
      for (int i = 0; i < COMMANDS; i++) {
        HttpResponse<String> response =
            kring.send(
                SlackPayloads.command(TEAM, CHANNEL, "UANNA", "anna", "stand"), SlackPayloads.FORM);
        assertThat(response.statusCode()).isEqualTo(200);
      }
      kring.awaitListeners();
      Eventually.eventually(
          Duration.ofSeconds(20),
          () ->
              assertThat(kring.outbox.pending())
                  .isEqualTo(pendingBefore + WAITING_POSTS + COMMANDS));
    } finally {
      kring.releaseRelay();
    }
    Instant released = Instant.now();
    // Only the relay's own runs deliver, one after the other, so the fake sees the order of claims.
    Eventually.eventually(
        Duration.ofSeconds(30), () -> assertThat(kring.outbox.pending()).isEqualTo(pendingBefore));

    List<FakeSlack.Call> posts = kring.slack.posts(c -> true);
    List<Integer> answers = new ArrayList<>();
    List<Integer> waiting = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      FakeSlack.Call post = posts.get(i);
      if (post.method().equals("chat.postEphemeral") && post.param("user").equals("UANNA")) {
        answers.add(i);
      } else if (post.param("channel").startsWith("C0BUSY")) {
        waiting.add(i);
      }
    }
    LOG.info(
        "The {}th answer reached Slack {} ms after the relay ran again, behind {} channel posts",
        COMMANDS,
        Duration.between(released, posts.get(answers.get(COMMANDS - 1)).at()).toMillis(),
        WAITING_POSTS);
    assertThat(answers).hasSize(COMMANDS);
    assertThat(waiting).hasSize(WAITING_POSTS);
    assertThat(answers.get(COMMANDS - 1))
        .as(
            "the last answer goes out before the first of the channel posts due earlier: %s",
            FakeSlack.methods(posts))
        .isLessThan(waiting.get(0));
  }
}
