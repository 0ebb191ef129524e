package kring.storage;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} does, whatever stores it. */
abstract class OutboxContract {

  static final Duration LEASE = Duration.ofSeconds(30);
  static final Map<Platform, Duration> SLACK_PACE = Map.of(Platform.SLACK, Duration.ofSeconds(1));
  static final String BODY_WORDS = "Please confirm the new agreement";

  Outbox outbox;

  /** A fresh, empty outbox for each test. */
  abstract Outbox newOutbox();

  /** Whether the outbox still keeps the message with this id, body included. */
  abstract boolean stores(String id);

  /** Fails when any stored value anywhere holds {@code text}; only storage that has values. */
  void assertNothingStoredContains(String text) {}

  @BeforeEach
  void setUpOutbox() {
    outbox = newOutbox();
  }

  @Test
  void handsOutDueMessagesOldestFirstAndKeepsLaterOnesWaiting() {
    outbox.enqueue(message("late", MessageKind.ANSWER, slackChannel("C1"), T0.plusSeconds(2)));
    outbox.enqueue(message("early", MessageKind.ANSWER, slackChannel("C2"), T0));
    outbox.enqueue(message("middle", MessageKind.REMINDER, slackChannel("C3"), T0.plusSeconds(1)));
    outbox.enqueue(message("future", MessageKind.ANSWER, slackChannel("C4"), T0.plusSeconds(60)));

    List<Claimed> claimed = outbox.claim(T0.plusSeconds(5), 10, LEASE, SLACK_PACE);

    assertThat(ids(claimed)).containsExactly("early", "middle", "late");
    assertThat(outbox.pending()).isEqualTo(4);
  }

  /** What keeps a turn's messages in the order written: their ids sort in that order. */
  @Test
  void handsOutMessagesDueAtTheSameMomentInTheOrderOfTheirIds() {
    outbox.enqueueAll(
        List.of(
            message("b", MessageKind.ANSWER, slackChannel("C1"), T0),
            message("c", MessageKind.ANNOUNCEMENT, slackChannel("C2"), T0),
            message("a", MessageKind.ANNOUNCEMENT, slackChannel("C3"), T0)));

    assertThat(ids(outbox.claim(T0, 10, LEASE, SLACK_PACE))).containsExactly("a", "b", "c");
  }

  @Test
  void aMessageThatSpeaksOfSeveralCasesIsHandedOutBelongingToEach() {
    var plain = message("one", MessageKind.REMINDER, slackChannel("C1"), T0);
    var combined =
        new OutboundMessage(
            "two",
            plain.to(),
            plain.reply(),
            MessageKind.REMINDER,
            new CaseCode("K-7F3Q"),
            T0,
            List.of(new CaseCode("K-7F3Q"), new CaseCode("K-2B4D")));
    outbox.enqueue(combined);

    List<Claimed> claimed = outbox.claim(T0.plusSeconds(1), 10, LEASE, SLACK_PACE);

    assertThat(claimed).extracting(Claimed::message).containsExactly(combined);
    assertThat(claimed.get(0).message().cases())
        .containsExactly(new CaseCode("K-7F3Q"), new CaseCode("K-2B4D"));
  }

  @Test
  void writesSeveralMessagesAtOnceEachAsIfWrittenAlone() {
    var first = message("a", MessageKind.REMINDER, slackChannel("C1"), T0);
    var second = message("b", MessageKind.ANSWER, slackChannel("C2"), T0.plusMillis(1));

    outbox.enqueueAll(java.util.List.of(first, second, first));

    assertThat(outbox.pending()).isEqualTo(2);
    assertThat(outbox.claim(T0.plusSeconds(1), 10, LEASE, SLACK_PACE))
        .extracting(Claimed::message)
        .containsExactly(first, second);
  }

  @Test
  void writesPromptMessagesAtOnceLeavingOutEachWhosePromptWasWrittenBefore() {
    var first = message("p1", MessageKind.REMINDER, slackChannel("C1"), T0);
    assertThat(outbox.enqueuePrompts(first, Set.of("K-7F3Q/x/1/a@1"))).isEmpty();

    var again = message("p2", MessageKind.REMINDER, slackChannel("C1"), T0.plusMillis(1));
    var fresh = message("p3", MessageKind.REMINDER, slackChannel("C2"), T0.plusMillis(2));
    var both = message("p4", MessageKind.REMINDER, slackChannel("C3"), T0.plusMillis(3));
    List<Set<String>> before =
        outbox.enqueuePrompts(
            List.of(
                new Outbox.PromptMessage(again, Set.of("K-7F3Q/x/1/a@1", "K-7F3Q/y/1/a@1")),
                new Outbox.PromptMessage(fresh, Set.of("K-3333/x/1/b@1")),
                new Outbox.PromptMessage(both, Set.of("K-3333/x/1/b@1", "K-3333/z/1/b@1"))));

    // The second message was written before the third in the same go, so the third is left out.
    assertThat(before)
        .containsExactly(Set.of("K-7F3Q/x/1/a@1"), Set.of(), Set.of("K-3333/x/1/b@1"));
    assertThat(outbox.claim(T0.plusSeconds(1), 10, LEASE, SLACK_PACE))
        .extracting(Claimed::message)
        .containsExactly(first, fresh);
    assertThat(outbox.enqueuePrompts(List.of())).isEmpty();
  }

  @Test
  void handsOutAtMostTheNumberAskedFor() {
    for (int i = 0; i < 5; i++) {
      outbox.enqueue(message("m" + i, MessageKind.ANSWER, slackChannel("C" + i), T0.plusMillis(i)));
    }

    assertThat(ids(outbox.claim(T0.plusSeconds(1), 2, LEASE, SLACK_PACE)))
        .containsExactly("m0", "m1");
    assertThat(ids(outbox.claim(T0.plusSeconds(1), 10, LEASE, SLACK_PACE)))
        .containsExactly("m2", "m3", "m4");
  }

  @Test
  void handsOutTheMessageAsItWasWrittenOnItsFirstAttempt() {
    OutboundMessage written =
        new OutboundMessage(
            "dm-1",
            Recipient.privately(slackChannel("C1"), slackUser("U7")),
            Reply.builder().warning("Your answer was not saved").note("Try again").build(),
            MessageKind.ANSWER,
            null,
            T0);
    outbox.enqueue(written);

    List<Claimed> claimed = outbox.claim(T0, 10, LEASE, SLACK_PACE);

    assertThat(claimed).containsExactly(new Claimed(written, 1));
  }

  @Test
  void writingTheSameMessageTwiceKeepsOne() {
    OutboundMessage once = message("m1", MessageKind.ANSWER, slackChannel("C1"), T0);
    outbox.enqueue(once);
    outbox.enqueue(once);

    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claim(T0, 10, LEASE, Map.of())).hasSize(1);
  }

  @Test
  void neverHandsTheSameMessageToTwoTakers() throws Exception {
    int count = 120;
    for (int i = 0; i < count; i++) {
      outbox.enqueue(message("m" + i, MessageKind.ANSWER, slackChannel("C" + i), T0));
    }
    ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
    ExecutorService takers = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(
          takers.submit(
              () -> {
                start.await();
                List<Claimed> batch;
                do {
                  batch = outbox.claim(T0, 7, LEASE, SLACK_PACE);
                  batch.forEach(c -> taken.add(c.message().id()));
                } while (!batch.isEmpty());
                return null;
              }));
    }
    start.countDown();
    for (Future<?> taker : done) {
      taker.get(30, TimeUnit.SECONDS);
    }
    takers.shutdown();

    assertThat(taken).hasSize(count).doesNotHaveDuplicates();
  }

  @Test
  void givesAConversationOneMessagePerPaceInterval() {
    outbox.enqueue(message("first", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.enqueue(message("second", MessageKind.ANSWER, slackChannel("C1"), T0.plusMillis(1)));
    outbox.enqueue(message("elsewhere", MessageKind.ANSWER, slackChannel("C2"), T0.plusMillis(2)));

    Instant now = T0.plusSeconds(1);
    assertThat(ids(outbox.claim(now, 10, LEASE, SLACK_PACE))).containsExactly("first", "elsewhere");
    assertThat(outbox.claim(now.plusMillis(999), 10, LEASE, SLACK_PACE)).isEmpty();
    assertThat(ids(outbox.claim(now.plusSeconds(1), 10, LEASE, SLACK_PACE)))
        .containsExactly("second");
  }

  @Test
  void pacesAPrivateChatApartFromItsChannel() {
    outbox.enqueue(message("channel", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.enqueue(
        new OutboundMessage(
            "private",
            Recipient.privately(slackChannel("C1"), slackUser("U7")),
            Reply.text("Only for you"),
            MessageKind.ANSWER,
            null,
            T0));

    assertThat(outbox.claim(T0, 10, LEASE, SLACK_PACE)).hasSize(2);
  }

  @Test
  void doesNotPaceAPlatformWithoutAPace() {
    outbox.enqueue(message("first", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.enqueue(message("second", MessageKind.ANSWER, slackChannel("C1"), T0.plusMillis(1)));

    assertThat(ids(outbox.claim(T0.plusSeconds(1), 10, LEASE, Map.of())))
        .containsExactly("first", "second");
  }

  @Test
  void anAtLeastOnceMessageWhoseTakerDiedComesBackAfterItsLease() {
    outbox.enqueue(message("answer", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    assertThat(outbox.recover(T0.plus(LEASE).minusMillis(1))).isZero();
    assertThat(outbox.claim(T0.plusSeconds(10), 10, LEASE, SLACK_PACE)).isEmpty();
    assertThat(outbox.recover(T0.plus(LEASE))).isEqualTo(1);

    List<Claimed> again = outbox.claim(T0.plus(LEASE), 10, LEASE, SLACK_PACE);
    assertThat(ids(again)).containsExactly("answer");
    assertThat(again.get(0).attempt()).isEqualTo(2);
  }

  @Test
  void anAtMostOnceMessageWhoseTakerDiedIsDroppedNotResent() {
    outbox.enqueue(message("reminder", MessageKind.REMINDER, slackChannel("C1"), T0));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    assertThat(outbox.recover(T0.plus(LEASE))).isEqualTo(1);

    assertThat(outbox.claim(T0.plus(LEASE), 10, LEASE, SLACK_PACE)).isEmpty();
    assertThat(outbox.pending()).isZero();
    assertThat(stores("reminder")).isFalse();
    assertNothingStoredContains(BODY_WORDS);
  }

  @Test
  void forgetsTheBodyOnceDelivered() {
    outbox.enqueue(message("m1", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    outbox.delivered("m1");

    assertThat(stores("m1")).isFalse();
    assertThat(outbox.pending()).isZero();
    assertThat(outbox.recover(T0.plus(LEASE))).isZero();
    assertNothingStoredContains(BODY_WORDS);
  }

  @Test
  void triesAgainNotBeforeTheTimeGiven() {
    outbox.enqueue(message("m1", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    outbox.retry("m1", T0.plusSeconds(30), "rate limited");

    assertThat(outbox.claim(T0.plusSeconds(29), 10, LEASE, SLACK_PACE)).isEmpty();
    List<Claimed> again = outbox.claim(T0.plusSeconds(30), 10, LEASE, SLACK_PACE);
    assertThat(ids(again)).containsExactly("m1");
    assertThat(again.get(0).attempt()).isEqualTo(2);
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void aMessageToRetryIsNoLongerLeased() {
    outbox.enqueue(message("m1", MessageKind.REMINDER, slackChannel("C1"), T0));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);
    outbox.retry("m1", T0.plus(LEASE).plus(LEASE), "timeout before sending");

    assertThat(outbox.recover(T0.plus(LEASE))).isZero();
    assertThat(stores("m1")).isTrue();
  }

  @Test
  void forgetsAnAbandonedMessage() {
    outbox.enqueue(message("m1", MessageKind.REMINDER, slackChannel("C1"), T0));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    outbox.abandon("m1", "timeout after sending");

    assertThat(stores("m1")).isFalse();
    assertThat(outbox.pending()).isZero();
    assertThat(outbox.deadLetters(10)).isEmpty();
  }

  @Test
  void parksAMessageAsADeadLetterWithoutItsBody() {
    OutboundMessage doomed = message("m1", MessageKind.ANNOUNCEMENT, slackChannel("C1"), T0);
    outbox.enqueue(doomed);
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    DeadLetter letter = outbox.park("m1", "channel_not_found", T0.plusSeconds(3));

    DeadLetter expected =
        new DeadLetter(
            "m1",
            doomed.to(),
            MessageKind.ANNOUNCEMENT,
            new CaseCode("K-7F3Q"),
            "channel_not_found",
            T0.plusSeconds(3));
    assertThat(letter).isEqualTo(expected);
    assertThat(outbox.deadLetters(10)).containsExactly(expected);
    assertThat(stores("m1")).isFalse();
    assertThat(outbox.pending()).isZero();
    assertNothingStoredContains(BODY_WORDS);
  }

  @Test
  void keepsTheNewestThousandDeadLettersNewestFirst() {
    for (int i = 0; i < 1003; i++) {
      outbox.enqueue(message("m" + i, MessageKind.ANSWER, slackChannel("C1"), T0));
      outbox.park("m" + i, "gone", T0.plusSeconds(i));
    }

    List<DeadLetter> letters = outbox.deadLetters(2000);

    assertThat(letters).hasSize(1000);
    assertThat(letters.get(0).id()).isEqualTo("m1002");
    assertThat(letters.get(999).id()).isEqualTo("m3");
    assertThat(outbox.deadLetters(2)).extracting(DeadLetter::id).containsExactly("m1002", "m1001");
  }

  @Test
  void settlingAMessageThatIsGoneChangesNothing() {
    outbox.delivered("nobody");
    outbox.retry("nobody", T0, "late");
    outbox.abandon("nobody", "late");

    assertThat(outbox.pending()).isZero();
    assertThat(outbox.claim(T0, 10, LEASE, SLACK_PACE)).isEmpty();
    assertThatThrownBy(() -> outbox.park("nobody", "late", T0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void countsWaitingAndTakenMessagesAsPending() {
    outbox.enqueue(message("m1", MessageKind.ANSWER, slackChannel("C1"), T0));
    outbox.enqueue(message("m2", MessageKind.ANSWER, slackChannel("C2"), T0.plusSeconds(1)));
    outbox.claim(T0, 10, LEASE, SLACK_PACE);

    assertThat(outbox.pending()).isEqualTo(2);
    outbox.delivered("m1");
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void aConversationHeldByAPlatformGetsNothingBeforeThenAndItsPaceIsShared() {
    String channel = slackChannel("C1").key();
    outbox.holdConversation(channel, T0, T0.plusSeconds(2));
    outbox.enqueue(message("held", MessageKind.ANSWER, slackChannel("C1"), T0));

    assertThat(outbox.claim(T0.plusMillis(1999), 10, LEASE, SLACK_PACE)).isEmpty();
    assertThat(outbox.takePace(channel, T0.plusMillis(1999), Duration.ofSeconds(1)))
        .contains(T0.plusSeconds(2));
    assertThat(ids(outbox.claim(T0.plusSeconds(2), 10, LEASE, SLACK_PACE))).containsExactly("held");
    assertThat(outbox.takePace(channel, T0.plusSeconds(2), Duration.ofSeconds(1)))
        .contains(T0.plusSeconds(3));
    assertThat(outbox.takePace(channel, T0.plusSeconds(3), Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void aPostponedMessageComesBackLaterWithoutAnAttemptCounted() {
    outbox.enqueue(message("later", MessageKind.ANSWER, slackChannel("C1"), T0));
    Claimed first = outbox.claim(T0, 10, LEASE, Map.of()).get(0);

    outbox.postpone("later", T0.plusSeconds(5));

    assertThat(outbox.claim(T0.plusSeconds(4), 10, LEASE, Map.of())).isEmpty();
    List<Claimed> again = outbox.claim(T0.plusSeconds(5), 10, LEASE, Map.of());
    assertThat(ids(again)).containsExactly("later");
    assertThat(again.get(0).attempt()).isEqualTo(first.attempt());
  }

  private static List<String> ids(List<Claimed> claimed) {
    return claimed.stream().map(c -> c.message().id()).toList();
  }
}
