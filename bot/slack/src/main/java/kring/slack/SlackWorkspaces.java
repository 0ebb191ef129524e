package kring.slack;

import java.util.Optional;

/** The Slack workspaces Kring is installed in, and the bot token for each. */
public interface SlackWorkspaces {

  /** The bot token for a workspace, or empty when Kring is not (or no longer) installed there. */
  Optional<String> botToken(String team);

  /**
   * Slack refused the workspace's token or Kring was uninstalled: stop sending there until it is
   * installed again, and tell the operator.
   */
  void broken(String team, String reason);

  /**
   * Whether a workspace has installed Kring, so that what a person does there can be answered; with
   * one bot token from the settings, every workspace that reaches Kring has.
   */
  default boolean installed(String team) {
    return true;
  }
}
