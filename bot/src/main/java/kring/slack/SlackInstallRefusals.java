package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a workspace admin sees when an install through {@code /slack/oauth_redirect} does not go
 * through: a short page with a 4xx status (Bolt's own pages answer 200), and one INFO line naming
 * the reason, never the code or the state.
 */
public final class SlackInstallRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(SlackInstallRefusals.class);

  private SlackInstallRefusals() {}

  /** Puts Kring's refusals in place of Bolt's pages on an app that installs through OAuth. */
  public static App register(App app) {
    app.oauthCallbackError(
        (req, resp) ->
            refuse(
                403, "the admin cancelled in Slack", "The installation was cancelled in Slack."));
    app.oauthCallbackStateError(
        (req, resp) ->
            refuse(
                400,
                "an unknown or expired state",
                "This installation link is no longer valid. Start again from /slack/install."));
    app.oauthCallbackAccessError(
        (com.slack.api.bolt.service.builtin.oauth.OAuthV2AccessErrorHandler)
            (req, resp, access) ->
                refuse(
                    400,
                    "Slack did not accept the code (" + access.getError() + ")",
                    "Slack did not accept this installation. Start again from /slack/install."));
    app.oauthCallbackException(
        (req, resp, e) ->
            refuse(
                400,
                "the exchange failed (" + e.getClass().getSimpleName() + ")",
                "Kring could not finish this installation. Start again from /slack/install."));
    return app;
  }

  private static Response refuse(int status, String reason, String page) {
    LOG.info("Refused a Slack installation: {}", reason);
    return Response.builder()
        .statusCode(status)
        .contentType("text/plain; charset=utf-8")
        .body(page)
        .build();
  }
}
