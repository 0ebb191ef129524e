package kring.storage;

import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.privacy.RetentionIndex;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The retention clock's indexes in Redis: one sorted set of open cases by their last activity, one
 * of quiet cases whose coordinator was asked, one of closed cases by closing time and one of
 * erasures asked for. Each question reads only the due end of one set.
 */
public final class RedisRetentionIndex implements RetentionIndex {

  private static final LuaScript ACTIVE = LuaScript.named("retention-active.lua");
  private static final LuaScript CLOSED = LuaScript.named("retention-closed.lua");
  private static final LuaScript ASKED = LuaScript.named("retention-asked.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisRetentionIndex(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public void active(CaseCode code, Instant at) {
    // GT: a late writer with an older time never moves a case back towards being quiet.
    ACTIVE.run(
        redis,
        List.of(keys.retentionActive(), keys.retentionAsked()),
        List.of(code.value(), String.valueOf(at.toEpochMilli())));
  }

  @Override
  public boolean closed(CaseCode code, Instant at) {
    Object added =
        CLOSED.run(
            redis,
            List.of(keys.retentionClosed(), keys.retentionActive(), keys.retentionAsked()),
            List.of(code.value(), String.valueOf(at.toEpochMilli())));
    return Long.valueOf(1).equals(added);
  }

  @Override
  public void eraseAt(CaseCode code, Instant at) {
    redis.zadd(keys.erasureDue(), ms(at), code.value(), ZAddParams.zAddParams().lt());
  }

  @Override
  public List<CaseCode> quietSince(Instant cutoff, int max) {
    return upTo(keys.retentionActive(), cutoff, max);
  }

  @Override
  public boolean asked(CaseCode code, Instant at) {
    Object taken =
        ASKED.run(
            redis,
            List.of(keys.retentionActive(), keys.retentionAsked()),
            List.of(code.value(), String.valueOf(at.toEpochMilli())));
    return Long.valueOf(1).equals(taken);
  }

  @Override
  public List<CaseCode> askedBefore(Instant cutoff, int max) {
    return upTo(keys.retentionAsked(), cutoff, max);
  }

  @Override
  public List<CaseCode> closedBefore(Instant cutoff, int max) {
    return upTo(keys.retentionClosed(), cutoff, max);
  }

  @Override
  public List<CaseCode> erasuresDue(Instant now, int max) {
    return upTo(keys.erasureDue(), now, max);
  }

  @Override
  public void forget(CaseCode code) {
    for (String key : keysOfEveryCase()) {
      redis.zrem(key, code.value());
    }
  }

  /** The sorted sets that list a case among others. */
  List<String> keysOfEveryCase() {
    return List.of(
        keys.retentionActive(), keys.retentionAsked(), keys.retentionClosed(), keys.erasureDue());
  }

  private List<CaseCode> upTo(String key, Instant cutoff, int max) {
    return redis.zrangeByScore(key, Double.NEGATIVE_INFINITY, ms(cutoff), 0, max).stream()
        .filter(CaseCode::isValid)
        .map(CaseCode::new)
        .toList();
  }

  private static double ms(Instant at) {
    return at.toEpochMilli();
  }
}
