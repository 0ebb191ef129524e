package kring.slack;

import java.util.Optional;
import kring.storage.RedisSlackWorkspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workspace with one bot token from the settings. When Slack refuses the token, the workspace
 * is marked broken in Redis, so no node keeps trying until the operator sets a new token and clears
 * the mark.
 */
public final class SingleWorkspace implements SlackWorkspaces {

  private static final Logger LOG = LoggerFactory.getLogger(SingleWorkspace.class);

  private final String token;
  private final RedisSlackWorkspaces stored;

  public SingleWorkspace(String token, RedisSlackWorkspaces stored) {
    if (token == null || !token.startsWith("xoxb-")) {
      throw new IllegalArgumentException("Slack's bot token starts with xoxb-");
    }
    this.token = token;
    this.stored = stored;
  }

  @Override
  public Optional<String> botToken(String team) {
    return stored.refused(team) ? Optional.empty() : Optional.of(token);
  }

  @Override
  public void broken(String team, String reason) {
    stored.refusedBecause(team, reason, false);
    LOG.warn(
        "Slack workspace {} refused Kring ({}): nothing is sent there until a new bot token is"
            + " set and the key {} is deleted",
        team,
        reason,
        stored.refusalKey(team));
  }
}
