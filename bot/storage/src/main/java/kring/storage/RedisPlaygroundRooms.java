package kring.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The playground's rooms, people and timelines in Redis, so that they outlive a restart of Kring:
 * names by id in two hashes, and each room's timeline as a capped list of entries the playground
 * writes as JSON, numbered as they are appended. The playground chooses ids and the entries' form.
 */
public final class RedisPlaygroundRooms {

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

  /**
   * Replaces Kring's entry with one sequence number by a newer state of it, where it stands, and
   * appends a note that it changed (or was removed, for an empty ARGV[2]) for the pages that showed
   * it already.
   */
  private static final String REPLACE =
      """
      local start = '{"seq":' .. ARGV[1] .. ','
      local entries = redis.call('LRANGE', KEYS[2], 0, -1)
      for i, entry in ipairs(entries) do
        if string.sub(entry, 1, #start) == start and string.find(entry, '"kind":"bot"', 1, true) then
          if ARGV[2] == '' then
            redis.call('LREM', KEYS[2], 1, entry)
          else
            redis.call('LSET', KEYS[2], i - 1, ARGV[2])
          end
          local seq = redis.call('INCR', KEYS[1])
          redis.call('RPUSH', KEYS[2], '{"seq":' .. seq .. ',' .. string.sub(ARGV[3], 10))
          redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
          return seq
        end
      end
      return 0
      """;

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisPlaygroundRooms(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Every room's name by its id. */
  public Map<String, String> rooms() {
    return redis.hgetAll(keys.playgroundRooms());
  }

  public Optional<String> room(String id) {
    return Optional.ofNullable(redis.hget(keys.playgroundRooms(), id));
  }

  /** Takes the id for a new room; {@code false} when it is taken. */
  public boolean newRoom(String id, String name) {
    return redis.hsetnx(keys.playgroundRooms(), id, name) == 1;
  }

  /** Every person's name by their id. */
  public Map<String, String> people() {
    return redis.hgetAll(keys.playgroundPeople());
  }

  public Optional<String> person(String id) {
    return Optional.ofNullable(redis.hget(keys.playgroundPeople(), id));
  }

  /** Takes the id for a new person; {@code false} when it is taken. */
  public boolean newPerson(String id, String name) {
    return redis.hsetnx(keys.playgroundPeople(), id, name) == 1;
  }

  /**
   * Numbers an entry and appends it to a room's timeline, keeping the newest {@code cap}.
   *
   * @param entry the entry, starting with {@code {"seq":0,} for the number to go in
   * @return its number, or 0 when there is no such room
   */
  public long append(String roomId, String entry, int cap) {
    Object seq =
        redis.eval(
            APPEND,
            List.of(
                keys.playgroundSequence(), keys.playgroundTimeline(roomId), keys.playgroundRooms()),
            List.of(entry, Integer.toString(cap), roomId));
    return seq instanceof Long number ? number : 0;
  }

  /**
   * Replaces Kring's entry with number {@code seq} by {@code entry} (its new state, numbered the
   * same), or removes it when {@code entry} is empty, and appends {@code note} (numbered as {@link
   * #append} numbers) so that pages that showed it learn of the change.
   *
   * @return the note's number, or 0 when the entry is not there
   */
  public long replaceKringEntry(String roomId, long seq, String entry, String note, int cap) {
    Object number =
        redis.eval(
            REPLACE,
            List.of(keys.playgroundSequence(), keys.playgroundTimeline(roomId)),
            List.of(Long.toString(seq), entry, note, Integer.toString(cap)));
    return number instanceof Long n ? n : 0;
  }

  /** The entries between two positions of a room's timeline (negative ones count from its end). */
  public List<String> timeline(String roomId, long start, long end) {
    return redis.lrange(keys.playgroundTimeline(roomId), start, end);
  }
}
