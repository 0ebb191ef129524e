package kring.teams;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
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

  private static final SecureRandom RANDOM = new SecureRandom();

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

  private <T> Optional<T> read(String key, Class<T> type) {
    String stored = redis.get(key);
    return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, type));
  }
}
