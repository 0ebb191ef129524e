package kring.slack;

import com.google.gson.Gson;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.util.json.GsonFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kring.core.identity.Platform;
import kring.core.outbox.Retractions;
import kring.storage.RedisSlackWorkspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspaces that installed Kring through Slack's OAuth flow, kept in Redis so that every node
 * knows them. Only the bot installation is kept: Kring asks for no user scopes, so an installer's
 * user token is never stored.
 *
 * <p>A found installation is remembered on this node for {@link #REMEMBER}, so that a person's
 * request does not go to Redis for it each time: the request's one round trip before Slack's
 * acknowledgement is then its "seen before". This node forgets at once what it changes itself
 * (installed, removed, refused); a removal on another node reaches it within {@link #REMEMBER}, and
 * meanwhile Slack refuses the withdrawn token anyway, which marks the workspace broken.
 */
public final class RedisInstallations implements InstallationService, SlackWorkspaces {

  private static final Logger LOG = LoggerFactory.getLogger(RedisInstallations.class);
  private static final Pattern TEAM = Pattern.compile("[A-Z0-9]{1,32}");
  private static final Gson GSON = GsonFactory.createSnakeCase();

  /** How long a found installation is remembered on this node. */
  static final Duration REMEMBER = Duration.ofSeconds(15);

  /** The most workspaces remembered at once, the least recently used forgotten first. */
  static final int MOST_REMEMBERED = 10_000;

  private record Found(Bot bot, Instant until) {}

  private final RedisSlackWorkspaces stored;
  private final Retractions retractions;
  private final Clock clock;
  private final Map<String, Found> found =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
          return size() > MOST_REMEMBERED;
        }
      };

  /**
   * @param retractions what Kring is to delete, which waits for a workspace that removed Kring and
   *     goes on when it installs Kring again
   */
  public RedisInstallations(RedisSlackWorkspaces stored, Retractions retractions) {
    this(stored, retractions, Clock.systemUTC());
  }

  /** As the other constructor, with the clock that says when a remembered installation is old. */
  public RedisInstallations(RedisSlackWorkspaces stored, Retractions retractions, Clock clock) {
    this.stored = stored;
    this.retractions = retractions;
    this.clock = clock;
  }

  @Override
  public boolean isHistoricalDataEnabled() {
    return false;
  }

  @Override
  public void setHistoricalDataEnabled(boolean isHistoricalDataEnabled) {
    if (isHistoricalDataEnabled) {
      throw new UnsupportedOperationException("Kring keeps only the current installation");
    }
  }

  @Override
  public void saveInstallerAndBot(Installer installer) {
    saveBot(installer.toBot());
  }

  @Override
  public void saveBot(Bot bot) {
    String team = team(bot.getTeamId());
    if (bot.getBotAccessToken() == null) {
      throw new IllegalArgumentException("An installation without a bot token is of no use");
    }
    stored.installed(team, GSON.toJson(bot));
    forget(team);
    LOG.info("Kring was installed in Slack workspace {}", team);
    retractions.resume(Platform.SLACK, team);
  }

  @Override
  public void deleteBot(Bot bot) {
    String team = team(bot.getTeamId());
    stored.uninstalled(team);
    forget(team);
  }

  @Override
  public void deleteInstaller(Installer installer) {
    // Installers are never stored.
  }

  @Override
  public Bot findBot(String enterpriseId, String teamId) {
    if (teamId == null || !TEAM.matcher(teamId).matches()) {
      return null;
    }
    Instant now = clock.instant();
    synchronized (found) {
      Found known = found.get(teamId);
      if (known != null && now.isBefore(known.until())) {
        return known.bot();
      }
    }
    Bot bot =
        stored
            .installation(teamId)
            .map(json -> (Bot) GSON.fromJson(json, DefaultBot.class))
            .orElse(null);
    synchronized (found) {
      if (bot == null) {
        // Not remembered: a workspace that installs Kring on another node is answered at once.
        found.remove(teamId);
      } else {
        found.put(teamId, new Found(bot, now.plus(REMEMBER)));
      }
    }
    return bot;
  }

  @Override
  public Installer findInstaller(String enterpriseId, String teamId, String userId) {
    return null;
  }

  @Override
  public void deleteAll(String enterpriseId, String teamId) {
    if (teamId != null && TEAM.matcher(teamId).matches()) {
      stored.uninstalled(teamId);
      forget(teamId);
    }
  }

  @Override
  public Optional<String> botToken(String team) {
    if (stored.refused(team)) {
      return Optional.empty();
    }
    return Optional.ofNullable(findBot(null, team)).map(Bot::getBotAccessToken);
  }

  @Override
  public boolean installed(String team) {
    return findBot(null, team) != null;
  }

  @Override
  public void broken(String team, String reason) {
    String checked = team(team);
    stored.refusedBecause(checked, reason, true);
    forget(checked);
    LOG.warn(
        "Slack workspace {} refused Kring ({}): nothing is sent there until it installs Kring"
            + " again",
        checked,
        reason);
  }

  private void forget(String team) {
    synchronized (found) {
      found.remove(team);
    }
  }

  private static String team(String team) {
    if (team == null || !TEAM.matcher(team).matches()) {
      throw new IllegalArgumentException("Not a Slack workspace id: " + team);
    }
    return team;
  }
}
