package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.service.builtin.oauth.OAuthV2AccessErrorHandler;
import com.slack.api.bolt.service.builtin.oauth.OAuthV2SuccessHandler;
import com.slack.api.bolt.service.builtin.oauth.default_impl.OAuthV2DefaultSuccessHandler;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthRevokeResponse;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a workspace admin sees when an install through {@code /slack/oauth_redirect} does not go
 * through: a short page with a 4xx status (Bolt's own pages answer 200), and one INFO line naming
 * the reason, never the code, the state or a token.
 */
public final class SlackInstallRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(SlackInstallRefusals.class);
  private static final Pattern TEAM = Pattern.compile("[A-Z0-9]{1,32}");

  static final String ORG_WIDE =
      "Kring cannot be installed for a whole Enterprise Grid organisation. Install it in each"
          + " workspace that needs it instead, from /slack/install, choosing that workspace in"
          + " Slack.";

  private SlackInstallRefusals() {}

  /**
   * Puts Kring's refusals in place of Bolt's pages on an app that installs through OAuth; an
   * install for a whole organisation is refused and its token revoked at once, the others are kept
   * in {@code installations}.
   */
  public static App register(App app, InstallationService installations) {
    OAuthV2DefaultSuccessHandler keep =
        new OAuthV2DefaultSuccessHandler(app.config(), installations);
    app.oauthCallback(
        (OAuthV2SuccessHandler)
            (req, resp, access) ->
                oneWorkspace(access) ? keep.handle(req, resp, access) : refuseOrgWide(app, access));
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
        (OAuthV2AccessErrorHandler)
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

  /**
   * Whether Slack's answer installs Kring in one workspace, the only kind of install Kring keeps.
   */
  private static boolean oneWorkspace(OAuthV2AccessResponse access) {
    return !access.isEnterpriseInstall()
        && access.getTeam() != null
        && access.getTeam().getId() != null
        && TEAM.matcher(access.getTeam().getId()).matches();
  }

  private static Response refuseOrgWide(App app, OAuthV2AccessResponse access) {
    String outcome = revoke(app, access.getAccessToken());
    return refuse(400, "an install for a whole organisation (token " + outcome + ")", ORG_WIDE);
  }

  /** Gives back the token Slack just issued, so that nothing holds it; says how that went. */
  private static String revoke(App app, String token) {
    if (token == null || token.isBlank()) {
      return "none issued";
    }
    try {
      AuthRevokeResponse revoked = app.config().getSlack().methods(token).authRevoke(r -> r);
      return revoked.isOk() ? "revoked" : "not revoked: " + revoked.getError();
    } catch (IOException | SlackApiException e) {
      return "not revoked: " + e.getClass().getSimpleName();
    }
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
