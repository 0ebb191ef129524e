package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The playground's simulated time in Redis, one for every node: Redis's own clock plus how far the
 * clock was moved ahead. It is kept across restarts and only ever moves forward, one step at a
 * time, each step by one script that moves it only from where its caller saw it.
 */
public final class RedisPlaygroundTime {

  private static final LuaScript NOW = LuaScript.named("playground-clock-now.lua");
  private static final LuaScript STEP = LuaScript.named("playground-clock-step.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisPlaygroundTime(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** The simulated time now: Redis's clock plus the offset, read in one go. */
  public Instant now() {
    List<?> read = (List<?>) NOW.run(redis, List.of(keys.playgroundClock()), List.of());
    long seconds = (Long) read.get(0);
    long micros = (Long) read.get(1);
    long offset = (Long) read.get(2);
    return Instant.ofEpochSecond(seconds, micros * 1000).plusMillis(offset);
  }

  /** How far the simulated time is ahead of Redis's clock. */
  public Duration offset() {
    String offset = redis.hget(keys.playgroundClock(), "offset");
    return Duration.ofMillis(offset == null ? 0 : Long.parseLong(offset));
  }

  /**
   * Moves the clock from {@code from} ahead to {@code to} ahead, if it still is {@code from} ahead;
   * a step sent again with the same id changes nothing more.
   *
   * @param step names this step, so that it counts once however often it is sent
   * @return whether this step moved the clock, with the offset after the call: when it did not,
   *     someone else moved the clock first, to that offset, and nothing changed
   */
  public Step step(Duration from, Duration to, String step) {
    if (to.compareTo(from) <= 0) {
      throw new IllegalArgumentException("The playground clock only moves forward");
    }
    List<?> after =
        (List<?>)
            STEP.run(
                redis,
                List.of(keys.playgroundClock()),
                List.of(Long.toString(from.toMillis()), Long.toString(to.toMillis()), step));
    return new Step((Long) after.get(0) == 1, Duration.ofMillis((Long) after.get(1)));
  }

  /**
   * What a step did.
   *
   * @param moved whether this step moved the clock
   * @param offset how far ahead the clock is after it
   */
  public record Step(boolean moved, Duration offset) {}
}
