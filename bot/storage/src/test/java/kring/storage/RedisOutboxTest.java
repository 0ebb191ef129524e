package kring.storage;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Place;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link RedisOutbox} does with records it did not write itself. */
class RedisOutboxTest {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Map<Platform, Duration> NO_PACE = Map.of();

  private final RedisOutbox outbox = new RedisOutbox(redis.client(), redis.keys());

  @Test
  void keepsEachMessageWithItsSchemaInOneHash() {
    outbox.enqueue(message("m1", MessageKind.REMINDER, slackChannel("C1"), T0));

    assertThat(redis.client().hgetAll(redis.keys().outboxMessage("m1")))
        .containsEntry("schema", "1")
        .containsEntry("policy", "AT_MOST_ONCE")
        .containsEntry("conversation", "slack:T9:C1")
        .containsEntry("attempts", "0")
        .containsKey("body");
  }

  @Test
  void keepsThePlaceAMessageStandsForAndReadsItBack() {
    outbox.enqueue(
        message("m1", MessageKind.ANNOUNCEMENT, slackChannel("C1"), T0)
            .at(new Place("agreement:2", 7, Place.Mode.RETIRE)));

    assertThat(redis.client().hgetAll(redis.keys().outboxMessage("m1")))
        .containsEntry("schema", "2")
        .containsEntry("place", "agreement:2 7 RETIRE");
    assertThat(outbox.claim(T0, 10, LEASE, NO_PACE))
        .extracting(c -> c.message().place())
        .containsExactly(new Place("agreement:2", 7, Place.Mode.RETIRE));
  }

  @Test
  void leavesAMessageThatANewerKringWroteForANewerNode() {
    outbox.enqueue(message("m1", MessageKind.ANSWER, slackChannel("C1"), T0));
    redis
        .client()
        .hset(redis.keys().outboxMessage("m1"), "schema", String.valueOf(RedisOutbox.SCHEMA + 1));

    assertThat(outbox.claim(T0, 10, LEASE, NO_PACE)).isEmpty();
    assertThat(outbox.deadLetters(10)).isEmpty();
    assertThat(outbox.pending()).isEqualTo(1);

    redis.client().hset(redis.keys().outboxMessage("m1"), "schema", "1");
    assertThat(outbox.claim(T0.plus(RedisOutbox.NEWER_SCHEMA_WAIT), 10, LEASE, NO_PACE))
        .extracting(c -> c.message().id())
        .containsExactly("m1");
  }

  @Test
  void parksAMessageItCannotReadAndHandsOutTheOthers() {
    outbox.enqueue(message("damaged", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.enqueue(message("fine", MessageKind.ANSWER, slackChannel("C2"), T0.plusMillis(1)));
    redis.client().hset(redis.keys().outboxMessage("damaged"), "body", "{\"blocks\":");

    List<Claimed> claimed = outbox.claim(T0.plusSeconds(1), 10, LEASE, NO_PACE);

    assertThat(claimed).extracting(c -> c.message().id()).containsExactly("fine");
    assertThat(outbox.deadLetters(10))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.id()).isEqualTo("damaged");
              assertThat(letter.to().channel()).isEqualTo(slackChannel("C1"));
              assertThat(letter.reason()).contains("cannot be read");
            });
    assertThat(redis.client().lrange(redis.keys().outboxDead(), 0, -1))
        .singleElement()
        .asString()
        .doesNotContain("body", "blocks");
  }

  @Test
  void aDeadLetterHoldsOnlyWhatACoordinatorNeeds() {
    outbox.enqueue(message("m1", MessageKind.REMINDER, slackChannel("C1"), T0));

    DeadLetter letter = outbox.park("m1", "not_in_channel", T0);

    assertThat(redis.client().lrange(redis.keys().outboxDead(), 0, -1))
        .singleElement()
        .asString()
        .contains("\"id\":\"m1\"", "\"reason\":\"not_in_channel\"", "\"caseCode\":\"K-7F3Q\"")
        .doesNotContain("Please confirm");
    assertThat(outbox.deadLetters(1)).containsExactly(letter);
  }
}
