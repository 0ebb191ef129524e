package kring.teams;

import static kring.testing.UpdatedInPlace.asked;
import static kring.testing.UpdatedInPlace.handled;
import static kring.testing.UpdatedInPlace.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.OutboxRelay;
import kring.core.outbox.Place;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.storage.RedisOutbox;
import kring.storage.RedisTeamsMemory;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message that stands for a place is posted once and then updated in place with the connector's
 * update activity, against the fake Bot Connector over HTTP; a waiting notice, which stands for
 * several messages, never stands for one.
 */
class TeamsUpdatesInPlaceTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ChannelRef CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);
  static final UserRef ANNA = person(Activities.ANNA);
  static final UserRef BERT = person(Activities.BERT);
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  static FakeConnector connector;
  MovableClock clock;
  TeamsDirectory directory;
  TeamsMessenger messenger;

  @BeforeAll
  static void startConnector() {
    connector = new FakeConnector();
  }

  @AfterAll
  static void stopConnector() {
    connector.close();
  }

  @BeforeEach
  void setUp() {
    connector.clear();
    clock = new MovableClock(T0, ZoneId.of("Europe/Brussels"));
    directory = new TeamsDirectory(new RedisTeamsMemory(redis.client(), redis.keys()));
    directory.remember(CHANNEL, new Address(connector.url(), Activities.CHANNEL, "28:kring"));
    directory.personalChat(
        ANNA,
        Activities.ANNA.teamsId(),
        Activities.ANNA.name(),
        new Address(connector.url(), Activities.personalChat(Activities.ANNA), "28:kring"));
    // Bert has no personal chat with Kring: what is private for him waits behind a notice.
    directory.met(BERT, Activities.BERT.teamsId(), Activities.BERT.name());
    messenger = new TeamsMessenger(directory, ConnectorTokens.none(), Duration.ofSeconds(5), clock);
  }

  static UserRef person(Activities.Member who) {
    return new UserRef(Platform.TEAMS, Activities.TENANT, who.aadObjectId());
  }

  static OutboundMessage message(Recipient to, Reply reply, MessageKind kind, long version) {
    return new OutboundMessage("m-" + System.nanoTime(), to, reply, kind, CODE, T0)
        .at(Place.show("join:4", version));
  }

  /** Whether an activity offers a button for this action. */
  static boolean offers(JsonNode activity, String action) {
    return TeamsHarness.find(activity, action, "") != null;
  }

  @Test
  void aChannelPostIsShownByItsActivityAndALaterStateReplacesItsCardWithoutButtons() {
    Recipient channel = Recipient.channel(CHANNEL);
    Posted first = shown(messenger.deliver(message(channel, asked(), MessageKind.ANNOUNCEMENT, 1)));
    FakeConnector.Posted post = connector.posted().get(0);
    assertThat(first)
        .isEqualTo(Posted.message(Platform.TEAMS, connector.url(), Activities.CHANNEL, post.id()));
    assertThat(offers(post.activity(), "join.accept")).isTrue();

    Delivery later =
        messenger.update(first, message(channel, handled(), MessageKind.ANNOUNCEMENT, 2));

    assertThat(later).isEqualTo(Delivery.Delivered.updated(first));
    assertThat(connector.posted()).hasSize(1);
    FakeConnector.Updated update = connector.updated().get(0);
    assertThat(update.conversationId()).isEqualTo(Activities.CHANNEL);
    assertThat(update.id()).isEqualTo(post.id());
    assertThat(update.status()).isEqualTo(200);
    assertThat(update.activity().path("id").asText()).isEqualTo(post.id());
    assertThat(update.activity().toString()).contains("Accepted by Anna");
    assertThat(offers(update.activity(), "join.accept")).isFalse();
    assertThat(offers(update.activity(), "join.decline")).isFalse();
  }

  @Test
  void aPersonalChatMessageIsShownThereAndUpdatedThere() {
    Recipient toAnna = Recipient.privately(CHANNEL, ANNA);
    Posted first = shown(messenger.deliver(message(toAnna, asked(), MessageKind.REMINDER, 1)));
    assertThat(first.conversation()).isEqualTo(Activities.personalChat(Activities.ANNA));

    assertThat(messenger.update(first, message(toAnna, handled(), MessageKind.REMINDER, 2)))
        .isEqualTo(Delivery.Delivered.updated(first));
    assertThat(connector.updated())
        .singleElement()
        .satisfies(u -> assertThat(u.conversationId()).isEqualTo(first.conversation()))
        .satisfies(u -> assertThat(u.id()).isEqualTo(first.id()))
        .satisfies(u -> assertThat(u.activity().toString()).contains("Accepted by Anna"));
  }

  @Test
  void aWaitingNoticeStandsForSeveralMessagesAndSoNeverForOne() {
    Recipient toBert = Recipient.privately(CHANNEL, BERT);

    Delivery posted = messenger.deliver(message(toBert, asked(), MessageKind.REMINDER, 1));
    Delivery updated = messenger.deliver(message(toBert, handled(), MessageKind.REMINDER, 2));

    assertThat(connector.posted())
        .singleElement()
        .satisfies(p -> assertThat(p.conversationId()).isEqualTo(Activities.CHANNEL));
    assertThat(connector.updated()).hasSize(1);
    assertThat(shown(posted)).isNull();
    assertThat(shown(updated)).isNull();
    // Still deleted with the case.
    assertThat(((Delivery.Delivered) posted).posted()).hasSize(1);
  }

  @Test
  void aPostDeletedInTeamsIsPostedAnewAndTheNewPostShowsTheLaterState() {
    Recipient channel = Recipient.channel(CHANNEL);
    Posted first = shown(messenger.deliver(message(channel, asked(), MessageKind.ANNOUNCEMENT, 1)));
    connector.deleteByHand(first.conversation(), first.id());

    Delivery later =
        messenger.update(first, message(channel, handled(), MessageKind.ANNOUNCEMENT, 2));

    Posted anew = shown(later);
    assertThat(anew).isNotNull().isNotEqualTo(first);
    assertThat(((Delivery.Delivered) later).posted()).containsExactly(anew);
    assertThat(connector.updated())
        .singleElement()
        .satisfies(u -> assertThat(u.status()).isEqualTo(404));
    assertThat(connector.standing()).containsExactly(anew.conversation() + "/" + anew.id());
    assertThat(connector.posted().get(1).activity().toString()).contains("Accepted by Anna");
  }

  @Test
  void anUpdateTheConnectorCannotTakeNowIsTriedAgainAsLateAsItAsks() {
    Recipient channel = Recipient.channel(CHANNEL);
    Posted first = shown(messenger.deliver(message(channel, asked(), MessageKind.ANNOUNCEMENT, 1)));
    OutboundMessage later = message(channel, handled(), MessageKind.ANNOUNCEMENT, 2);

    connector.refuseNext(1, 429, 6);
    assertThat(messenger.update(first, later))
        .isEqualTo(Delivery.NotYet.rateLimited(Duration.ofSeconds(6), "HTTP 429"));
    connector.refuseNext(1, 503, 2);
    assertThat(messenger.update(first, later))
        .isEqualTo(new Delivery.NotYet(Duration.ofSeconds(2), "HTTP 503"));
    connector.refuseNext(1, 403, 0);
    assertThat(messenger.update(first, later)).isInstanceOf(Delivery.Undeliverable.class);
    assertThat(connector.posted()).hasSize(1);
  }

  @Test
  void throughTheRelayARateLimitedUpdateIsMadeLaterOnTheSamePost() {
    RedisOutbox outbox = RedisKring.on(redis.client(), redis.keys(), clock).outbox();
    OutboxRelay relay = RedisKring.relay(redis.client(), redis.keys(), clock, outbox, messenger);
    Recipient channel = Recipient.channel(CHANNEL);
    outbox.enqueue(message(channel, asked(), MessageKind.ANNOUNCEMENT, 1));
    relay.deliverDue();
    String posted = connector.posted().get(0).id();

    connector.refuseNext(1, 429, 5);
    clock.advance(Duration.ofSeconds(1));
    outbox.enqueue(message(channel, handled(), MessageKind.ANNOUNCEMENT, 2));
    relay.deliverDue();
    assertThat(outbox.pending())
        .as("the update waits for the connector's Retry-After")
        .isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    relay.deliverDue();

    assertThat(outbox.pending()).isZero();
    assertThat(connector.posted()).hasSize(1);
    assertThat(connector.updated())
        .singleElement()
        .satisfies(u -> assertThat(u.id()).isEqualTo(posted))
        .satisfies(u -> assertThat(offers(u.activity(), "join.accept")).isFalse());
  }
}
