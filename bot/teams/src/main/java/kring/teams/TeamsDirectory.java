package kring.teams;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.store.ShortDigest;
import kring.json.KringJson;
import kring.storage.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kring's Teams memory in Redis: the address of every conversation it was spoken to in, the people
 * it met, and private content waiting to be opened.
 */
public final class TeamsDirectory {

  /** How long private content waits to be opened before it is forgotten. */
  static final Duration WAITING = Duration.ofDays(7);

  /**
   * How long one delivery may take to post a person's waiting notice of the day before another
   * delivery (on any node) may post it instead: longer than a post may take.
   */
  static final Duration POSTING = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where a notice keeps what waits: one field per item, its value the order it came in. */
  private static final String ITEM = "w:";

  /**
   * Adds one item to a notice and says what to do with its post, atomically, so that two nodes
   * delivering to the same person at once post it once: update it when it was posted; else post it,
   * unless another delivery claimed that less than a lease ago (then wait). A retry of the delivery
   * that claimed it may post again; an item added again (a retry) changes nothing. KEYS[1] the
   * notice; ARGV: the person's key, the channel's key, the item's id, the delivery's id, now (epoch
   * ms), the lease (ms), the expiry (ms). Answers the step, the activity id (or ''), and how many
   * items wait.
   */
  private static final String ADD =
      """
      redis.call('HSET', KEYS[1], 'person', ARGV[1], 'channel', ARGV[2])
      if redis.call('HEXISTS', KEYS[1], 'w:' .. ARGV[3]) == 0 then
        redis.call('HSET', KEYS[1], 'w:' .. ARGV[3], redis.call('HINCRBY', KEYS[1], 'added', 1))
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[7])
      local count = 0
      for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
        if string.sub(field, 1, 2) == 'w:' then count = count + 1 end
      end
      local activity = redis.call('HGET', KEYS[1], 'activity')
      if activity then return {'update', activity, count} end
      local claim = redis.call('HGET', KEYS[1], 'claim')
      if claim then
        local by, at = string.match(claim, '^(%S+) (%d+)$')
        if by and by ~= ARGV[4] and tonumber(at) + tonumber(ARGV[6]) > tonumber(ARGV[5]) then
          return {'wait', '', count}
        end
      end
      redis.call('HSET', KEYS[1], 'claim', ARGV[4] .. ' ' .. ARGV[5])
      return {'post', '', count}
      """;

  /** Records the activity id of a notice's post, unless the notice is gone (erased) meanwhile. */
  private static final String POSTED =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], 'activity', ARGV[1])
      redis.call('HDEL', KEYS[1], 'claim')
      return 1
      """;

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final JsonMapper json = KringJson.mapper();

  public TeamsDirectory(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  void remember(ChannelRef channel, Address address) {
    redis.set(keys.teamsChannel(channel), json.writeValueAsString(address));
  }

  Optional<Address> address(ChannelRef channel) {
    return read(keys.teamsChannel(channel), Address.class);
  }

  void forget(ChannelRef channel) {
    redis.del(keys.teamsChannel(channel));
  }

  /** Records that a channel belongs to a team, so that the team's membership events reach it. */
  void inTeam(String tenant, String teamId, ChannelRef channel) {
    redis.sadd(keys.teamsTeam(tenant, teamId), channel.key());
  }

  /** The channels of a team Kring was spoken to in. */
  List<ChannelRef> channelsOf(String tenant, String teamId) {
    List<ChannelRef> channels = new ArrayList<>();
    for (String key : redis.smembers(keys.teamsTeam(tenant, teamId))) {
      try {
        channels.add(ChannelRef.parse(key));
      } catch (IllegalArgumentException e) {
        // Not a channel key: nothing to reach.
      }
    }
    return channels;
  }

  /** Records the person's Teams id and name, keeping a personal chat already known. */
  void met(UserRef person, String teamsId, String name) {
    TeamsPerson known = person(person).orElse(null);
    Address chat = known == null ? null : known.personalChat();
    TeamsPerson now = new TeamsPerson(teamsId, name, chat);
    if (!now.equals(known)) {
      redis.set(keys.teamsPerson(person), json.writeValueAsString(now));
    }
  }

  void personalChat(UserRef person, String teamsId, String name, Address chat) {
    TeamsPerson now = new TeamsPerson(teamsId, name, chat);
    if (!now.equals(person(person).orElse(null))) {
      redis.set(keys.teamsPerson(person), json.writeValueAsString(now));
    }
  }

  Optional<TeamsPerson> person(UserRef person) {
    return read(keys.teamsPerson(person), TeamsPerson.class);
  }

  /** Parks private content under a new random id, which is returned for its button. */
  String park(Waiting waiting) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    park(id, waiting);
    return id;
  }

  /** Parks private content under the id its button carries (32 hexadecimal digits). */
  void park(String id, Waiting waiting) {
    redis.set(
        keys.teamsWaiting(id),
        json.writeValueAsString(waiting),
        SetParams.setParams().px(WAITING.toMillis()));
  }

  /** Private content for this person, forgotten as it is handed out; anyone else gets nothing. */
  Optional<Waiting> open(String id, UserRef opener) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    String key = keys.teamsWaiting(id);
    Optional<Waiting> waiting = read(key, Waiting.class);
    if (waiting.isEmpty() || !waiting.get().person().equals(opener.key())) {
      return Optional.empty();
    }
    return redis.del(key) == 1 ? waiting : Optional.empty();
  }

  /** What to do with the post of a person's waiting notice of the day. */
  enum Step {
    POST,
    UPDATE,
    WAIT
  }

  /**
   * A person's waiting notice of the day in one channel, once an item was added to it.
   *
   * @param id what its button carries
   * @param step what the delivery that added the item is to do with its post
   * @param activity the activity id of its post, when it was posted
   * @param count how many items wait under it
   */
  record Notice(String id, Step step, String activity, int count) {}

  /** One item of a notice and its content, when that is still kept. */
  record Item(String id, Waiting waiting) {}

  /**
   * Adds an item (parked already) to a person's waiting notice of the day in a channel.
   *
   * @param day the day it is for the school, as {@code yyyy-mm-dd}
   * @param delivery the id of the outbox message that brings it: the one that may post the notice
   */
  Notice notice(
      UserRef person, ChannelRef channel, String day, String item, String delivery, long now) {
    String id = ShortDigest.of("notice|" + person.key() + "|" + channel.key() + "|" + day);
    List<?> answer =
        (List<?>)
            redis.eval(
                ADD,
                List.of(keys.teamsNotice(id)),
                List.of(
                    person.key(),
                    channel.key(),
                    item,
                    delivery,
                    String.valueOf(now),
                    String.valueOf(POSTING.toMillis()),
                    String.valueOf(WAITING.toMillis())));
    String activity = (String) answer.get(1);
    return new Notice(
        id,
        Step.valueOf(((String) answer.get(0)).toUpperCase(java.util.Locale.ROOT)),
        activity.isEmpty() ? null : activity,
        ((Long) answer.get(2)).intValue());
  }

  /** Records the activity id of a notice's post, so that later items update it in place. */
  void noticePosted(String id, String activity) {
    redis.eval(POSTED, List.of(keys.teamsNotice(id)), List.of(activity));
  }

  /**
   * What waits for this person under a notice, newest first; empty when there is no such notice or
   * it is someone else's. Items whose content is gone (opened forms, expired) are dropped from it.
   */
  Optional<List<Item>> waitingUnder(String id, UserRef opener) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    String key = keys.teamsNotice(id);
    Map<String, String> notice = redis.hgetAll(key);
    if (!opener.key().equals(notice.get("person"))) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> fields =
        notice.entrySet().stream()
            .filter(e -> e.getKey().startsWith(ITEM))
            .sorted(
                Comparator.comparing((Map.Entry<String, String> e) -> order(e.getValue()))
                    .reversed())
            .toList();
    List<Item> items = new ArrayList<>();
    for (Map.Entry<String, String> field : fields) {
      String item = field.getKey().substring(ITEM.length());
      Optional<Waiting> waiting =
          item.matches("[0-9a-f]{32}")
              ? read(keys.teamsWaiting(item), Waiting.class)
              : Optional.empty();
      if (waiting.isPresent() && waiting.get().person().equals(opener.key())) {
        items.add(new Item(item, waiting.get()));
      } else {
        redis.hdel(key, field.getKey());
      }
    }
    return Optional.of(items);
  }

  private static long order(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private <T> Optional<T> read(String key, Class<T> type) {
    String stored = redis.get(key);
    return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, type));
  }
}
