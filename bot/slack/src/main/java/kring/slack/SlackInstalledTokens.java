package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.middleware.builtin.MultiTeamsAuthorization;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where workspaces install Kring themselves: each request gets its workspace's bot token and the
 * bot's ids from the installation Kring keeps, as the one bot token does in a single workspace.
 * Bolt's own check would ask Slack's {@code auth.test} on every request and answer Slack with a 503
 * whenever Slack rate-limits or cannot answer that call; a token Slack no longer accepts shows on
 * its first use instead ({@code invalid_auth}, {@code token_revoked}) and with the {@code
 * app_uninstalled} and {@code tokens_revoked} events, each marking the workspace broken.
 */
public final class SlackInstalledTokens implements Middleware {

  private static final Logger LOG = LoggerFactory.getLogger(SlackInstalledTokens.class);

  private final RedisInstallations installations;

  private SlackInstalledTokens(RedisInstallations installations) {
    this.installations = installations;
  }

  /**
   * A Bolt app for workspaces that install Kring, with this middleware where Bolt would check the
   * installation's token with {@code auth.test}.
   */
  public static App app(AppConfig config, RedisInstallations installations) {
    SlackInstalledTokens tokens = new SlackInstalledTokens(installations);
    App app =
        new App(config) {
          @Override
          protected List<Middleware> buildDefaultMiddlewareList(AppConfig settings) {
            List<Middleware> chain = new ArrayList<>();
            for (Middleware each : super.buildDefaultMiddlewareList(settings)) {
              chain.add(each instanceof MultiTeamsAuthorization ? tokens : each);
            }
            return chain;
          }
        };
    app.service(installations);
    return app;
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (req.getRequestType() == null
        || MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType())
        || MiddlewareOps.isNoTokenRequiredRequest(req)) {
      return chain.next(req);
    }
    Context context = req.getContext();
    Bot bot = installations.findBot(context.getEnterpriseId(), context.getTeamId());
    if (bot == null || bot.getBotAccessToken() == null) {
      // As Bolt answers a workspace it has no installation for.
      LOG.info("Refused a Slack request from a workspace without Kring");
      return Response.builder()
          .statusCode(401)
          .contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
          .body("{\"error\":\"a request for an unknown workspace detected\"}")
          .build();
    }
    context.setBotToken(bot.getBotAccessToken());
    context.setBotUserId(bot.getBotUserId());
    context.setBotId(bot.getBotId());
    return chain.next(req);
  }
}
