package kring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.List;
import kring.logging.LogGuard;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console log as a log platform ingests it: one setting switches it to one JSON object a line,
 * and the log guard keeps secrets and tokens out of those lines as it does out of plain ones.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String SECRET = "log-format-secret-5d0c1f8e2b";
  static final String TOKEN = "xoxb-4-5-logformattoken";

  /**
   * The test classpath holds a logging configuration for the other tests, which would replace
   * Spring Boot's own; Kring's jar holds none, so here Kring looks for one as it does in the jar.
   */
  static final ClassLoader AS_IN_THE_JAR =
      new ClassLoader(LogFormatTest.class.getClassLoader()) {
        @Override
        public URL getResource(String name) {
          return name.startsWith("logback-test.") ? null : super.getResource(name);
        }
      };

  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  void start(String... properties) {
    app =
        new SpringApplicationBuilder(KringApplication.class)
            .resourceLoader(new DefaultResourceLoader(AS_IN_THE_JAR))
            .properties("spring.quartz.auto-startup=false")
            .run(
                SettingsTest.onAFreePort(
                    java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(
                                "kring.redis.url=" + redis.url(),
                                "kring.redis.key-prefix=" + redis.keys().prefix()),
                            java.util.Arrays.stream(properties))
                        .toArray(String[]::new)));
    LogGuard.install(List.of(SECRET));
  }

  /** Logs a line with a marker, one with a secret and one with a Slack token from the SDK. */
  static void logThreeLines(String marker) {
    LoggerFactory.getLogger(LogFormatTest.class).warn("Operator check {}", marker);
    LoggerFactory.getLogger(LogFormatTest.class).warn("Signing with {}", SECRET);
    LoggerFactory.getLogger("com.slack.api.methods").warn("Calling with token {}", TOKEN);
  }

  @Test
  void ecsWritesEachLineAsOneJsonObjectAndTheGuardStillKeepsSecretsOut(CapturedOutput output) {
    start("kring.log-format=ecs");

    logThreeLines("ecs-marker-1");

    JsonNode line = jsonLineWith(output, "ecs-marker-1");
    assertThat(line.toString()).contains("@timestamp").contains("ecs");
    assertThat(line.path("message").asString()).isEqualTo("Operator check ecs-marker-1");
    assertThat(output.getOut()).doesNotContain(SECRET).doesNotContain(TOKEN);
  }

  @Test
  void logstashIsTheOtherJsonFormat(CapturedOutput output) {
    start("kring.log-format=logstash");

    logThreeLines("logstash-marker-1");

    JsonNode line = jsonLineWith(output, "logstash-marker-1");
    assertThat(line.has("@timestamp")).isTrue();
    assertThat(line.path("message").asString()).isEqualTo("Operator check logstash-marker-1");
    assertThat(output.getOut()).doesNotContain(SECRET).doesNotContain(TOKEN);
  }

  @Test
  void withoutTheSettingTheLinesArePlainText(CapturedOutput output) {
    start();

    logThreeLines("plain-marker-1");

    String line =
        output.getOut().lines().filter(l -> l.contains("plain-marker-1")).findFirst().orElseThrow();
    assertThat(line).doesNotStartWith("{").contains("WARN");
    assertThat(output.getOut()).doesNotContain(SECRET).doesNotContain(TOKEN);
  }

  @Test
  void anUnknownFormatStopsStartUpAndNamesIt() {
    assertThatThrownBy(() -> start("kring.log-format=json"))
        .hasStackTraceContaining("'json'")
        .hasStackTraceContaining("ecs");
  }

  static JsonNode jsonLineWith(CapturedOutput output, String marker) {
    List<String> lines = output.getOut().lines().filter(l -> l.contains(marker)).toList();
    assertThat(lines).as("lines with %s in:%n%s", marker, output.getOut()).hasSize(1);
    assertThat(lines.get(0)).startsWith("{").endsWith("}");
    return JsonMapper.shared().readTree(lines.get(0));
  }
}
