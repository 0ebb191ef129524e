package kring.storage;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * What the Teams adapter remembers in Redis, as text it reads back as it wrote it: the address of
 * every conversation Kring was spoken to in, the channels of each team, the people it met, private
 * content parked for one person, and each person's waiting notice of the day. The adapter checks
 * ids and chooses the format; this class keeps the keys and the atomic steps.
 */
public final class RedisTeamsMemory {

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

  public RedisTeamsMemory(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  public void address(ChannelRef channel, String address) {
    redis.set(keys.teamsChannel(channel), address);
  }

  public Optional<String> address(ChannelRef channel) {
    return Optional.ofNullable(redis.get(keys.teamsChannel(channel)));
  }

  /**
   * A conversation's address and a person's record, as read together ({@link #read}), and whether
   * the claim made with them was taken ({@code true} where none was made).
   */
  public record Read(Optional<String> address, Optional<String> person, boolean claimed) {}

  /**
   * Reads a conversation's address and a person's record, and records the conversation in its team
   * where it has one ({@link #channelsOf}), all in one round trip, with {@code claim} made in the
   * same round trip.
   *
   * @param teamId the team the conversation belongs to, or {@code null} for none
   * @param claim a claim of the delivery the conversation's activity is, or {@code null} for none
   */
  public Read read(
      ChannelRef channel, UserRef person, String tenant, String teamId, RedisOnce.Claim claim) {
    try (AbstractPipeline pipeline = redis.pipelined()) {
      Supplier<Boolean> claimed = claim == null ? () -> true : claim.in(pipeline);
      Response<String> address = pipeline.get(keys.teamsChannel(channel));
      if (teamId != null) {
        pipeline.sadd(keys.teamsTeam(tenant, teamId), channel.key());
      }
      Response<String> record = pipeline.get(keys.teamsPerson(person));
      pipeline.sync();
      return new Read(
          Optional.ofNullable(address.get()), Optional.ofNullable(record.get()), claimed.get());
    }
  }

  public void forgetAddress(ChannelRef channel) {
    redis.del(keys.teamsChannel(channel));
  }

  /** The keys of the channels recorded for a team. */
  public Set<String> channelsOf(String tenant, String teamId) {
    return redis.smembers(keys.teamsTeam(tenant, teamId));
  }

  public void person(UserRef person, String record) {
    redis.set(keys.teamsPerson(person), record);
  }

  public Optional<String> person(UserRef person) {
    return Optional.ofNullable(redis.get(keys.teamsPerson(person)));
  }

  /** Parks private content under its id for {@code keep}. */
  public void park(String id, String content, Duration keep) {
    redis.set(keys.teamsWaiting(id), content, SetParams.setParams().px(keep.toMillis()));
  }

  public Optional<String> parked(String id) {
    return Optional.ofNullable(redis.get(keys.teamsWaiting(id)));
  }

  /** Deletes parked content; {@code true} for the one caller that deleted it. */
  public boolean unpark(String id) {
    return redis.del(keys.teamsWaiting(id)) == 1;
  }

  /** What to do with the post of a notice after an item was added to it. */
  public enum Step {
    POST,
    UPDATE,
    WAIT
  }

  /**
   * The state of a notice once an item was added to it.
   *
   * @param step what the delivery that added the item is to do with the notice's post
   * @param activity the activity id of its post, or null before it was posted
   * @param count how many items wait under it
   */
  public record Added(Step step, String activity, int count) {}

  /**
   * Adds an item to a notice in one atomic step (see {@link #ADD}).
   *
   * @param delivery the id of the outbox message that brings the item: the one that may post it
   * @param lease how long a delivery that is posting the notice holds it
   * @param keep how long the notice lives after its last item
   */
  public Added addToNotice(
      String id,
      UserRef person,
      ChannelRef channel,
      String item,
      String delivery,
      long now,
      Duration lease,
      Duration keep) {
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
                    String.valueOf(lease.toMillis()),
                    String.valueOf(keep.toMillis())));
    String activity = (String) answer.get(1);
    return new Added(
        Step.valueOf(((String) answer.get(0)).toUpperCase(Locale.ROOT)),
        activity.isEmpty() ? null : activity,
        ((Long) answer.get(2)).intValue());
  }

  /** Records the activity id of a notice's post, unless the notice is gone (erased) meanwhile. */
  public void noticePosted(String id, String activity) {
    redis.eval(POSTED, List.of(keys.teamsNotice(id)), List.of(activity));
  }

  /** A notice's fields: {@code person}, {@code channel}, and one per item (see {@link #ADD}). */
  public Map<String, String> notice(String id) {
    return redis.hgetAll(keys.teamsNotice(id));
  }

  public void dropFromNotice(String id, String field) {
    redis.hdel(keys.teamsNotice(id), field);
  }
}
