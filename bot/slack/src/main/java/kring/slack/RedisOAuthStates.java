package kring.slack;

import com.slack.api.bolt.service.OAuthStateService;
import java.time.Duration;
import java.util.regex.Pattern;
import kring.storage.RedisSlackWorkspaces;

/**
 * The OAuth states of Slack installs in progress, in Redis, so that the install may start on one
 * node and come back on another. A state is valid ten minutes and used once.
 */
public final class RedisOAuthStates implements OAuthStateService {

  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9-]{16,64}");

  private final RedisSlackWorkspaces stored;

  public RedisOAuthStates(RedisSlackWorkspaces stored) {
    this.stored = stored;
  }

  @Override
  public void addNewStateToDatastore(String state) {
    stored.installStarted(checked(state), Duration.ofSeconds(getExpirationInSeconds()));
  }

  @Override
  public boolean isAvailableInDatabase(String state) {
    return state != null && STATE.matcher(state).matches() && stored.installPending(state);
  }

  @Override
  public void deleteStateFromDatastore(String state) {
    if (state != null && STATE.matcher(state).matches()) {
      stored.installEnded(state);
    }
  }

  private static String checked(String state) {
    if (state == null || !STATE.matcher(state).matches()) {
      throw new IllegalArgumentException("An OAuth state is a random token");
    }
    return state;
  }
}
