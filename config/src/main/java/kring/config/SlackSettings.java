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
    @NotNull(message = "set kring.slack.mode to http or socket") Mode mode,
    @Pattern(regexp = "^https?://\\S+/$", message = "must be an http(s) URL ending in /")
        String apiUrl,
    @Min(1) @Max(64) int workers) {

  /** How Slack reaches Kring. */
  public enum Mode {
    HTTP,
    SOCKET
  }

  /** Whether Slack is configured at all. */
  boolean on() {
    return botToken != null && !botToken.isBlank();
  }

  /** Refuses a combination that cannot work, with what to set. */
  void check() {
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
