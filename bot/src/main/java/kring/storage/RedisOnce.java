package kring.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
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
    String set =
        redis.set(
            keys.once(checked(scope), digest(id)),
            "1",
            SetParams.setParams().nx().px(remember.toMillis()));
    return "OK".equals(set);
  }

  /**
   * Keeps the answer given to the first delivery of {@code id}, for a redelivery to get the same.
   *
   * @param scope as for {@link #first}
   */
  public void keep(String scope, String id, String answer, Duration remember) {
    redis.set(
        keys.once(checked(scope) + "-answer", digest(id)),
        answer,
        SetParams.setParams().px(remember.toMillis()));
  }

  /** The answer kept for {@code id}, or empty while the first delivery is still at work. */
  public Optional<String> kept(String scope, String id) {
    return Optional.ofNullable(redis.get(keys.once(checked(scope) + "-answer", digest(id))));
  }

  private static String checked(String scope) {
    if (!scope.matches("[a-z-]{1,30}")) {
      throw new IllegalArgumentException("A scope is a short lower-case word: " + scope);
    }
    return scope;
  }

  private static String digest(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
