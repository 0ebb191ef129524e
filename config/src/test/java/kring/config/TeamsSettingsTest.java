package kring.config;

import static kring.config.SettingsTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kring.teams.ConnectorTokens;
import kring.teams.TeamsBot;
import kring.teams.TeamsMessenger;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Teams is never silently unauthenticated, and a missing setting stops start-up by name. */
class TeamsSettingsTest {

  static final String REDIS = "kring.redis.url=" + TestRedis.machineUrl();
  static final String PREFIX = "kring.redis.key-prefix=kring-teams-settings:";

  @Test
  void teamsSwitchedOnWithoutAnAppIdStopsStartUp() {
    assertThatThrownBy(() -> start(REDIS, "kring.teams.enabled=true"))
        .hasStackTraceContaining("KRING_TEAMS_APP_ID")
        .hasStackTraceContaining("allow-unauthenticated");
  }

  @Test
  void anAppIdWithoutItsSecretStopsStartUp() {
    assertThatThrownBy(() -> start(REDIS, "kring.teams.app-id=abc", "kring.teams.tenant-id=t1"))
        .hasStackTraceContaining("KRING_TEAMS_APP_PASSWORD");
  }

  @Test
  void teamsWithoutATenantStopsStartUp() {
    assertThatThrownBy(
            () -> start(REDIS, "kring.teams.app-id=abc", "kring.teams.app-password=secret"))
        .hasStackTraceContaining("KRING_TEAMS_TENANT_ID");
  }

  @Test
  void anAppIdSwitchesTeamsOnAndThePlaygroundOff() {
    try (ConfigurableApplicationContext kring =
        start(
            REDIS,
            PREFIX,
            "kring.teams.app-id=abc",
            "kring.teams.app-password=secret",
            "kring.teams.tenant-id=t1")) {
      assertThat(kring.getBeansOfType(TeamsBot.class)).hasSize(1);
      assertThat(kring.getBeansOfType(TeamsMessenger.class)).hasSize(1);
      assertThat(kring.containsBean("rooms")).isFalse();
    }
  }

  @Test
  void unauthenticatedTeamsRunsOnlyWhenAskedFor() {
    try (ConfigurableApplicationContext kring =
        start(
            REDIS,
            PREFIX,
            "kring.teams.enabled=true",
            "kring.teams.allow-unauthenticated=true",
            "kring.teams.allowed-tenants=t1")) {
      assertThat(kring.getBeansOfType(TeamsBot.class)).hasSize(1);
      assertThat(kring.getBean(ConnectorTokens.class)).isNotNull();
    }
  }

  @Test
  void withoutTeamsSettingsThereIsNoTeamsEndpoint() {
    try (ConfigurableApplicationContext kring = start(REDIS, PREFIX)) {
      assertThat(kring.getBeansOfType(TeamsBot.class)).isEmpty();
    }
  }
}
