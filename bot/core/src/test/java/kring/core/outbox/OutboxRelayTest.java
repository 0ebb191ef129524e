package kring.core.outbox;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.operations.Meters.Outcome;
import kring.core.operations.Meters.Work;
import kring.core.reply.Reply;
import kring.testing.InMemoryOutbox;
import kring.testing.InMemoryRetractions;
import kring.testing.MovableClock;
import kring.testing.RecordingMeters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

  MovableClock clock;
  InMemoryOutbox outbox;
  ScriptedMessenger slack;
  List<DeadLetter> parked;
  OutboxRelay relay;

  /** A messenger that answers what the test scripted, then Delivered. */
  static final class ScriptedMessenger implements Messenger {
    final Deque<Delivery> script = new ArrayDeque<>();
    final List<String> attempts = new ArrayList<>();

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
      attempts.add(message.id());
      return script.isEmpty() ? new Delivery.Delivered() : script.poll();
    }
  }

  @BeforeEach
  void setUp() {
    clock = new MovableClock(T0, ZoneId.of("Europe/Brussels"));
    outbox = new InMemoryOutbox();
    slack = new ScriptedMessenger();
    parked = new ArrayList<>();
    relay = new OutboxRelay(outbox, List.of(slack), clock, new SplittableRandom(1), parked::add);
  }

  void write(String id, MessageKind kind) {
    outbox.enqueue(message(id, kind, slackChannel("C1"), clock.instant()));
  }

  @Test
  void deliversWhatIsDueAndForgetsIt() {
    write("m1", MessageKind.ANSWER);
    write("m2", MessageKind.REMINDER);

    assertThat(relay.deliverDue()).isEqualTo(2);

    assertThat(slack.attempts).containsExactly("m1", "m2");
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void honoursRetryAfterWhenItIsLongerThanItsOwnBackoff() {
    write("m1", MessageKind.ANSWER);
    slack.script.add(new Delivery.NotYet(Duration.ofSeconds(30), "ratelimited"));

    relay.deliverDue();
    clock.advance(Duration.ofSeconds(29));
    relay.deliverDue();
    assertThat(slack.attempts).containsExactly("m1");

    clock.advance(Duration.ofSeconds(1));
    relay.deliverDue();
    assertThat(slack.attempts).containsExactly("m1", "m1");
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void aMessageHeldBackByAPlatformLimitWaitsWithoutUsingUpAnAttempt() {
    write("m1", MessageKind.ANSWER);
    for (int i = 0; i < OutboxRelay.MAX_ATTEMPTS + 2; i++) {
      slack.script.add(new Delivery.Waits(Duration.ofSeconds(20), "held back"));
    }

    for (int i = 0; i < OutboxRelay.MAX_ATTEMPTS + 2; i++) {
      relay.deliverDue();
      clock.advance(Duration.ofSeconds(19));
      relay.deliverDue();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(slack.attempts).hasSize(OutboxRelay.MAX_ATTEMPTS + 2);
    assertThat(parked).isEmpty();
    relay.deliverDue();

    assertThat(slack.attempts).hasSize(OutboxRelay.MAX_ATTEMPTS + 3);
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void anUnknownOutcomeIsRetriedForAnswersButNotForReminders() {
    write("answer", MessageKind.ANSWER);
    write("reminder", MessageKind.REMINDER);
    slack.script.add(new Delivery.Unknown("timeout"));
    slack.script.add(new Delivery.Unknown("timeout"));

    relay.deliverDue();
    clock.advance(Duration.ofMinutes(11));
    relay.deliverDue();

    assertThat(slack.attempts).containsExactly("answer", "reminder", "answer");
    assertThat(outbox.pending()).isZero();
    assertThat(parked).isEmpty();
  }

  @Test
  void aMessageThatNeverGetsThroughIsParkedAndReportedOnce() {
    write("m1", MessageKind.ANSWER);
    for (int i = 0; i < OutboxRelay.MAX_ATTEMPTS; i++) {
      slack.script.add(new Delivery.NotYet(null, "internal_error"));
    }

    for (int i = 0; i < OutboxRelay.MAX_ATTEMPTS + 2; i++) {
      relay.deliverDue();
      clock.advance(Duration.ofMinutes(11));
    }

    assertThat(slack.attempts).hasSize(OutboxRelay.MAX_ATTEMPTS);
    assertThat(parked).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo("m1"));
    assertThat(outbox.deadLetters(10)).hasSize(1);
  }

  @Test
  void anUndeliverableMessageIsParkedAtOnce() {
    write("m1", MessageKind.ANNOUNCEMENT);
    slack.script.add(new Delivery.Undeliverable("channel_not_found"));

    relay.deliverDue();

    assertThat(parked)
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("channel_not_found"));
  }

  @Test
  void aChannelThePlatformCallsGoneIsReportedOnce() {
    List<Delivery.Gone> gone = new ArrayList<>();
    relay =
        new OutboxRelay(
            outbox,
            List.of(slack),
            clock,
            new SplittableRandom(1),
            parked::add,
            (message, what) -> gone.add(what));
    write("m1", MessageKind.ANNOUNCEMENT);
    slack.script.add(new Delivery.Undeliverable("is_archived", Delivery.Gone.CHANNEL));

    relay.deliverDue();

    assertThat(gone).containsExactly(Delivery.Gone.CHANNEL);
    assertThat(parked).hasSize(1);
  }

  @Test
  void aLostDeliveryProblemNoticeIsNotReportedAgain() {
    write("notice", MessageKind.DELIVERY_PROBLEM);
    slack.script.add(new Delivery.Undeliverable("channel_not_found"));

    relay.deliverDue();

    assertThat(parked).isEmpty();
    assertThat(outbox.deadLetters(10)).hasSize(1);
  }

  @Test
  void aMessageForAPlatformKringIsNotConnectedToIsParked() {
    outbox.enqueue(
        message(
            "teams",
            MessageKind.ANSWER,
            new kring.core.identity.ChannelRef(Platform.TEAMS, "t", "19:x"),
            clock.instant()));

    relay.deliverDue();

    assertThat(slack.attempts).isEmpty();
    assertThat(parked).hasSize(1);
  }

  OutboxRelay counting(RecordingMeters meters) {
    return keeping(Retractions.NONE).countingWith(meters);
  }

  @Test
  void countsEachAttemptsOutcomeByPlatformAndEachRateLimit() {
    RecordingMeters meters = new RecordingMeters();
    relay = counting(meters);
    write("delivered", MessageKind.ANSWER);
    write("limited", MessageKind.ANSWER);
    write("lost", MessageKind.REMINDER);
    write("refused", MessageKind.ANNOUNCEMENT);
    slack.script.add(new Delivery.Delivered());
    slack.script.add(Delivery.NotYet.rateLimited(Duration.ofSeconds(5), "ratelimited"));
    slack.script.add(new Delivery.Unknown("timeout"));
    slack.script.add(new Delivery.Undeliverable("channel_not_found"));

    relay.deliverDue();

    assertThat(meters.deliveries(Platform.SLACK, Outcome.DELIVERED)).isEqualTo(1);
    assertThat(meters.deliveries(Platform.SLACK, Outcome.RETRIED)).isEqualTo(1);
    assertThat(meters.deliveries(Platform.SLACK, Outcome.ABANDONED)).isEqualTo(1);
    assertThat(meters.deliveries(Platform.SLACK, Outcome.PARKED)).isEqualTo(1);
    assertThat(meters.rateLimits(Platform.SLACK)).isEqualTo(1);
    assertThat(meters.rateLimits(Platform.TEAMS)).isZero();

    clock.advance(Duration.ofSeconds(5));
    relay.deliverDue();
    assertThat(meters.deliveries(Platform.SLACK, Outcome.DELIVERED)).isEqualTo(2);
    assertThat(meters.rateLimits(Platform.SLACK)).isEqualTo(1);
  }

  @Test
  void aServerErrorIsRetriedWithoutCountingARateLimit() {
    RecordingMeters meters = new RecordingMeters();
    relay = counting(meters);
    write("m1", MessageKind.ANSWER);
    slack.script.add(new Delivery.NotYet(null, "internal_error"));

    relay.deliverDue();

    assertThat(meters.deliveries(Platform.SLACK, Outcome.RETRIED)).isEqualTo(1);
    assertThat(meters.rateLimits(Platform.SLACK)).isZero();
  }

  @Test
  void countsTheMessagesItTakesOverFromANodeWhoseLeaseRanOut() {
    RecordingMeters meters = new RecordingMeters();
    relay = counting(meters);
    write("m1", MessageKind.ANSWER);
    write("m2", MessageKind.REMINDER);
    // Another node took both and died before it finished.
    assertThat(outbox.claim(clock.instant(), 10, Duration.ofMinutes(2), java.util.Map.of()))
        .hasSize(2);

    relay.deliverDue();
    assertThat(meters.takenOver(Work.OUTBOX)).isZero();

    clock.advance(Duration.ofMinutes(2));
    relay.deliverDue();
    assertThat(meters.takenOver(Work.OUTBOX)).isEqualTo(2);
    assertThat(slack.attempts).containsExactly("m1");
  }

  OutboxRelay keeping(Retractions posted) {
    return new OutboxRelay(
        outbox, List.of(slack), clock, new SplittableRandom(1), parked::add, (m, g) -> {}, posted);
  }

  @Test
  void aReminderThatCombinesTwoCasesIsKeptForEachSoThatErasingEitherDeletesIt() {
    InMemoryRetractions posted = new InMemoryRetractions();
    relay = keeping(posted);
    Posted reminder = Posted.message(Platform.SLACK, "T9", "D1", "1700000000.000003");
    outbox.enqueue(
        new OutboundMessage(
            "both",
            Recipient.channel(slackChannel("C1")),
            Reply.text("2 things from Kring"),
            MessageKind.REMINDER,
            new CaseCode("K-7F3Q"),
            clock.instant(),
            List.of(new CaseCode("K-7F3Q"), new CaseCode("K-2B4D"))));
    slack.script.add(new Delivery.Delivered(List.of(reminder)));

    relay.deliverDue();

    assertThat(posted.postedFor(new CaseCode("K-7F3Q"))).containsExactly(reminder);
    assertThat(posted.postedFor(new CaseCode("K-2B4D"))).containsExactly(reminder);
  }

  @Test
  void whatAPlatformPostedForACaseIsKeptUntilTheCaseIsErased() {
    InMemoryRetractions posted = new InMemoryRetractions();
    relay =
        new OutboxRelay(
            outbox,
            List.of(slack),
            clock,
            new SplittableRandom(1),
            parked::add,
            (m, g) -> {},
            posted);
    Posted message = Posted.message(Platform.SLACK, "T9", "C1", "1700000000.000001");
    Posted chart = Posted.file(Platform.SLACK, "T9", "F0CHART");
    write("m1", MessageKind.ANNOUNCEMENT);
    slack.script.add(new Delivery.Delivered(List.of(message, chart)));
    outbox.enqueue(
        new OutboundMessage(
            "no-case",
            Recipient.channel(slackChannel("C1")),
            Reply.text("Which case?"),
            MessageKind.ANSWER,
            null,
            clock.instant()));
    slack.script.add(
        new Delivery.Delivered(
            List.of(Posted.message(Platform.SLACK, "T9", "C1", "1700000000.000002"))));

    relay.deliverDue();

    assertThat(posted.postedFor(new CaseCode("K-7F3Q"))).containsExactly(message, chart);
    assertThat(posted.queued()).as("a message of no case has nothing to erase it with").isEmpty();
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void aMessageWhosePostedIdsCannotBeKeptStaysInTheOutbox() {
    relay =
        keeping(
            new InMemoryRetractions() {
              @Override
              public void posted(CaseCode code, List<Posted> items) {
                throw new IllegalStateException("store down");
              }
            });
    write("m1", MessageKind.ANNOUNCEMENT);
    slack.script.add(
        new Delivery.Delivered(
            List.of(Posted.message(Platform.SLACK, "T9", "C1", "1700000000.000001"))));

    assertThatThrownBy(relay::deliverDue).isInstanceOf(IllegalStateException.class);

    assertThat(outbox.pending()).as("delivered again rather than lost").isEqualTo(1);
  }

  @Test
  void backoffGrowsWithJitterAndStaysCapped() {
    for (int attempt = 1; attempt <= 30; attempt++) {
      Duration wait = relay.backoff(attempt);
      assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }
    assertThat(relay.backoff(1)).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }
}
