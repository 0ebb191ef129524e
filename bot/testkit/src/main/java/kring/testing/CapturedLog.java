package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Everything logged while the tests of one class run, with every logger at DEBUG or finer: Kring's,
 * the Slack SDK's, the Bot Framework's and the HTTP clients' ({@code java.util.logging} included,
 * which Kring's core and OkHttp use). Nothing reaches the console meanwhile. Spring Boot is told to
 * leave the logging alone, so an application a test starts cannot undo this; everything is put back
 * afterwards. Register it before anything that logs:
 *
 * <pre>{@code @RegisterExtension @Order(0) static final CapturedLog log = new CapturedLog();}</pre>
 */
public final class CapturedLog implements BeforeAllCallback, AfterAllCallback {

  /** The loggers turned to TRACE; everything else is at DEBUG. */
  static final List<String> VERBOSE =
      List.of("kring", "com.slack.api", "com.microsoft.bot", "com.microsoft.aad", "okhttp3");

  /**
   * Loggers of the tests' own fakes, not of Kring: the fake Slack API and the fake Bot Connector
   * are JDK HTTP servers, which Kring never runs.
   */
  static final List<String> FAKES = List.of("com.sun.net.httpserver");

  private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Map<String, Level> levels = new HashMap<>();
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
  private java.util.logging.Level julLevel;
  private Handler[] julHandlers;
  private String loggingSystem;

  @Override
  public void beforeAll(ExtensionContext context) {
    loggingSystem = System.getProperty(LOGGING_SYSTEM);
    System.setProperty(LOGGING_SYSTEM, "none");
    LoggerContext logback = logback();
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      detached.add(it.next());
    }
    detached.forEach(root::detachAppender);
    levels.put(org.slf4j.Logger.ROOT_LOGGER_NAME, root.getLevel());
    root.setLevel(Level.DEBUG);
    for (String name : VERBOSE) {
      Logger logger = logback.getLogger(name);
      levels.put(name, logger.getLevel());
      logger.setLevel(Level.TRACE);
    }
    captured.setContext(logback);
    captured.start();
    root.addAppender(captured);

    java.util.logging.Logger jul = java.util.logging.LogManager.getLogManager().getLogger("");
    julLevel = jul.getLevel();
    julHandlers = jul.getHandlers();
    for (Handler handler : julHandlers) {
      jul.removeHandler(handler);
    }
    SLF4JBridgeHandler.install();
    jul.setLevel(java.util.logging.Level.ALL);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    java.util.logging.Logger jul = java.util.logging.LogManager.getLogManager().getLogger("");
    SLF4JBridgeHandler.uninstall();
    for (Handler handler : julHandlers) {
      jul.addHandler(handler);
    }
    jul.setLevel(julLevel);

    LoggerContext logback = logback();
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(captured);
    captured.stop();
    detached.forEach(root::addAppender);
    levels.forEach((name, level) -> logback.getLogger(name).setLevel(level));
    logback.resetTurboFilterList();
    if (loggingSystem == null) {
      System.clearProperty(LOGGING_SYSTEM);
    } else {
      System.setProperty(LOGGING_SYSTEM, loggingSystem);
    }
  }

  /**
   * Every event so far except the fakes', one per line: level, logger, message and any exception
   * with its causes.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(captured.list)) {
      if (FAKES.contains(event.getLoggerName())) {
        continue;
      }
      StringBuilder line =
          new StringBuilder()
              .append(event.getLevel())
              .append(' ')
              .append(event.getLoggerName())
              .append(" - ")
              .append(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Fails when any of the planted values was logged, naming each value with the loggers that wrote
   * it and the start of one such line; also when the log is empty, which would mean the capture saw
   * nothing and proved nothing.
   */
  public void assertHoldsNoneOf(String... planted) {
    List<String> lines = lines();
    assertThat(lines).as("the captured log").isNotEmpty();
    Map<String, String> found = new TreeMap<>();
    for (String value : planted) {
      for (String line : lines) {
        if (line.contains(value)) {
          String logger = line.substring(line.indexOf(' ') + 1, line.indexOf(" - "));
          String excerpt = line.length() > 300 ? line.substring(0, 300) + "…" : line;
          found.putIfAbsent("'" + value + "' from " + logger, excerpt);
        }
      }
    }
    assertThat(found).as("planted values in the log, by logger").isEmpty();
  }

  private static LoggerContext logback() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
