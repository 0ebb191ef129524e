package kring.playground;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import kring.core.reply.Reply;
import kring.playground.TimelineEntry.Kind;
import kring.storage.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/** The playground's rooms, people and timelines in Redis, so they outlive a restart of Kring. */
public final class RedisRooms implements Rooms {

  private static final int SCHEMA = 1;
  private static final int ID_ATTEMPTS = 20;
  private static final int TAIL_PAGE = 50;
  private static final String SEQ_PLACEHOLDER = "{\"seq\":0,";

  /**
   * Numbers and appends an entry in one step, so timeline order always equals sequence order and a
   * reader polling "after n" never skips an entry that was numbered earlier but stored later.
   */
  private static final String APPEND =
      """
      if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 0 then
        return 0
      end
      local seq = redis.call('INCR', KEYS[1])
      redis.call('RPUSH', KEYS[2], '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 10))
      redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
      return seq
      """;

  /** Removes Kring's entry with one sequence number from a timeline. */
  private static final String REMOVE =
      """
      local start = '{"seq":' .. ARGV[1] .. ','
      for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
        if string.sub(entry, 1, #start) == start and string.find(entry, '"kind":"bot"', 1, true) then
          return redis.call('LREM', KEYS[1], 1, entry)
        end
      end
      return 0
      """;

  private static final Comparator<Room> ROOM_ORDER =
      Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Room::id);
  private static final Comparator<Person> PERSON_ORDER =
      Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Person::id);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final JsonMapper json = PlaygroundJson.mapper();

  /**
   * @param redis the Redis Kring keeps its state in
   * @param keys the key registry
   * @param clock stamps what people write
   */
  public RedisRooms(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public List<Room> rooms() {
    return all(keys.playgroundRooms(), Room::new, ROOM_ORDER);
  }

  @Override
  public Optional<Room> room(String id) {
    return one(keys.playgroundRooms(), id, Room::new);
  }

  @Override
  public Room createRoom(String name) {
    return new Room(claimId(keys.playgroundRooms(), name, "room"), name);
  }

  @Override
  public List<Person> people() {
    return all(keys.playgroundPeople(), Person::new, PERSON_ORDER);
  }

  @Override
  public Optional<Person> person(String id) {
    return one(keys.playgroundPeople(), id, Person::new);
  }

  @Override
  public Person createPerson(String name) {
    return new Person(claimId(keys.playgroundPeople(), name, "person"), name);
  }

  @Override
  public TimelineEntry postByPerson(String roomId, String personId, String text) {
    return append(
        roomId, new Stored(0, SCHEMA, clock.instant(), Kind.USER, personId, text, null, null));
  }

  @Override
  public TimelineEntry postByKring(String roomId, Reply reply, String visibleTo, Instant sentAt) {
    return append(roomId, new Stored(0, SCHEMA, sentAt, Kind.BOT, null, null, reply, visibleTo));
  }

  @Override
  public boolean removeByKring(String roomId, long seq) {
    Object removed =
        redis.eval(REMOVE, List.of(keys.playgroundTimeline(roomId)), List.of(Long.toString(seq)));
    return removed instanceof Long count && count > 0;
  }

  @Override
  public List<TimelineEntry> timeline(String roomId, String viewerId, long afterSeq) {
    String key = keys.playgroundTimeline(roomId);
    List<TimelineEntry> newestFirst = new ArrayList<>();
    long oldestRead = Long.MAX_VALUE;
    // Pages are read from the tail, because a poll usually wants only the last few entries.
    for (long end = -1; ; end -= TAIL_PAGE) {
      List<String> page = redis.lrange(key, end - TAIL_PAGE + 1, end);
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
    Object seq =
        redis.eval(
            APPEND,
            List.of(
                keys.playgroundSequence(), keys.playgroundTimeline(roomId), keys.playgroundRooms()),
            List.of(body, Integer.toString(TIMELINE_CAP), roomId));
    if (!(seq instanceof Long number) || number == 0) {
      throw new IllegalArgumentException("There is no playground room " + roomId);
    }
    return unnumbered.entry(number);
  }

  private <T> List<T> all(String hash, BiFunction<String, String, T> make, Comparator<T> order) {
    return redis.hgetAll(hash).entrySet().stream()
        .map(e -> make.apply(e.getKey(), e.getValue()))
        .sorted(order)
        .toList();
  }

  private <T> Optional<T> one(String hash, String id, BiFunction<String, String, T> make) {
    return Optional.ofNullable(redis.hget(hash, id)).map(name -> make.apply(id, name));
  }

  private String claimId(String hash, String name, String fallback) {
    for (int i = 0; i < ID_ATTEMPTS; i++) {
      String id = Slugs.newId(name, fallback, ThreadLocalRandom.current());
      if (redis.hsetnx(hash, id, name) == 1) {
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
      String visibleTo) {

    TimelineEntry entry() {
      return entry(seq);
    }

    /** The entry with the sequence number the append script gave it. */
    TimelineEntry entry(long number) {
      return new TimelineEntry(number, at, kind, author, text, reply, visibleTo);
    }
  }
}
