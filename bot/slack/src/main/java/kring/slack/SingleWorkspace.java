package kring.slack;

import java.util.Optional;
import kring.storage.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * One workspace with one bot token from the settings. When Slack refuses the token, the workspace
 * is marked broken in Redis, so no node keeps trying until the operator sets a new token and clears
 * the mark.
 */
public final class SingleWorkspace implements SlackWorkspaces {

  private static final Logger LOG = LoggerFactory.getLogger(SingleWorkspace.class);

  private final String token;
  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public SingleWorkspace(String token, UnifiedJedis redis, RedisKeys keys) {
    if (token == null || !token.startsWith("xoxb-")) {
      throw new IllegalArgumentException("Slack's bot token starts with xoxb-");
    }
    this.token = token;
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Optional<String> botToken(String team) {
    return redis.exists(keys.slackBroken(team)) ? Optional.empty() : Optional.of(token);
  }

  @Override
  public void broken(String team, String reason) {
    redis.set(keys.slackBroken(team), reason);
    LOG.warn(
        "Slack workspace {} refused Kring ({}): nothing is sent there until a new bot token is"
            + " set and the key {} is deleted",
        team,
        reason,
        keys.slackBroken(team));
  }
}
