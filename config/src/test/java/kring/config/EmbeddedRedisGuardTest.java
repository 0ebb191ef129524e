package kring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kring.testing.CapturedLog;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The embedded Redis stays a development tool. */
class EmbeddedRedisGuardTest {

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  @Test
  void slackOrTeamsCredentialsWithoutARedisUrlAreRefusedWithTheSettingsNamed() {
    MockEnvironment slackAndTeams =
        new MockEnvironment()
            .withProperty("kring.slack.bot-token", "xoxb-1")
            .withProperty("kring.teams.app-id", "00000000-0000-0000-0000-000000000001");

    assertThatThrownBy(() -> EmbeddedRedisGuard.check(slackAndTeams))
        .isInstanceOf(EmbeddedRedisGuard.Refused.class)
        .hasMessageContaining("KRING_SLACK_BOT_TOKEN, KRING_TEAMS_APP_ID are set")
        .hasMessageContaining("KRING_REDIS_URL is empty")
        .hasMessageContaining("KRING_REDIS_EMBEDDED_IN_PRODUCTION=true");
    assertThatThrownBy(
            () ->
                EmbeddedRedisGuard.check(
                    new MockEnvironment().withProperty("kring.slack.client-id", "1.2")))
        .hasMessageContaining("KRING_SLACK_CLIENT_ID is set");
  }

  @Test
  void aRedisUrlOrNoCredentialsAtAllStartsWithoutAWord() {
    int before = log.lines().size();
    assertThatCode(
            () ->
                EmbeddedRedisGuard.check(
                    new MockEnvironment()
                        .withProperty("kring.slack.bot-token", "xoxb-1")
                        .withProperty("kring.redis.url", "redis://127.0.0.1:6379")))
        .doesNotThrowAnyException();
    assertThatCode(() -> EmbeddedRedisGuard.check(new MockEnvironment()))
        .doesNotThrowAnyException();
    assertThat(log.lines().subList(before, log.lines().size()))
        .noneMatch(line -> line.contains("development tool"));
  }

  @Test
  void theExplicitSettingAllowsItAndEveryStartWarns() {
    MockEnvironment allowed =
        new MockEnvironment()
            .withProperty("kring.teams.app-id", "00000000-0000-0000-0000-000000000001")
            .withProperty(EmbeddedRedisGuard.OVERRIDE, "true");

    EmbeddedRedisGuard.check(allowed);
    EmbeddedRedisGuard.check(allowed);

    assertThat(log.lines())
        .filteredOn(line -> line.contains("WARN") && line.contains("development tool"))
        .hasSize(2)
        .allMatch(line -> line.contains("KRING_TEAMS_APP_ID"));
  }

  @Test
  void anOverrideThatIsNeitherTrueNorFalseStopsStartUp() {
    MockEnvironment unclear =
        new MockEnvironment()
            .withProperty("kring.teams.app-id", "x")
            .withProperty(EmbeddedRedisGuard.OVERRIDE, "yes");

    assertThatThrownBy(() -> EmbeddedRedisGuard.check(unclear))
        .hasMessageContaining("KRING_REDIS_EMBEDDED_IN_PRODUCTION")
        .hasMessageContaining("true or false");
  }

  @Test
  void kringWithSlackCredentialsAndNoRedisUrlExitsBeforeStartingAnything(@TempDir Path work)
      throws Exception {
    Path data = work.resolve("data");
    ProcessBuilder kring =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KringApplication.class.getName(),
                "--server.port=0",
                "--kring.redis.data-dir=" + data)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("kring.log").toFile());
    kring.environment().put("KRING_SLACK_BOT_TOKEN", "xoxb-not-a-real-token");
    kring.environment().put("KRING_SLACK_SIGNING_SECRET", "not-a-real-secret");
    kring.environment().remove("KRING_REDIS_URL");
    Process process = kring.start();
    try {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("Kring exits").isTrue();
    } finally {
      process.destroyForcibly();
    }
    List<String> output = Files.readAllLines(work.resolve("kring.log"), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isNotZero();
    assertThat(String.join("\n", output))
        .contains("KRING_SLACK_BOT_TOKEN is set but KRING_REDIS_URL is empty")
        .contains("KRING_REDIS_EMBEDDED_IN_PRODUCTION=true")
        .doesNotContain("Embedded Redis")
        .doesNotContain("Tomcat started");
    assertThat(output).noneMatch(line -> line.startsWith("\tat "));
    assertThat(data).doesNotExist();
  }
}
