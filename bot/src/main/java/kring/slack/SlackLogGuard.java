package kring.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps request bodies, the signing secret and tokens out of the log, whatever level the operator
 * sets: the Slack SDK writes payloads and API responses at DEBUG and TRACE and warns with a whole
 * request body when it cannot parse one. Those events never reach an appender, and no event that
 * contains one of the secrets does either.
 */
public final class SlackLogGuard extends TurboFilter {

  private static final String SDK = "com.slack.api";
  private static final String PARSER = "com.slack.api.bolt.util.SlackRequestParser";

  private final List<String> secrets;

  private SlackLogGuard(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 8).toList();
  }

  /** Installs the guard in Logback, once per set of secrets; without Logback it does nothing. */
  public static void install(List<String> secrets) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.addTurboFilter(new SlackLogGuard(secrets));
    }
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (logger == null) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    if (name.startsWith(SDK)
        && (name.equals(PARSER) || level == null || !level.isGreaterOrEqual(Level.INFO))) {
      return FilterReply.DENY;
    }
    if (containsSecret(format) || containsSecret(params)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  private boolean containsSecret(Object[] params) {
    if (params == null) {
      return false;
    }
    for (Object param : params) {
      if (param != null && containsSecret(String.valueOf(param))) {
        return true;
      }
    }
    return false;
  }

  private boolean containsSecret(String text) {
    if (text == null || secrets.isEmpty()) {
      return false;
    }
    if (text.contains("xoxb-") || text.contains("xoxp-") || text.contains("xapp-")) {
      return true;
    }
    for (String secret : secrets) {
      if (text.contains(secret)) {
        return true;
      }
    }
    return false;
  }
}
