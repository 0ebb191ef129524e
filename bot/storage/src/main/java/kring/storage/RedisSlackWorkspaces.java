package kring.storage;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * What Kring keeps about the Slack workspaces it is installed in: each workspace's installation as
 * the Slack adapter writes it (text it reads back as it wrote it), the mark of a workspace that
 * refused Kring's token, and the OAuth states of installs in progress, so that an install may start
 * on one node and finish on another. Ids are checked by the adapter before they get here.
 */
public final class RedisSlackWorkspaces {

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisSlackWorkspaces(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Keeps a workspace's installation and lifts a refusal mark it had. */
  public void installed(String team, String installation) {
    redis.set(keys.slackBot(team), installation);
    redis.del(keys.slackBroken(team));
  }

  public Optional<String> installation(String team) {
    return Optional.ofNullable(redis.get(keys.slackBot(team)));
  }

  public void uninstalled(String team) {
    redis.del(keys.slackBot(team));
  }

  /** Whether the workspace refused Kring's token: nothing is sent there until that is lifted. */
  public boolean refused(String team) {
    return redis.exists(keys.slackBroken(team));
  }

  /**
   * Marks the workspace as having refused Kring, with Slack's reason.
   *
   * @param forgetInstallation whether its installation goes too (an installed workspace installs
   *     Kring again to lift the mark; one configured by a bot token needs a new token)
   */
  public void refusedBecause(String team, String reason, boolean forgetInstallation) {
    redis.set(keys.slackBroken(team), reason);
    if (forgetInstallation) {
      redis.del(keys.slackBot(team));
    }
  }

  /** The key an operator deletes to lift the refusal mark by hand. */
  public String refusalKey(String team) {
    return keys.slackBroken(team);
  }

  /** Starts an install: its state is valid for {@code validity} and used once. */
  public void installStarted(String state, Duration validity) {
    redis.set(keys.slackOAuthState(state), "1", SetParams.setParams().ex(validity.toSeconds()));
  }

  public boolean installPending(String state) {
    return redis.exists(keys.slackOAuthState(state));
  }

  public void installEnded(String state) {
    redis.del(keys.slackOAuthState(state));
  }
}
