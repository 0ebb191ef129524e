package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retraction;
import kring.core.reply.Reply;
import kring.storage.RedisKeys;
import kring.storage.RedisPlaygroundRooms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class PlaygroundMessengerTest {

  private static final Instant NOON = Instant.parse("2026-03-02T11:00:00Z");

  /** When the room's clock says the message arrives: that night, long after Kring sent it. */
  private static final Instant THAT_NIGHT = Instant.parse("2026-03-03T01:30:00Z");

  private static RedisClient redis;
  private static RedisKeys keys;

  private final Rooms rooms =
      new RedisRooms(
          new RedisPlaygroundRooms(redis, keys), Clock.fixed(THAT_NIGHT, ZoneOffset.UTC));
  private final PlaygroundMessenger messenger = new PlaygroundMessenger(rooms);

  @BeforeAll
  static void connect() {
    redis = TestRedis.client();
    keys = TestRedis.uniqueKeys("t-pg-messenger");
  }

  @AfterAll
  static void deleteTheKeys() {
    TestRedis.deleteAll(redis, keys);
    redis.close();
  }

  @Test
  void isThePlaygroundsMessengerWithNoPace() {
    assertThat(messenger.platform()).isEqualTo(Platform.PLAYGROUND);
    assertThat(messenger.pace()).isEqualTo(Duration.ZERO);
  }

  @Test
  void postsAChannelMessageForEveryoneInTheRoom() {
    Room room = rooms.createRoom("Klas 3B");

    Delivery result =
        messenger.deliver(message(Recipient.channel(PlaygroundRefs.channel(room.id()))));

    assertThat(result).isInstanceOf(Delivery.Delivered.class);
    TimelineEntry entry = rooms.timeline(room.id(), "anyone-0000", 0).get(0);
    assertThat(entry.reply()).isEqualTo(Reply.text("Hello from Kring"));
    assertThat(entry.visibleTo()).isNull();
  }

  @Test
  void showsTheMomentKringSentTheMessageNotTheMomentItWasDelivered() {
    Room room = rooms.createRoom("Klas 3B");
    Person ann = rooms.createPerson("Ann");

    messenger.deliver(
        message(
            Recipient.privately(PlaygroundRefs.channel(room.id()), PlaygroundRefs.user(ann.id()))));
    rooms.postByPerson(room.id(), ann.id(), "Goedenacht");

    assertThat(rooms.timeline(room.id(), ann.id(), 0))
        .extracting(TimelineEntry::at)
        .containsExactly(NOON, THAT_NIGHT);
  }

  @Test
  void postsAPrivateMessageOnlyIntoTheRecipientsView() {
    Room room = rooms.createRoom("Klas 3B");
    Person ann = rooms.createPerson("Ann");

    Delivery result =
        messenger.deliver(
            message(
                Recipient.privately(
                    PlaygroundRefs.channel(room.id()), PlaygroundRefs.user(ann.id()))));

    assertThat(result).isInstanceOf(Delivery.Delivered.class);
    assertThat(rooms.timeline(room.id(), ann.id(), 0)).hasSize(1);
    assertThat(rooms.timeline(room.id(), "bob-0000", 0)).isEmpty();
  }

  @Test
  void aMessageIsReportedByItsPlaceInTheTimelineAndRemovedFromTheRoomWhenItsCaseIsErased() {
    Room room = rooms.createRoom("Klas 3B");
    Person ann = rooms.createPerson("Ann");
    rooms.postByPerson(room.id(), ann.id(), "Hallo");
    Delivery.Delivered result =
        (Delivery.Delivered)
            messenger.deliver(message(Recipient.channel(PlaygroundRefs.channel(room.id()))));
    long seq = rooms.timeline(room.id(), ann.id(), 0).get(1).seq();
    Posted posted = result.posted().get(0);
    assertThat(posted)
        .isEqualTo(
            Posted.message(Platform.PLAYGROUND, "playground", room.id(), Long.toString(seq)));

    assertThat(messenger.retract(posted)).isEqualTo(new Retraction.Done());
    assertThat(messenger.retract(posted)).as("gone already").isEqualTo(new Retraction.Done());

    List<TimelineEntry> after = rooms.timeline(room.id(), ann.id(), 0);
    assertThat(after)
        .filteredOn(e -> e.replaces() == null)
        .extracting(TimelineEntry::text)
        .containsExactly("Hallo");
    assertThat(after)
        .as("a note for the pages that showed it")
        .filteredOn(e -> e.replaces() != null)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.replaces()).isEqualTo(seq);
              assertThat(note.reply()).isNull();
            });
  }

  @Test
  void anUpdateShowsTheNewStateWhereTheMessageStandsAndNotesItForOpenPages() {
    Room room = rooms.createRoom("Klas 3B");
    Person ann = rooms.createPerson("Ann");
    Recipient toAnn =
        Recipient.privately(PlaygroundRefs.channel(room.id()), PlaygroundRefs.user(ann.id()));
    Delivery.Delivered first = (Delivery.Delivered) messenger.deliver(message(toAnn));
    rooms.postByPerson(room.id(), ann.id(), "Hallo");
    Reply retired = Reply.text("Aanvaard door P1");

    Delivery result =
        messenger.update(
            first.shown(),
            new OutboundMessage("m2", toAnn, retired, MessageKind.ANNOUNCEMENT, null, NOON));

    assertThat(result).isEqualTo(Delivery.Delivered.updated(first.shown()));
    List<TimelineEntry> timeline = rooms.timeline(room.id(), ann.id(), 0);
    long seq = Long.parseLong(first.shown().id());
    assertThat(timeline.get(0).seq()).isEqualTo(seq);
    assertThat(timeline.get(0).reply()).as("in place, before Ann's message").isEqualTo(retired);
    assertThat(timeline.get(1).text()).isEqualTo("Hallo");
    assertThat(timeline.get(2).replaces()).isEqualTo(seq);
    assertThat(timeline.get(2).reply()).isEqualTo(retired);
    assertThat(timeline.get(2).visibleTo()).isEqualTo(ann.id());
    assertThat(rooms.timeline(room.id(), "someone-else", 0))
        .as("a private message's note is as private")
        .filteredOn(e -> e.kind() == TimelineEntry.Kind.BOT)
        .isEmpty();
  }

  @Test
  void anUpdateOfAMessageThatIsGoneIsPostedAnew() {
    Room room = rooms.createRoom("Klas 3B");
    Recipient channel = Recipient.channel(PlaygroundRefs.channel(room.id()));
    Delivery.Delivered first = (Delivery.Delivered) messenger.deliver(message(channel));
    messenger.retract(first.shown());

    Delivery.Delivered again =
        (Delivery.Delivered) messenger.update(first.shown(), message(channel));

    assertThat(again.shown()).isNotEqualTo(first.shown());
    assertThat(rooms.timeline(room.id(), "anyone-0000", 0))
        .filteredOn(e -> e.replaces() == null)
        .extracting(TimelineEntry::seq)
        .containsExactly(Long.parseLong(again.shown().id()));
  }

  @Test
  void aPersonsOwnMessageIsNeverRemovedAsKrings() {
    Room room = rooms.createRoom("Klas 3B");
    Person ann = rooms.createPerson("Ann");
    TimelineEntry own = rooms.postByPerson(room.id(), ann.id(), "Hallo");

    messenger.retract(
        Posted.message(Platform.PLAYGROUND, "playground", room.id(), Long.toString(own.seq())));

    assertThat(rooms.timeline(room.id(), ann.id(), 0)).hasSize(1);
  }

  @Test
  void givesUpOnARoomThatDoesNotExist() {
    Delivery result =
        messenger.deliver(message(Recipient.channel(PlaygroundRefs.channel("gone-0000"))));

    assertThat(result).isInstanceOf(Delivery.Undeliverable.class);
  }

  @Test
  void givesUpOnAPersonWhoDoesNotExist() {
    Room room = rooms.createRoom("Klas 3B");

    Delivery result =
        messenger.deliver(
            message(
                Recipient.privately(
                    PlaygroundRefs.channel(room.id()), PlaygroundRefs.user("gone-0000"))));

    assertThat(result).isInstanceOf(Delivery.Undeliverable.class);
    assertThat(rooms.timeline(room.id(), "gone-0000", 0)).isEmpty();
  }

  @Test
  void givesUpOnAChannelOfAnotherPlatform() {
    ChannelRef slack = new ChannelRef(Platform.SLACK, "T9", "C42");
    ChannelRef elsewhere = new ChannelRef(Platform.PLAYGROUND, "other", "klas-3b-abcd");
    UserRef slackUser = new UserRef(Platform.SLACK, "T9", "U1");

    assertThat(messenger.deliver(message(Recipient.channel(slack))))
        .isInstanceOf(Delivery.Undeliverable.class);
    assertThat(messenger.deliver(message(Recipient.channel(elsewhere))))
        .isInstanceOf(Delivery.Undeliverable.class);
    assertThat(
            messenger.deliver(
                message(Recipient.privately(PlaygroundRefs.channel("klas-3b-abcd"), slackUser))))
        .isInstanceOf(Delivery.Undeliverable.class);
  }

  @Test
  void saysTheOutcomeIsUnknownWhenTheStoreFailsInsteadOfThrowing() {
    Rooms failing = mock(Rooms.class);
    when(failing.room("klas-3b-abcd")).thenReturn(Optional.of(new Room("klas-3b-abcd", "Klas")));
    when(failing.postByKring(any(), any(), any(), any()))
        .thenThrow(new IllegalStateException("down"));

    Delivery result =
        new PlaygroundMessenger(failing)
            .deliver(message(Recipient.channel(PlaygroundRefs.channel("klas-3b-abcd"))));

    assertThat(result).isInstanceOf(Delivery.Unknown.class);
  }

  private static OutboundMessage message(Recipient to) {
    return new OutboundMessage(
        "m-1", to, Reply.text("Hello from Kring"), MessageKind.ANSWER, null, NOON);
  }
}
