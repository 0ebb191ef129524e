package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kring.core.operations.Backlog;
import kring.core.operations.Backlog.CaseStage;
import kring.core.operations.Backlogs;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads the backlog from the outbox's, the pollers' and the retention clock's own indexes: nine
 * constant- or logarithmic-time commands, whatever the number of cases.
 */
public final class RedisBacklogs implements Backlogs {

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisBacklogs(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Backlog read(Instant now) {
    Map<CaseStage, Long> cases = new EnumMap<>(CaseStage.class);
    cases.put(CaseStage.OPEN, redis.zcard(keys.retentionActive()));
    cases.put(CaseStage.QUIET, redis.zcard(keys.retentionAsked()));
    cases.put(CaseStage.CLOSED, redis.zcard(keys.retentionClosed()));
    cases.put(CaseStage.ERASED, redis.scard(keys.erased()));
    return new Backlog(
        redis.zcard(keys.outboxDue()) + redis.zcard(keys.outboxInflight()),
        overdue(keys.outboxDue(), now),
        redis.llen(keys.outboxDead()),
        redis.zcount(keys.wakeDue(), Double.NEGATIVE_INFINITY, now.toEpochMilli()),
        overdue(keys.wakeDue(), now),
        cases);
  }

  /** How long ago the first entry of a sorted set scored by due time (epoch ms) came due. */
  private Duration overdue(String key, Instant now) {
    List<Tuple> first = redis.zrangeWithScores(key, 0, 0);
    if (first.isEmpty()) {
      return Duration.ZERO;
    }
    long waited = now.toEpochMilli() - (long) first.get(0).getScore();
    return waited > 0 ? Duration.ofMillis(waited) : Duration.ZERO;
  }
}
