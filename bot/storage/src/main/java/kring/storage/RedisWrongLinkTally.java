package kring.storage;

import java.time.Duration;
import java.util.List;
import kring.core.conversation.family.WrongLinkTally;
import redis.clients.jedis.UnifiedJedis;

/**
 * Wrong family links counted in Redis, so that every node behind a load balancer sees the same
 * count: one expiring counter per client ({@code {family}:wrong:<digest>}), counted and read by one
 * script in one round trip; the window's expiry is set with its first wrong link and ends it.
 */
public final class RedisWrongLinkTally implements WrongLinkTally {

  private static final LuaScript COUNT = LuaScript.named("family-wrong.lua");

  /** The window a check gives a count that has somehow lost its expiry. */
  private static final Duration REPAIR = Duration.ofMinutes(10);

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisWrongLinkTally(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Tally check(String client, int allowed) {
    return run(client, "check", allowed, REPAIR);
  }

  @Override
  public Tally wrong(String client, Duration window) {
    return run(client, "wrong", 0, window);
  }

  private Tally run(String client, String what, int allowed, Duration window) {
    List<?> result =
        (List<?>)
            COUNT.run(
                redis,
                List.of(keys.familyWrong(client)),
                List.of(what, Integer.toString(allowed), Long.toString(window.toMillis())));
    long wrong = (Long) result.get(0);
    return wrong == 0 ? Tally.NONE : new Tally(wrong, Duration.ofMillis((Long) result.get(1)));
  }
}
