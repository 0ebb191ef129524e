package kring.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogGuardTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void removeTheGuard() {
    context.resetTurboFilterList();
  }

  FilterReply decide(String logger, Level level, String format, Object... params) {
    LogGuard guard = LogGuard.install(List.of());
    return guard.decide(null, context.getLogger(logger), level, format, params, null);
  }

  @Test
  void librariesThatWriteTrafficAreHeardFromInfoOnly() {
    for (String logger :
        List.of(
            "com.slack.api.util.http.listener.DetailedLoggingListener",
            "org.apache.coyote.http11.Http11InputBuffer",
            "jdk.internal.httpclient.debug",
            "sun.net.www.protocol.http.HttpURLConnection")) {
      assertThat(decide(logger, Level.DEBUG, "Received [POST ...]"))
          .as(logger)
          .isEqualTo(FilterReply.DENY);
      assertThat(decide(logger, Level.TRACE, "Received [POST ...]"))
          .as(logger)
          .isEqualTo(FilterReply.DENY);
      assertThat(decide(logger, Level.WARN, "Connection reset"))
          .as(logger)
          .isEqualTo(FilterReply.NEUTRAL);
    }
    assertThat(decide("org.apache.coyoteish.Other", Level.DEBUG, "x"))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void theSlackRequestParserIsNeverHeard() {
    assertThat(decide("com.slack.api.bolt.util.SlackRequestParser", Level.WARN, "body {}", "x"))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void aLineWithASecretOrASlackTokenIsDroppedWhereverItComesFrom() {
    LogGuard.install(List.of("planted-app-secret-Q7X", "short"));

    assertThat(decide("kring.teams.TeamsBot", Level.ERROR, "failed: {}", "planted-app-secret-Q7X"))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide("kring.x", Level.INFO, "token xoxb-1-2-abc")).isEqualTo(FilterReply.DENY);
    assertThat(decide("kring.x", Level.INFO, "a short word")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("kring.x", Level.INFO, "Outbox message {} abandoned", "1f2e"))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void aRequestLineWithAFamilyLinkIsDropped() {
    assertThat(
            decide(
                "org.springframework.web.servlet.DispatcherServlet",
                Level.DEBUG,
                "{} \"{}\", parameters={}",
                "GET",
                "/familie/0Dp1HyeqBqRQwBYZBhc8PTEpTmnSIXF9pSLM4cOHUgA"))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide("kring.x", Level.INFO, "Slowing down client {}", "1a2b3c4d"))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void installingAgainAddsSecretsToTheOneGuard() {
    LogGuard first = LogGuard.install(List.of("first-secret-123"));
    LogGuard second = LogGuard.install(List.of("second-secret-456"));

    assertThat(second).isSameAs(first);
    assertThat(context.getTurboFilterList()).filteredOn(LogGuard.class::isInstance).hasSize(1);
    assertThat(decide("kring.x", Level.INFO, "first-secret-123")).isEqualTo(FilterReply.DENY);
    assertThat(decide("kring.x", Level.INFO, "second-secret-456")).isEqualTo(FilterReply.DENY);
  }
}
