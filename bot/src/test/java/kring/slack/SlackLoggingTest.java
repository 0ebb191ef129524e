package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** With every logger on DEBUG, nothing Slack sent, nor a secret, reaches the log. */
class SlackLoggingTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static SlackHarness kring;
  static ListAppender<ILoggingEvent> captured = new ListAppender<>();
  static Logger root;
  static Level rootLevel;

  @BeforeAll
  static void captureEverythingAtDebug() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    context.getLogger("com.slack.api").setLevel(Level.TRACE);
    context.getLogger("kring").setLevel(Level.DEBUG);
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    SlackLogGuard.install(List.of(SlackHarness.SECRET, SlackHarness.TOKEN));
    kring = new SlackHarness(redis);
  }

  @AfterAll
  static void restore() throws Exception {
    kring.close();
    root.detachAppender(captured);
    root.setLevel(rootLevel);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger("com.slack.api").setLevel(null);
    context.getLogger("kring").setLevel(Level.INFO);
    context.resetTurboFilterList();
  }

  void sendTraffic() {
    String secretWords = "Zeer-geheime-tekst-42";
    kring.send(
        SlackPayloads.command("T9", "C0LOG", "UANNA", "anna", "start " + secretWords),
        SlackPayloads.FORM);
    kring.send(
        SlackPayloads.mention("T9", "Ev0LOG1", "C0LOG", "UANNA", secretWords),
        SlackPayloads.JSON_TYPE);
    kring.send("{\"type\":\"nonsense\",\"note\":\"" + secretWords + "\"}", SlackPayloads.JSON_TYPE);
    kring.send("payload=" + secretWords, SlackPayloads.FORM);
    kring.send(
        "token=x&text=" + secretWords, SlackPayloads.FORM, SlackHarness.now() + 3600, Map.of());
    kring.slack.await(
        "chat.postEphemeral", c -> c.param("text").startsWith("Ik ken"), Duration.ofSeconds(5));
  }

  @Test
  void theLogHoldsNoBodyNoTokenNoSecret() throws Exception {
    sendTraffic();
    Thread.sleep(500);
    List<String> lines =
        captured.list.stream()
            .map(e -> e.getFormattedMessage() + " " + String.valueOf(e.getThrowableProxy()))
            .toList();
    assertThat(lines).isNotEmpty();
    assertThat(String.join("\n", lines))
        .doesNotContain("Zeer-geheime-tekst-42")
        .doesNotContain(SlackHarness.SECRET)
        .doesNotContain(SlackHarness.TOKEN)
        .doesNotContain("xoxb-");
  }
}
