package kring.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who Kring is in its one Slack workspace, as {@code auth.test} tells: the workspace, the bot user
 * and the bot. Kring starts without it when Slack cannot be reached, asks again with a growing
 * pause, logs what Slack answered each time, and says so to the readiness check meanwhile. Its
 * middleware gives every request the bot token and, once known, the bot's ids.
 */
public final class SlackIdentity implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlackIdentity.class);

  /** What {@code auth.test} answered. */
  public record Known(String team, String botUser, String bot) {}

  private final Slack slack;
  private final String token;
  private final Retrying retries = new Retrying("kring-slack-identity");
  private volatile Known known;
  private volatile String problem = "Kring has not asked Slack yet";

  /**
   * @param token the one bot token, or {@code null} where workspaces install Kring themselves and
   *     nothing is asked
   */
  public SlackIdentity(Slack slack, String token) {
    this.slack = slack;
    this.token = token;
  }

  /** Asks Slack now, and again after a pause until Slack answers. */
  public void start() {
    if (token != null) {
      retries.start(this::ask);
    }
  }

  /** What stands in the way while Kring does not know who it is in Slack. */
  public Optional<String> problem() {
    return token == null || known != null ? Optional.empty() : Optional.of(problem);
  }

  public Optional<Known> known() {
    return Optional.ofNullable(known);
  }

  /** Puts the bot token and, once known, the bot's ids on every request's context. */
  public Middleware middleware() {
    return (req, resp, chain) -> {
      var context = req.getContext();
      context.setBotToken(token);
      Known now = known;
      if (now != null) {
        if (context.getTeamId() == null) {
          context.setTeamId(now.team());
        }
        context.setBotUserId(now.botUser());
        context.setBotId(now.bot());
      }
      return chain.next(req);
    };
  }

  /** Asks auth.test once; answers what Slack said when it did not confirm the token. */
  private Optional<String> ask() {
    String answer;
    try {
      AuthTestResponse test = slack.methods(token).authTest(r -> r);
      if (test.isOk()) {
        known = new Known(test.getTeamId(), test.getUserId(), test.getBotId());
        LOG.info("Slack confirmed the bot token (auth.test ok)");
        return Optional.empty();
      }
      answer = "Slack refused the bot token (auth.test: " + test.getError() + ")";
    } catch (SlackApiException e) {
      answer = "Slack answered auth.test with HTTP " + e.getResponse().code();
    } catch (IOException | RuntimeException e) {
      answer = "Slack's API is not reachable (" + e.getClass().getSimpleName() + ")";
    }
    problem = answer;
    return Optional.of(answer);
  }

  @Override
  public void close() {
    retries.close();
  }
}
