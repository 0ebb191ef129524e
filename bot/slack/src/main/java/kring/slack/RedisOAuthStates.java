package kring.slack;

import com.slack.api.bolt.service.OAuthStateService;
import java.util.regex.Pattern;
import kring.storage.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The OAuth states of Slack installs in progress, in Redis, so that the install may start on one
 * node and come back on another. A state is valid ten minutes and used once.
 */
public final class RedisOAuthStates implements OAuthStateService {

  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9-]{16,64}");

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisOAuthStates(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public void addNewStateToDatastore(String state) {
    redis.set(
        keys.slackOAuthState(checked(state)),
        "1",
        SetParams.setParams().ex(getExpirationInSeconds()));
  }

  @Override
  public boolean isAvailableInDatabase(String state) {
    return state != null
        && STATE.matcher(state).matches()
        && redis.exists(keys.slackOAuthState(state));
  }

  @Override
  public void deleteStateFromDatastore(String state) {
    if (state != null && STATE.matcher(state).matches()) {
      redis.del(keys.slackOAuthState(state));
    }
  }

  private static String checked(String state) {
    if (state == null || !STATE.matcher(state).matches()) {
      throw new IllegalArgumentException("An OAuth state is a random token");
    }
    return state;
  }
}
