package kring.playground;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import kring.core.reply.Reply;
import kring.playground.TimelineEntry.Kind;
import kring.storage.RedisPlaygroundRooms;
import tools.jackson.databind.json.JsonMapper;

/** The playground's rooms, people and timelines in Redis, so they outlive a restart of Kring. */
public final class RedisRooms implements Rooms {

  private static final int SCHEMA = 1;
  private static final int ID_ATTEMPTS = 20;
  private static final int TAIL_PAGE = 50;
  private static final String SEQ_PLACEHOLDER = "{\"seq\":0,";

  private static final Comparator<Room> ROOM_ORDER =
      Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Room::id);
  private static final Comparator<Person> PERSON_ORDER =
      Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Person::id);

  private final RedisPlaygroundRooms stored;
  private final Clock clock;
  private final JsonMapper json = PlaygroundJson.mapper();

  /**
   * @param stored where the rooms are kept
   * @param clock stamps what people write
   */
  public RedisRooms(RedisPlaygroundRooms stored, Clock clock) {
    this.stored = stored;
    this.clock = clock;
  }

  @Override
  public List<Room> rooms() {
    return all(stored.rooms(), Room::new, ROOM_ORDER);
  }

  @Override
  public Optional<Room> room(String id) {
    return stored.room(id).map(name -> new Room(id, name));
  }

  @Override
  public Room createRoom(String name) {
    return new Room(claimId(stored::newRoom, name, "room"), name);
  }

  @Override
  public List<Person> people() {
    return all(stored.people(), Person::new, PERSON_ORDER);
  }

  @Override
  public Optional<Person> person(String id) {
    return stored.person(id).map(name -> new Person(id, name));
  }

  @Override
  public Person createPerson(String name) {
    return new Person(claimId(stored::newPerson, name, "person"), name);
  }

  @Override
  public TimelineEntry postByPerson(String roomId, String personId, String text) {
    return append(
        roomId,
        new Stored(0, SCHEMA, clock.instant(), Kind.USER, personId, text, null, null, null));
  }

  @Override
  public TimelineEntry postByKring(String roomId, Reply reply, String visibleTo, Instant sentAt) {
    return append(
        roomId, new Stored(0, SCHEMA, sentAt, Kind.BOT, null, null, reply, visibleTo, null));
  }

  @Override
  public boolean removeByKring(String roomId, long seq) {
    return change(roomId, seq, null);
  }

  @Override
  public boolean updateByKring(String roomId, long seq, Reply reply) {
    return change(roomId, seq, reply);
  }

  /** Updates (or, with no reply, removes) Kring's entry {@code seq}, noting it for open pages. */
  private boolean change(String roomId, long seq, Reply reply) {
    Optional<Stored> before = kringEntry(roomId, seq);
    if (before.isEmpty()) {
      return false;
    }
    Stored was = before.get();
    String entry =
        reply == null
            ? ""
            : json.writeValueAsString(
                new Stored(
                    seq, SCHEMA, was.at(), Kind.BOT, null, null, reply, was.visibleTo(), null));
    String note =
        json.writeValueAsString(
            new Stored(0, SCHEMA, was.at(), Kind.BOT, null, null, reply, was.visibleTo(), seq));
    return stored.replaceKringEntry(roomId, seq, entry, note, TIMELINE_CAP) > 0;
  }

  /** Kring's entry with number {@code seq}, if the room's timeline still holds it. */
  private Optional<Stored> kringEntry(String roomId, long seq) {
    for (long end = -1; ; end -= TAIL_PAGE) {
      List<String> page = stored.timeline(roomId, end - TAIL_PAGE + 1, end);
      for (String item : page) {
        Stored entry = json.readValue(item, Stored.class);
        if (entry.seq() == seq && entry.kind() == Kind.BOT && entry.replaces() == null) {
          return Optional.of(entry);
        }
      }
      if (page.size() < TAIL_PAGE) {
        return Optional.empty();
      }
    }
  }

  @Override
  public List<TimelineEntry> timeline(String roomId, String viewerId, long afterSeq) {
    List<TimelineEntry> newestFirst = new ArrayList<>();
    long oldestRead = Long.MAX_VALUE;
    // Pages are read from the tail, because a poll usually wants only the last few entries.
    for (long end = -1; ; end -= TAIL_PAGE) {
      List<String> page = stored.timeline(roomId, end - TAIL_PAGE + 1, end);
      for (int i = page.size() - 1; i >= 0; i--) {
        TimelineEntry entry = json.readValue(page.get(i), Stored.class).entry();
        if (entry.seq() <= afterSeq) {
          return oldestFirst(newestFirst);
        }
        // Entries appended meanwhile shift older ones towards this page: skip what was read.
        if (entry.seq() < oldestRead) {
          oldestRead = entry.seq();
          if (entry.isVisibleTo(viewerId)) {
            newestFirst.add(entry);
          }
        }
      }
      if (page.size() < TAIL_PAGE) {
        return oldestFirst(newestFirst);
      }
    }
  }

  private static List<TimelineEntry> oldestFirst(List<TimelineEntry> newestFirst) {
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private TimelineEntry append(String roomId, Stored unnumbered) {
    String body = json.writeValueAsString(unnumbered);
    if (!body.startsWith(SEQ_PLACEHOLDER)) {
      throw new IllegalStateException("A stored entry must start with its sequence number");
    }
    long number = stored.append(roomId, body, TIMELINE_CAP);
    if (number == 0) {
      throw new IllegalArgumentException("There is no playground room " + roomId);
    }
    return unnumbered.entry(number);
  }

  private static <T> List<T> all(
      Map<String, String> names, BiFunction<String, String, T> make, Comparator<T> order) {
    return names.entrySet().stream()
        .map(e -> make.apply(e.getKey(), e.getValue()))
        .sorted(order)
        .toList();
  }

  private static String claimId(BiPredicate<String, String> take, String name, String fallback) {
    for (int i = 0; i < ID_ATTEMPTS; i++) {
      String id = Slugs.newId(name, fallback, ThreadLocalRandom.current());
      if (take.test(id, name)) {
        return id;
      }
    }
    throw new IllegalStateException(
        "No free id for " + fallback + " after " + ID_ATTEMPTS + " tries");
  }

  /** An entry as stored: its sequence number first, so the append script can fill it in. */
  private record Stored(
      long seq,
      int v,
      Instant at,
      Kind kind,
      String author,
      String text,
      Reply reply,
      String visibleTo,
      Long replaces) {

    TimelineEntry entry() {
      return entry(seq);
    }

    /** The entry with the sequence number the append script gave it. */
    TimelineEntry entry(long number) {
      return new TimelineEntry(number, at, kind, author, text, reply, visibleTo, replaces);
    }
  }
}
