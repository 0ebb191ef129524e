package kring.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Who may act on the playground's clock, across nodes: the time machine alone while it moves the
 * clock, or else any number of background polls side by side. A hold runs out by itself unless its
 * holder renews it, so a node that dies holds nothing for long. A time machine that waits keeps new
 * polls from starting, so it gets its turn as soon as the polls that run have finished.
 */
public final class RedisPlaygroundLease {

  private static final LuaScript POLL = LuaScript.named("playground-lease-poll.lua");
  private static final LuaScript ALONE = LuaScript.named("playground-lease-alone.lua");
  private static final LuaScript RENEW = LuaScript.named("playground-lease-renew.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Clock real;
  private final Duration hold;
  private final Duration waitMark;

  /**
   * @param real the real time the holds run out by, never the simulated one
   * @param hold how long a hold lasts unless renewed
   * @param waitMark how long the mark of a waiting time machine lasts unless it asks again
   */
  public RedisPlaygroundLease(
      UnifiedJedis redis, RedisKeys keys, Clock real, Duration hold, Duration waitMark) {
    this.redis = redis;
    this.keys = keys;
    this.real = real;
    this.hold = hold;
    this.waitMark = waitMark;
  }

  /**
   * A poll with this id asks to run.
   *
   * @return the member it holds the lease as, or null when the time machine moves the clock or
   *     waits to, and the poll is to skip this run
   */
  public String poll(String id) {
    String member = "poll:" + id;
    return taken(POLL.run(redis, lease(), List.of(now(), member, millis(hold)))) ? member : null;
  }

  /**
   * The time machine with this id asks to move the clock.
   *
   * @return the member it holds the lease as, or null while anyone else holds it (it is then marked
   *     as waiting, and should ask again soon)
   */
  public String alone(String id) {
    Object taken = ALONE.run(redis, lease(), List.of(now(), id, millis(hold), millis(waitMark)));
    return taken(taken) ? "alone:" + id : null;
  }

  /** Renews a hold; false when it had run out or was given back. */
  public boolean renew(String member) {
    return taken(RENEW.run(redis, lease(), List.of(now(), member, millis(hold))));
  }

  /** Gives a hold back, or takes back the mark of a time machine that stopped waiting. */
  public void release(String member) {
    redis.zrem(keys.playgroundLease(), member);
  }

  /** The member that marks the time machine with this id as waiting. */
  public static String waiting(String id) {
    return "waiting:" + id;
  }

  private List<String> lease() {
    return List.of(keys.playgroundLease());
  }

  private String now() {
    return Long.toString(real.millis());
  }

  private static String millis(Duration duration) {
    return Long.toString(duration.toMillis());
  }

  private static boolean taken(Object answer) {
    return answer instanceof Long one && one == 1;
  }
}
