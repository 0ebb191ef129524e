package kring.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Kring on Slack. Secrets come from the environment only; an empty bot token leaves Slack off.
 *
 * @param botToken the bot token of a single workspace, {@code xoxb-…} (KRING_SLACK_BOT_TOKEN)
 * @param signingSecret checks that HTTP requests come from Slack (KRING_SLACK_SIGNING_SECRET)
 * @param appToken the app-level token for Socket Mode, {@code xapp-…} (KRING_SLACK_APP_TOKEN)
 * @param clientId the app's client id, for installs in many workspaces through /slack/install
 *     (KRING_SLACK_CLIENT_ID); empty for a single workspace with a bot token
 * @param clientSecret the app's client secret, with the client id (KRING_SLACK_CLIENT_SECRET)
 * @param mode {@code http} (Slack calls /slack/events) or {@code socket} (Kring connects out, no
 *     public URL needed) (KRING_SLACK_MODE)
 * @param apiUrl where Slack's Web API lives; only tests change it (KRING_SLACK_API_URL)
 * @param workers threads that run the work after each acknowledgement (KRING_SLACK_WORKERS)
 */
@Validated
@ConfigurationProperties("kring.slack")
public record SlackSettings(
    @Pattern(regexp = "^$|^xoxb-\\S+$", message = "must be empty or a bot token (xoxb-…)")
        String botToken,
    String signingSecret,
    @Pattern(regexp = "^$|^xapp-\\S+$", message = "must be empty or an app-level token (xapp-…)")
        String appToken,
    String clientId,
    String clientSecret,
    @NotNull(message = "set kring.slack.mode to http or socket") Mode mode,
    @Pattern(regexp = "^https?://\\S+/$", message = "must be an http(s) URL ending in /")
        String apiUrl,
    @Min(1) @Max(64) int workers) {

  /** How Slack reaches Kring. */
  public enum Mode {
    HTTP,
    SOCKET
  }

  /** Whether workspaces install Kring through OAuth rather than with one bot token. */
  boolean multiWorkspace() {
    return clientId != null && !clientId.isBlank();
  }

  /** Refuses a combination that cannot work, with what to set. */
  void check() {
    if (multiWorkspace() && (clientSecret == null || clientSecret.isBlank())) {
      throw new IllegalStateException(
          "Installing Slack in many workspaces needs the client secret: set"
              + " KRING_SLACK_CLIENT_SECRET");
    }
    if (multiWorkspace() && mode == Mode.SOCKET) {
      throw new IllegalStateException(
          "The Slack install flow needs HTTP mode (Slack redirects to /slack/oauth_redirect): set"
              + " KRING_SLACK_MODE=http");
    }
    if (!multiWorkspace() && (botToken == null || botToken.isBlank())) {
      throw new IllegalStateException(
          "Slack needs a bot token (KRING_SLACK_BOT_TOKEN) or a client id for installs"
              + " (KRING_SLACK_CLIENT_ID)");
    }
    if (mode == Mode.HTTP && (signingSecret == null || signingSecret.isBlank())) {
      throw new IllegalStateException(
          "Slack in HTTP mode needs its signing secret: set KRING_SLACK_SIGNING_SECRET");
    }
    if (mode == Mode.SOCKET && (appToken == null || appToken.isBlank())) {
      throw new IllegalStateException(
          "Slack in Socket Mode needs an app-level token: set KRING_SLACK_APP_TOKEN (xapp-…)");
    }
  }
}
