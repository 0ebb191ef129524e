package kring.slack;

import com.google.gson.Gson;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.util.json.GsonFactory;
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
 */
public final class RedisInstallations implements InstallationService, SlackWorkspaces {

  private static final Logger LOG = LoggerFactory.getLogger(RedisInstallations.class);
  private static final Pattern TEAM = Pattern.compile("[A-Z0-9]{1,32}");
  private static final Gson GSON = GsonFactory.createSnakeCase();

  private final RedisSlackWorkspaces stored;
  private final Retractions retractions;

  /**
   * @param retractions what Kring is to delete, which waits for a workspace that removed Kring and
   *     goes on when it installs Kring again
   */
  public RedisInstallations(RedisSlackWorkspaces stored, Retractions retractions) {
    this.stored = stored;
    this.retractions = retractions;
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
    LOG.info("Kring was installed in Slack workspace {}", team);
    retractions.resume(Platform.SLACK, team);
  }

  @Override
  public void deleteBot(Bot bot) {
    stored.uninstalled(team(bot.getTeamId()));
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
    return stored
        .installation(teamId)
        .map(bot -> GSON.fromJson(bot, DefaultBot.class))
        .orElse(null);
  }

  @Override
  public Installer findInstaller(String enterpriseId, String teamId, String userId) {
    return null;
  }

  @Override
  public void deleteAll(String enterpriseId, String teamId) {
    if (teamId != null && TEAM.matcher(teamId).matches()) {
      stored.uninstalled(teamId);
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
    LOG.warn(
        "Slack workspace {} refused Kring ({}): nothing is sent there until it installs Kring"
            + " again",
        checked,
        reason);
  }

  private static String team(String team) {
    if (team == null || !TEAM.matcher(team).matches()) {
      throw new IllegalArgumentException("Not a Slack workspace id: " + team);
    }
    return team;
  }
}
