package kring.core.outbox;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.reply.Reply;
import kring.testing.InMemoryOutbox;
import kring.testing.InMemoryPlaces;
import kring.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages that stand for a place: posted once, then updated, never overwritten by older news. */
class OutboxRelayPlacesTest {

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final String CHANNEL = Recipient.channel(slackChannel("C1")).conversationKey();

  MovableClock clock;
  InMemoryOutbox outbox;
  InMemoryPlaces places;
  Board slack;
  OutboxRelay relay;

  /** A platform that keeps its posts by id, so that a test sees what each one shows now. */
  static final class Board implements Messenger {
    final List<String> calls = new ArrayList<>();
    final java.util.Map<String, String> shows = new java.util.LinkedHashMap<>();
    final Deque<Delivery> script = new ArrayDeque<>();
    int next = 1;

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
      if (!script.isEmpty()) {
        return script.poll();
      }
      String id = String.valueOf(next++);
      calls.add("post " + id);
      shows.put(id, message.reply().summary());
      return Delivery.Delivered.as(Posted.message(Platform.SLACK, "T1", "C1", id), List.of());
    }

    @Override
    public Delivery update(Posted shown, OutboundMessage message) {
      if (!script.isEmpty()) {
        return script.poll();
      }
      calls.add("update " + shown.id());
      shows.put(shown.id(), message.reply().summary());
      return Delivery.Delivered.updated(shown);
    }

    @Override
    public Retraction retract(Posted posted) {
      calls.add("delete " + posted.id());
      shows.remove(posted.id());
      return new Retraction.Done();
    }
  }

  @BeforeEach
  void setUp() {
    clock = new MovableClock(T0, ZoneId.of("Europe/Brussels"));
    outbox = new InMemoryOutbox();
    places = new InMemoryPlaces();
    slack = new Board();
    relay =
        new OutboxRelay(outbox, List.of(slack), clock, new SplittableRandom(1), letter -> {})
            .showingIn(places);
  }

  void write(String id, String says, Place place) {
    outbox.enqueue(
        new OutboundMessage(
                id,
                Recipient.channel(slackChannel("C1")),
                Reply.text(says),
                MessageKind.ANNOUNCEMENT,
                CODE,
                clock.instant())
            .at(place));
  }

  @Test
  void theFirstStateIsPostedAndEveryLaterOneUpdatesThatPost() {
    write("a", "1 of 4 confirmed", Place.show("agreement:2", 5));
    relay.deliverDue();
    write("b", "2 of 4 confirmed", Place.show("agreement:2", 6));
    write("c", "3 of 4 confirmed", Place.show("agreement:2", 7));
    relay.deliverDue();

    assertThat(slack.calls).containsExactly("post 1", "update 1", "update 1");
    assertThat(slack.shows).containsExactly(java.util.Map.entry("1", "3 of 4 confirmed"));
  }

  @Test
  void anOlderStateDeliveredLateIsDroppedRatherThanShown() {
    write("new", "replaced by version 3", Place.show("agreement:2", 9));
    relay.deliverDue();
    write("old", "2 of 4 confirmed", Place.show("agreement:2", 6));
    relay.deliverDue();

    assertThat(slack.calls).containsExactly("post 1");
    assertThat(slack.shows).containsExactly(java.util.Map.entry("1", "replaced by version 3"));
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void aPlaceIsOnePerConversationAndPerCaseName() {
    write("a", "version 2", Place.show("agreement:2", 5));
    write("b", "version 3", Place.show("agreement:3", 5));
    relay.deliverDue();

    assertThat(slack.calls).containsExactly("post 1", "post 2");
    assertThat(places.post(CODE, "agreement:2", CHANNEL).id()).isEqualTo("1");
    assertThat(places.post(CODE, "agreement:3", CHANNEL).id()).isEqualTo("2");
  }

  @Test
  void aReminderIsPostedAgainAndTheEarlierPostDeleted() {
    write("invite", "check-in 3: answer", Place.show("check-in:3", 0));
    relay.deliverDue();
    write("reminder", "check-in 3 closes today", new Place("check-in:3", 0, Place.Mode.AGAIN));
    relay.deliverDue();

    assertThat(slack.calls).containsExactly("post 1", "post 2", "delete 1");
    assertThat(slack.shows).containsExactly(java.util.Map.entry("2", "check-in 3 closes today"));
    assertThat(places.post(CODE, "check-in:3", CHANNEL).id()).isEqualTo("2");
  }

  @Test
  void retiringWhatWasNeverPostedPostsNothing() {
    write("closed", "check-in 3 closed", new Place("check-in:3", 4, Place.Mode.RETIRE));
    relay.deliverDue();

    assertThat(slack.calls).isEmpty();
    assertThat(outbox.pending()).isZero();

    write("late invite", "check-in 3: answer", Place.show("check-in:3", 0));
    relay.deliverDue();
    assertThat(slack.calls).as("the invitation came after its round closed").isEmpty();
  }

  @Test
  void aStateNotDeliveredNowLeavesThePlaceToTheNextTry() {
    write("a", "1 of 4 confirmed", Place.show("agreement:2", 5));
    relay.deliverDue();
    slack.script.add(new Delivery.NotYet(Duration.ofSeconds(5), "ratelimited"));
    write("b", "2 of 4 confirmed", Place.show("agreement:2", 6));
    relay.deliverDue();

    clock.advance(Duration.ofMinutes(1));
    relay.deliverDue();

    assertThat(slack.calls).containsExactly("post 1", "update 1");
    assertThat(slack.shows).containsExactly(java.util.Map.entry("1", "2 of 4 confirmed"));
  }

  @Test
  void whileAnotherNodeShowsThePlaceTheMessageWaitsWithoutUsingAnAttempt() {
    write("a", "1 of 4 confirmed", Place.show("agreement:2", 5));
    relay.deliverDue();
    // Another node took the place for its lease and has not finished.
    places.start(CODE, "agreement:2", CHANNEL, 6, clock.instant(), Duration.ofMinutes(2));
    write("b", "3 of 4 confirmed", Place.show("agreement:2", 7));
    relay.deliverDue();
    assertThat(slack.calls).containsExactly("post 1");

    clock.advance(Duration.ofMinutes(2));
    relay.deliverDue();
    assertThat(slack.calls).containsExactly("post 1", "update 1");
    assertThat(slack.shows).containsExactly(java.util.Map.entry("1", "3 of 4 confirmed"));
  }
}
