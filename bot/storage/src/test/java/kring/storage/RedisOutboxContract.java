package kring.storage;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;

/** The outbox contract for {@link RedisOutbox}, looking at the keys themselves. */
abstract class RedisOutboxContract extends OutboxContract {

  abstract TestRedis redis();

  @Override
  Outbox newOutbox() {
    return new RedisOutbox(redis().client(), redis().keys());
  }

  @Override
  boolean stores(String id) {
    return redis().client().exists(redis().keys().outboxMessage(id));
  }

  @Override
  void assertNothingStoredContains(String text) {
    assertThat(redis().storedText()).doesNotContain(text);
  }

  static final Map<Platform, Duration> ANSWERS_UNPACED = Map.of(Platform.SLACK, Duration.ZERO);

  @Test
  void takesTheAnswersToAPersonBeforeChannelPostsDueEarlier() {
    for (int i = 0; i < 3; i++) {
      outbox.enqueue(message("post" + i, MessageKind.ANNOUNCEMENT, slackChannel("C" + i), T0));
    }
    outbox.enqueue(privately("nudge", MessageKind.REMINDER, T0.plusMillis(1)));
    outbox.enqueue(privately("answer1", MessageKind.ANSWER, T0.plusSeconds(1)));
    outbox.enqueue(privately("answer2", MessageKind.ANSWER, T0.plusSeconds(1).plusMillis(1)));

    Instant now = T0.plusSeconds(2);
    assertThat(ids(outbox.claim(now, 3, LEASE, SLACK_PACE, ANSWERS_UNPACED)))
        .containsExactly("answer1", "answer2", "post0");
    assertThat(ids(outbox.claim(now, 10, LEASE, SLACK_PACE, ANSWERS_UNPACED)))
        .containsExactly("post1", "post2", "nudge");
  }

  @Test
  void anAnswerTriedAgainKeepsItsPlaceAheadAndLeavesTheLaneWhenDelivered() {
    outbox.enqueue(message("post", MessageKind.ANNOUNCEMENT, slackChannel("C1"), T0));
    outbox.enqueue(
        message("later", MessageKind.ANNOUNCEMENT, slackChannel("C2"), T0.plusMillis(1)));
    outbox.enqueue(privately("answer", MessageKind.ANSWER, T0.plusSeconds(1)));
    assertThat(ids(outbox.claim(T0.plusSeconds(1), 1, LEASE, SLACK_PACE, ANSWERS_UNPACED)))
        .containsExactly("answer");

    outbox.retry("answer", T0.plusSeconds(5), "ratelimited");
    assertThat(ids(outbox.claim(T0.plusSeconds(2), 1, LEASE, SLACK_PACE, ANSWERS_UNPACED)))
        .containsExactly("post");
    assertThat(ids(outbox.claim(T0.plusSeconds(5), 1, LEASE, SLACK_PACE, ANSWERS_UNPACED)))
        .containsExactly("answer");

    outbox.delivered("answer");
    assertThat(redis().client().zcard(redis().keys().outboxFirst())).isZero();
  }

  private static OutboundMessage privately(String id, MessageKind kind, Instant at) {
    return new OutboundMessage(
        id,
        Recipient.privately(slackChannel("C1"), slackUser("U7")),
        Reply.text("Only for you"),
        kind,
        null,
        at);
  }

  private static List<String> ids(List<Claimed> claimed) {
    return claimed.stream().map(c -> c.message().id()).toList();
  }
}
