package kring.storage;

import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.privacy.RetentionIndex;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The retention clock's indexes in Redis: one sorted set of open cases by their last activity, one
 * of quiet cases whose coordinator was asked, one of closed cases by closing time and one of
 * erasures asked for. Each question reads only the due end of one set.
 */
public final class RedisRetentionIndex implements RetentionIndex {

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisRetentionIndex(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public void active(CaseCode code, Instant at) {
    try (AbstractTransaction multi = redis.multi()) {
      // GT: a late writer with an older time never moves a case back towards being quiet.
      multi.zadd(keys.retentionActive(), ms(at), code.value(), ZAddParams.zAddParams().gt());
      multi.zrem(keys.retentionAsked(), code.value());
      multi.exec();
    }
  }

  @Override
  public boolean closed(CaseCode code, Instant at) {
    try (AbstractTransaction multi = redis.multi()) {
      Response<Long> added =
          multi.zadd(keys.retentionClosed(), ms(at), code.value(), ZAddParams.zAddParams().nx());
      multi.zrem(keys.retentionActive(), code.value());
      multi.zrem(keys.retentionAsked(), code.value());
      multi.exec();
      return added.get() == 1;
    }
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
    try (AbstractTransaction multi = redis.multi()) {
      Response<Long> taken = multi.zrem(keys.retentionActive(), code.value());
      multi.zadd(keys.retentionAsked(), ms(at), code.value(), ZAddParams.zAddParams().nx());
      multi.exec();
      return taken.get() == 1;
    }
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
    try (AbstractTransaction multi = redis.multi()) {
      for (String key : keysOfEveryCase()) {
        multi.zrem(key, code.value());
      }
      multi.exec();
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
