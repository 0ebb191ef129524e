package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.model.builtin.DefaultInstaller;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisInstallationsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  RedisInstallations installations =
      new RedisInstallations(
          new RedisSlackWorkspaces(redis.client(), redis.keys()),
          kring.core.outbox.Retractions.NONE);
  RedisOAuthStates states =
      new RedisOAuthStates(new RedisSlackWorkspaces(redis.client(), redis.keys()));

  static DefaultInstaller installer(String team, String token) {
    DefaultInstaller installer = new DefaultInstaller();
    installer.setTeamId(team);
    installer.setTeamName("Sint-Jan");
    installer.setBotAccessToken(token);
    installer.setBotUserId("UKRING");
    installer.setBotScope("chat:write,commands");
    installer.setInstallerUserId("UINSTALLER");
    installer.setInstallerUserAccessToken("xoxp-never-kept");
    installer.setInstalledAt(1_700_000_000_000L);
    return installer;
  }

  @Test
  void anInstalledWorkspaceHasItsBotTokenOnEveryNode() {
    installations.saveInstallerAndBot(installer("T7", "xoxb-7-7-seven"));

    RedisInstallations otherNode =
        new RedisInstallations(
            new RedisSlackWorkspaces(redis.client(), redis.keys()),
            kring.core.outbox.Retractions.NONE);
    assertThat(otherNode.botToken("T7")).contains("xoxb-7-7-seven");
    assertThat(otherNode.findBot(null, "T7").getBotUserId()).isEqualTo("UKRING");
    assertThat(otherNode.botToken("T8")).isEmpty();
  }

  @Test
  void aFoundInstallationIsRememberedForAWhileAndWhatThisNodeChangesAtOnce() {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    RedisInstallations node =
        new RedisInstallations(
            new RedisSlackWorkspaces(redis.client(), redis.keys()),
            kring.core.outbox.Retractions.NONE,
            clock);
    installations.saveInstallerAndBot(installer("T7", "xoxb-7-7-seven"));
    assertThat(node.installed("T7")).isTrue();

    // Removed on another node: this one still knows the installation until it is old.
    installations.deleteAll(null, "T7");
    clock.advance(RedisInstallations.REMEMBER.minusSeconds(1));
    assertThat(node.installed("T7")).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(node.installed("T7")).isFalse();

    // Installed on another node: found at once, since a workspace without Kring is not remembered.
    installations.saveInstallerAndBot(installer("T7", "xoxb-7-7-again"));
    assertThat(node.botToken("T7")).contains("xoxb-7-7-again");

    // Removed or refused on this node: forgotten at once.
    node.deleteAll(null, "T7");
    assertThat(node.installed("T7")).isFalse();
    node.saveInstallerAndBot(installer("T7", "xoxb-7-7-third"));
    assertThat(node.installed("T7")).isTrue();
    node.broken("T7", "token_revoked");
    assertThat(node.installed("T7")).isFalse();
  }

  @Test
  void theInstallersOwnTokenIsNeverKept() {
    installations.saveInstallerAndBot(installer("T7", "xoxb-7-7-seven"));

    assertThat(redis.storedText()).doesNotContain("xoxp-never-kept");
    assertThat(installations.findInstaller(null, "T7", "UINSTALLER")).isNull();
  }

  @Test
  void aBrokenWorkspaceGetsNothingUntilItInstallsKringAgain() {
    installations.saveInstallerAndBot(installer("T7", "xoxb-7-7-seven"));

    installations.broken("T7", "token_revoked");
    assertThat(installations.botToken("T7")).isEmpty();
    assertThat(installations.findBot(null, "T7")).isNull();

    installations.saveInstallerAndBot(installer("T7", "xoxb-7-7-again"));
    assertThat(installations.botToken("T7")).contains("xoxb-7-7-again");
  }

  @Test
  void aWorkspaceIdThatIsNotOneFindsNothing() {
    assertThat(installations.findBot(null, "T7:*")).isNull();
    assertThat(installations.findBot(null, null)).isNull();
  }

  @Test
  void anOAuthStateIsValidOnceAndOnlyWhenIssued() {
    String state = "2b9f4c0e-4a55-4c1e-9d43-0f1c8a3d8e21";
    assertThat(states.isAvailableInDatabase(state)).isFalse();

    states.addNewStateToDatastore(state);
    assertThat(states.isAvailableInDatabase(state)).isTrue();
    assertThat(redis.client().ttl(redis.keys().slackOAuthState(state))).isBetween(1L, 600L);

    states.deleteStateFromDatastore(state);
    assertThat(states.isAvailableInDatabase(state)).isFalse();
    assertThat(states.isAvailableInDatabase("x:*")).isFalse();
  }
}
