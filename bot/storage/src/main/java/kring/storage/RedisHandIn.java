package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.json.KringJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands the messages a case's commit kept with the case to the outbox. The node that committed does
 * it at once; if it died first, the case is in a small index of cases with messages waiting (sent
 * just before the commit, in its round trip), and any node's outbox poller hands them in after a
 * short grace. On a Redis Cluster the index lives on another node than the case: an entry lost
 * there is found again from the cases' own keys ({@link #repair}). Handing in twice is harmless:
 * the outbox remembers what it took in.
 */
public final class RedisHandIn {

  private static final Logger LOG = LoggerFactory.getLogger(RedisHandIn.class);
  private static final LuaScript HAND_IN = LuaScript.named("outbox-hand-in.lua");
  private static final LuaScript HANDED = LuaScript.named("case-handed.lua");
  private static final int MOST_AT_ONCE = 100;

  /** How long the outbox remembers the ids of messages handed in from cases. */
  static final Duration HANDED_REMEMBERED = Duration.ofDays(2);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final JsonMapper json = KringJson.mapper();

  public RedisHandIn(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * Before a commit with messages, in its pipeline: the case goes in the index, if it is not there
   * already.
   */
  void announce(AbstractPipeline pipeline, CaseCode code, Instant now) {
    pipeline.zadd(
        keys.wakeOutbox(), now.toEpochMilli(), code.value(), ZAddParams.zAddParams().nx());
  }

  /**
   * Hands in everything the case keeps for the outbox; then takes it out of the index.
   *
   * @param now Kring's clock: the outbox remembers the ids it took in for two days from then
   */
  void handIn(CaseCode code, Instant now) {
    String waiting = keys.caseOutbox(code);
    while (true) {
      List<String> items = redis.lrange(waiting, 0, MOST_AT_ONCE - 1L);
      if (items.isEmpty()) {
        redis.zrem(keys.wakeOutbox(), code.value());
        return;
      }
      for (String item : items) {
        read(item).ifPresent(fields -> takeIn(fields, now.toEpochMilli()));
      }
      List<String> args = new ArrayList<>();
      args.add(String.valueOf(items.size()));
      args.addAll(items);
      Object left = HANDED.run(redis, List.of(waiting), args);
      if (Long.valueOf(0).equals(left)) {
        redis.zrem(keys.wakeOutbox(), code.value());
        return;
      }
    }
  }

  /** Hands in the messages of cases whose committing node did not do it by {@code before}. */
  int handInLate(Instant before, Instant now) {
    List<String> codes =
        redis.zrangeByScore(keys.wakeOutbox(), Double.NEGATIVE_INFINITY, before.toEpochMilli());
    for (String code : codes) {
      if (CaseCode.isValid(code)) {
        handIn(new CaseCode(code), now);
      } else {
        redis.zrem(keys.wakeOutbox(), code);
      }
    }
    return codes.size();
  }

  /**
   * Hands in what any case keeps for the outbox, found from the cases' own keys: for a case whose
   * entry in the index was lost (its node died, or a failover lost the entry but kept the commit).
   *
   * @return how many cases had messages waiting
   */
  public int repair(Instant now) {
    String key = keys.caseOutbox(new CaseCode("K-2222"));
    String start = key.substring(0, key.indexOf('{') + 1);
    String end = key.substring(key.indexOf('}'));
    int found = 0;
    for (String waiting : RedisScan.keys(redis, start + "*" + end)) {
      String code = waiting.substring(start.length(), waiting.length() - end.length());
      if (CaseCode.isValid(code) && redis.llen(waiting) > 0) {
        handIn(new CaseCode(code), now);
        found++;
      }
    }
    return found;
  }

  private void takeIn(List<String> fields, long now) {
    String id = fields.get(0);
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(now));
    args.add(String.valueOf(HANDED_REMEMBERED.toMillis()));
    args.addAll(fields);
    HAND_IN.run(
        redis,
        List.of(
            keys.outboxMessage(id), keys.outboxDue(), keys.outboxHandedIn(), keys.outboxFirst()),
        args);
  }

  private Optional<List<String>> read(String item) {
    try {
      List<String> fields = List.of(json.readValue(item, String[].class));
      if (fields.size() >= 2) {
        return Optional.of(fields);
      }
    } catch (JacksonException e) {
      // Falls through: what nobody can read cannot be sent.
    }
    LOG.warn("Dropped a message kept with a case that Kring cannot read");
    return Optional.empty();
  }
}
