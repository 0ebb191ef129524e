package kring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kring.scheduler.planning.Planner;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** A wrong setting stops start-up with a message that names it. */
class SettingsTest {

  static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(KringApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.quartz.auto-startup=false")
        .run(arguments(properties));
  }

  @Test
  void aRedisUrlThatIsNotOneStopsStartUpAndSaysWhich() {
    assertThatThrownBy(() -> start("kring.redis.url=http://example.org"))
        .hasStackTraceContaining("kring.redis")
        .hasStackTraceContaining("redis:// or rediss://")
        .hasStackTraceContaining("redis-cluster://")
        .hasStackTraceContaining("redis-sentinel://");
  }

  @Test
  void aKeyPrefixWithoutItsColonStopsStartUp() {
    assertThatThrownBy(
            () ->
                start("kring.redis.url=" + TestRedis.machineUrl(), "kring.redis.key-prefix=Kring"))
        .hasStackTraceContaining("key-prefix")
        .hasStackTraceContaining("ending in ':'");
  }

  @Test
  void anUnknownTimeZoneStopsStartUp() {
    assertThatThrownBy(
            () -> start("kring.redis.url=" + TestRedis.machineUrl(), "kring.time-zone=Europe/Gent"))
        .hasStackTraceContaining("kring.time-zone");
  }

  @Test
  void aRetentionPeriodOfZeroStopsStartUpAndSaysWhich() {
    assertThatThrownBy(
            () ->
                start(
                    "kring.redis.url=" + TestRedis.machineUrl(), "kring.retention.closed-case=P0D"))
        .hasStackTraceContaining("kring.retention")
        .hasStackTraceContaining("longer than zero");
  }

  @Test
  void anAnonymityThresholdBelowThreeStopsStartUpAndSaysWhy() {
    assertThatThrownBy(
            () ->
                start(
                    "kring.redis.url=" + TestRedis.machineUrl(), "kring.reflection.min-answers=2"))
        .hasStackTraceContaining("kring.reflection.min-answers")
        .hasStackTraceContaining("at least 3");
  }

  @Test
  void theAnonymityThresholdIsThreeUnlessSetHigher() {
    try (ConfigurableApplicationContext kring =
        start("kring.redis.url=" + TestRedis.machineUrl())) {
      assertThat(kring.getBean(Planner.class).anonymity().threshold()).isEqualTo(3);
    }
    try (ConfigurableApplicationContext kring =
        start("kring.redis.url=" + TestRedis.machineUrl(), "kring.reflection.min-answers=5")) {
      assertThat(kring.getBean(Planner.class).anonymity().threshold()).isEqualTo(5);
    }
  }

  @Test
  void thePlaygroundIsOnByDefaultAndOffWhenAPlatformIsConfigured() {
    assertThat(PlaygroundOn.on(new MockEnvironment())).isTrue();
    assertThat(
            PlaygroundOn.on(new MockEnvironment().withProperty("kring.slack.bot-token", "xoxb-1")))
        .isFalse();
    assertThat(PlaygroundOn.on(new MockEnvironment().withProperty("kring.teams.app-id", "abc")))
        .isFalse();
    assertThat(
            PlaygroundOn.on(
                new MockEnvironment()
                    .withProperty("kring.teams.app-id", "abc")
                    .withProperty("kring.playground.enabled", "true")))
        .isTrue();
    assertThat(
            PlaygroundOn.on(
                new MockEnvironment().withProperty("kring.playground.enabled", "false")))
        .isFalse();
  }

  /** Settings as command-line arguments, which outrank application.yml as real ones do. */
  static String[] arguments(String... properties) {
    return java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
  }

  /**
   * Settings as command-line arguments, with a free port: application.yml's 8080 outranks a default
   * property, and another Kring on the machine may hold 8080.
   */
  static String[] onAFreePort(String... properties) {
    return arguments(
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of("server.port=0", "management.server.port=0"),
                java.util.Arrays.stream(properties))
            .toArray(String[]::new));
  }
}
