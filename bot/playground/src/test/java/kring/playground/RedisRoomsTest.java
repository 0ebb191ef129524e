package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kring.core.reply.Reply;
import kring.playground.TimelineEntry.Kind;
import kring.storage.RedisKeys;
import kring.storage.RedisPlaygroundRooms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisRoomsTest {

  private static final Instant NOON = Instant.parse("2026-03-02T11:00:00Z");

  private static RedisClient redis;
  private static RedisKeys keys;

  private final Rooms rooms = fresh();

  @BeforeAll
  static void connect() {
    redis = TestRedis.client();
    keys = TestRedis.uniqueKeys("t-pg-rooms");
  }

  @AfterAll
  static void deleteTheKeys() {
    TestRedis.deleteAll(redis, keys);
    redis.close();
  }

  private static Rooms fresh() {
    return new RedisRooms(new RedisPlaygroundRooms(redis, keys), Clock.fixed(NOON, ZoneOffset.UTC));
  }

  @Test
  void roomsPeopleAndTimelinesSurviveARestart() {
    Room room = rooms.createRoom("Klas 3B");
    Person ann = rooms.createPerson("Ann");
    rooms.postByPerson(room.id(), ann.id(), "hello");
    rooms.postByKring(room.id(), Reply.text("Hello Ann"), null, NOON);

    Rooms afterRestart = fresh();

    assertThat(afterRestart.room(room.id())).contains(room);
    assertThat(afterRestart.person(ann.id())).contains(ann);
    assertThat(afterRestart.rooms()).contains(room);
    assertThat(afterRestart.people()).contains(ann);
    List<TimelineEntry> timeline = afterRestart.timeline(room.id(), ann.id(), 0);
    assertThat(timeline).hasSize(2);
    assertThat(timeline.get(0))
        .isEqualTo(
            new TimelineEntry(
                timeline.get(0).seq(), NOON, Kind.USER, ann.id(), "hello", null, null));
    assertThat(timeline.get(1).reply()).isEqualTo(Reply.text("Hello Ann"));
  }

  @Test
  void idsAreShortSlugsOfTheName() {
    assertThat(rooms.createRoom("Klas 3B – Zorgoverleg Ânne!").id())
        .matches("klas-3b-zorgoverleg-anne-[a-z0-9]{4}");
    assertThat(rooms.createRoom("🙂").id()).matches("room-[a-z0-9]{4}");
    assertThat(rooms.createPerson("x".repeat(60)).id()).matches("x{24}-[a-z0-9]{4}");
    assertThat(rooms.createPerson("Ann").id()).isNotEqualTo(rooms.createPerson("Ann").id());
  }

  @Test
  void listsRoomsAndPeopleByName() {
    Room zebra = rooms.createRoom("zz Zebra");
    Room alpha = rooms.createRoom("zz alpha");

    List<Room> listed = rooms.rooms();

    assertThat(listed.indexOf(alpha)).isLessThan(listed.indexOf(zebra));
  }

  @Test
  void everyoneSeesChannelMessagesAndOnlyTheRecipientSeesAPrivateOne() {
    Room room = rooms.createRoom("Private matters");
    rooms.postByKring(room.id(), Reply.text("For everyone"), null, NOON);
    rooms.postByKring(room.id(), Reply.text("For Ann only"), "ann-0000", NOON);

    assertThat(texts(rooms.timeline(room.id(), "ann-0000", 0)))
        .containsExactly("For everyone", "For Ann only");
    assertThat(texts(rooms.timeline(room.id(), "bob-0000", 0))).containsExactly("For everyone");
  }

  @Test
  void aTimelineAfterASequenceNumberHoldsOnlyLaterEntries() {
    Room room = rooms.createRoom("Later");
    TimelineEntry first = rooms.postByPerson(room.id(), "ann-0000", "one");
    TimelineEntry second = rooms.postByPerson(room.id(), "ann-0000", "two");

    assertThat(second.seq()).isGreaterThan(first.seq());
    assertThat(rooms.timeline(room.id(), "ann-0000", first.seq())).containsExactly(second);
    assertThat(rooms.timeline(room.id(), "ann-0000", second.seq())).isEmpty();
  }

  @Test
  void aTimelineKeepsOnlyItsNewest500Entries() {
    Room room = rooms.createRoom("Busy");
    List<TimelineEntry> posted = new ArrayList<>();
    for (int i = 0; i < Rooms.TIMELINE_CAP + 10; i++) {
      posted.add(rooms.postByPerson(room.id(), "ann-0000", "message " + i));
    }

    List<TimelineEntry> kept = rooms.timeline(room.id(), "ann-0000", 0);

    assertThat(kept).hasSize(Rooms.TIMELINE_CAP);
    assertThat(kept.get(0)).isEqualTo(posted.get(10));
    assertThat(kept.get(kept.size() - 1)).isEqualTo(posted.get(posted.size() - 1));
  }

  @Test
  void entriesPostedAtTheSameTimeKeepTheirSequenceOrder() throws Exception {
    Room room = rooms.createRoom("Crowded");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String author = "writer-" + w;
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    rooms.postByPerson(room.id(), author, "line " + i);
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdown();
    }

    List<TimelineEntry> timeline = rooms.timeline(room.id(), "anyone", 0);

    assertThat(timeline).hasSize(100);
    assertThat(timeline).isSortedAccordingTo((a, b) -> Long.compare(a.seq(), b.seq()));
  }

  @Test
  void aReaderPollingWhileOthersPostMissesNothingAndSeesNothingTwice() throws Exception {
    Room room = rooms.createRoom("Polled");
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Long> posted = new CopyOnWriteArrayList<>();
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 80; i++) {
                    posted.add(rooms.postByPerson(room.id(), "ann-0000", "line " + i).seq());
                  }
                }));
      }
      List<Long> polled = new ArrayList<>();
      long since = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while ((writers.stream().anyMatch(w -> !w.isDone()) || polled.size() < 240)
          && System.nanoTime() < deadline) {
        for (TimelineEntry entry : rooms.timeline(room.id(), "ann-0000", since)) {
          polled.add(entry.seq());
          since = entry.seq();
        }
      }

      for (Future<?> writer : writers) {
        writer.get();
      }
      assertThat(polled).containsExactlyElementsOf(posted.stream().sorted().toList());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void refusesToPostInARoomThatDoesNotExist() {
    assertThatThrownBy(() -> rooms.postByKring("gone-0000", Reply.text("Hello?"), null, NOON))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(redis.exists(keys.playgroundTimeline("gone-0000"))).isFalse();
  }

  private static List<String> texts(List<TimelineEntry> entries) {
    return entries.stream().map(e -> e.reply().summary()).toList();
  }
}
