package kring.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import kring.core.store.ShortDigest;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Remembers which incoming platform events were already handled, so that a retried delivery
 * (Slack's {@code X-Slack-Retry-Num}, a Teams redelivery) has exactly one effect, on any node.
 */
public final class RedisOnce {

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisOnce(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * Whether this is the first time {@code id} is seen in {@code scope} within {@code remember}.
   * Atomic: of two nodes receiving the same event at once, exactly one gets {@code true}.
   *
   * @param scope a short fixed word of the caller, such as {@code slack-event}
   * @param id the platform's id of the event; any text, it is hashed before it becomes a key
   */
  public boolean first(String scope, String id, Duration remember) {
    String set = redis.set(key(scope, id), "1", SetParams.setParams().nx().px(remember.toMillis()));
    return "OK".equals(set);
  }

  /**
   * Takes a platform's delivery for handling, on one node at a time: {@code true} when nobody
   * handled it within its remembered time ({@link #done}) and no node is handling it now. A node
   * that dies while handling it holds it only for {@code lease}: the platform's next try is then
   * handled (and a case that already committed its turn does not commit it again, {@link
   * kring.core.store.DeliveredBefore}).
   *
   * @param scope a short fixed word of the caller, such as {@code teams-activity}
   * @param id the platform's id of the delivery; any text, it is hashed before it becomes a key
   */
  public boolean claim(String scope, String id, Duration lease) {
    return first(scope, id, lease);
  }

  /**
   * A {@link #claim} to be made together with what another store of Kring reads in one round trip
   * ({@link RedisTeamsMemory#read}).
   */
  public Claim claiming(String scope, String id, Duration lease) {
    return new Claim(key(scope, id), lease);
  }

  /** A claim of a delivery, made in a pipeline with other commands. */
  public static final class Claim {
    private final String key;
    private final Duration lease;

    private Claim(String key, Duration lease) {
      this.key = key;
      this.lease = lease;
    }

    /** Puts the claim in the pipeline; whether it was taken comes once the pipeline was sent. */
    Supplier<Boolean> in(AbstractPipeline pipeline) {
      Response<String> set =
          pipeline.set(key, "1", SetParams.setParams().nx().px(lease.toMillis()));
      return () -> "OK".equals(set.get());
    }
  }

  /** What {@link #firstThenClaim} found. */
  public enum Seen {
    /** Both new: the request is handled, and this node holds the delivery. */
    NEW,
    /** The first id was seen before: a replay, to be dropped. */
    REPEATED,
    /** The first id is new, but the delivery is handled or being handled already. */
    CLAIMED_ELSEWHERE
  }

  /**
   * {@link #first} of one id and {@link #claim} of another, in one round trip to Redis: for a
   * request that is itself new once (its signature) and carries a delivery that is handled once
   * (its event id), however often the platform sends it. A claim made for a repeated request is
   * given back, so it never holds up the platform's own next try.
   */
  public Seen firstThenClaim(
      String scope,
      String id,
      Duration remember,
      String claimScope,
      String claimId,
      Duration lease) {
    String firstKey = key(scope, id);
    String claimKey = key(claimScope, claimId);
    boolean isFirst;
    boolean claimed;
    try (AbstractPipeline both = redis.pipelined()) {
      Response<String> one =
          both.set(firstKey, "1", SetParams.setParams().nx().px(remember.toMillis()));
      Response<String> two =
          both.set(claimKey, "1", SetParams.setParams().nx().px(lease.toMillis()));
      both.sync();
      isFirst = "OK".equals(one.get());
      claimed = "OK".equals(two.get());
    }
    if (!isFirst) {
      if (claimed) {
        redis.del(claimKey);
      }
      return Seen.REPEATED;
    }
    return claimed ? Seen.NEW : Seen.CLAIMED_ELSEWHERE;
  }

  /** The delivery was handled: it is remembered for {@code remember}, whoever asks again. */
  public void done(String scope, String id, Duration remember) {
    redis.set(key(scope, id), "1", SetParams.setParams().px(remember.toMillis()));
  }

  /**
   * Handling the delivery failed before anything was stored: the platform's next try may handle it.
   */
  public void release(String scope, String id) {
    redis.del(key(scope, id));
  }

  /**
   * Keeps the answer given to the first delivery of {@code id}, for a redelivery to get the same.
   *
   * @param scope as for {@link #first}
   */
  public void keep(String scope, String id, String answer, Duration remember) {
    redis.set(key(scope + "-answer", id), answer, SetParams.setParams().px(remember.toMillis()));
  }

  /** The answer kept for {@code id}, or empty while the first delivery is still at work. */
  public Optional<String> kept(String scope, String id) {
    return Optional.ofNullable(redis.get(key(scope + "-answer", id)));
  }

  private String key(String scope, String id) {
    if (!scope.matches("[a-z-]{1,30}")) {
      throw new IllegalArgumentException("A scope is a short lower-case word: " + scope);
    }
    return keys.once(scope, ShortDigest.of(id));
  }
}
