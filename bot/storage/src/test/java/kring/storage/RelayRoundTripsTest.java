package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kring.core.identity.Platform;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.OutboxRelay;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the outbox relay asks Redis for one message, counted on the wire: a run woken for an answer
 * takes it (one round trip) and forgets it once posted (one more); abandoned claims are looked for
 * once a second, not on every run, and a run that took less than a full batch does not ask again.
 */
class RelayRoundTripsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static RoundTrips trips;

  final MovableClock clock =
      new MovableClock(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
  final List<String> posted = new ArrayList<>();
  RedisOutbox outbox;
  OutboxRelay relay;

  @BeforeAll
  static void open() {
    trips = RoundTrips.open(TestRedis.machineUrl());
  }

  @AfterAll
  static void close() {
    trips.close();
  }

  @BeforeEach
  void relay() {
    outbox = new RedisOutbox(trips.client(), redis.keys());
    relay = new OutboxRelay(outbox, List.of(new Posting()), clock, new Random(7), letter -> {});
    // The first run looks for abandoned claims, as a node does when it starts.
    relay.deliverDue();
    trips.reset();
  }

  @Test
  void aWokenRunTakesAndForgetsItsMessageInTwoRoundTrips() {
    outbox.enqueue(message("m-1"));
    trips.reset();

    assertThat(relay.deliverDue()).isEqualTo(1);

    assertThat(posted).containsExactly("m-1");
    assertThat(trips.mine()).as("%s", trips.mine()).hasSize(2);
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void aRunASecondLaterAlsoLooksForAbandonedClaims() {
    outbox.enqueue(message("m-1"));
    clock.advance(Duration.ofSeconds(1));
    trips.reset();

    assertThat(relay.deliverDue()).isEqualTo(1);

    // Looking for abandoned claims (and for answers a node committed but never handed in), then
    // the message's two round trips.
    assertThat(trips.mine()).as("%s", trips.mine()).hasSize(4);
    assertThat(posted).containsExactly("m-1");
  }

  @Test
  void aClaimAbandonedByAnotherNodeIsTakenOverOnceItsLeaseIsOver() {
    outbox.enqueue(message("m-1"));
    // Another node takes it and dies with it.
    outbox.claim(clock.instant(), 10, Duration.ofMinutes(2), java.util.Map.of());
    clock.advance(Duration.ofSeconds(30));
    assertThat(relay.deliverDue()).isZero();

    clock.advance(Duration.ofMinutes(2));

    assertThat(relay.deliverDue()).isEqualTo(1);
    assertThat(posted).containsExactly("m-1");
  }

  @Test
  void moreThanABatchIsDeliveredInOneRun() {
    for (int i = 0; i < 120; i++) {
      outbox.enqueue(message("m-" + i));
    }

    assertThat(relay.deliverDue()).isEqualTo(120);
    assertThat(outbox.pending()).isZero();
  }

  private OutboundMessage message(String id) {
    return Samples.message(
        id, MessageKind.ANSWER, Samples.slackChannel("C1"), clock.instant().minusSeconds(1));
  }

  /** A platform that takes every message at once and notes its id. */
  private final class Posting implements Messenger {
    @Override
    public Platform platform() {
      return Platform.SLACK;
    }

    @Override
    public Duration pace() {
      return Duration.ZERO;
    }

    @Override
    public Delivery deliver(OutboundMessage message) {
      posted.add(message.id());
      return new Delivery.Delivered();
    }
  }
}
