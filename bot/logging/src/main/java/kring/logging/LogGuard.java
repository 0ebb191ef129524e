package kring.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps what people write, their names and ids, tokens and secrets out of the log, whatever level
 * the operator sets. Libraries write whole requests and responses below INFO (see {@link
 * #QUIET_BELOW_INFO}); those events never reach an appender, and no event that holds one of Kring's
 * secrets or a Slack token does either. Kring's own code logs no such thing at any level; this
 * guards the libraries around it.
 */
public final class LogGuard extends TurboFilter {

  /**
   * Loggers that write traffic below INFO, so they are kept at INFO: the Slack SDK (payloads, API
   * responses, the start of the bot token), the servlet container (the raw bytes of each request),
   * the JDK's HTTP client that posts to Teams (addresses of personal chats) and the JDK's older one
   * that the Microsoft libraries fetch keys and tokens with (every header).
   */
  static final List<String> QUIET_BELOW_INFO =
      List.of(
          "com.slack.api",
          "org.apache.coyote",
          "jdk.internal.httpclient",
          "jdk.httpclient",
          "sun.net.www.protocol.http");

  /**
   * Loggers that are never heard: one puts a whole request in a warning; the other logs an error
   * with a stack trace each time Slack's API does not answer, which Kring reports itself (without
   * the stack trace) while it keeps trying.
   */
  static final List<String> NEVER =
      List.of(
          "com.slack.api.bolt.util.SlackRequestParser", "com.slack.api.methods.impl.TeamIdCache");

  /** Shorter values would match ordinary words; real secrets are much longer. */
  private static final int SHORTEST_SECRET = 8;

  private static final List<String> SLACK_TOKENS =
      List.of("xoxb-", "xoxp-", "xapp-", "xoxe-", "xoxe.");

  /**
   * The path of a represented pupil's or parent's private page: what follows it in an address is
   * the link's secret token, which a library logging the request line would otherwise write.
   */
  static final String FAMILY_PAGE = "/familie/";

  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  private LogGuard() {}

  /**
   * Puts the guard in front of Logback's appenders, once, and adds these secrets to the ones it
   * keeps out. Call it after Spring Boot set up logging (from a bean), since that replaces
   * Logback's configuration.
   *
   * @return the guard in place (without Logback, one that guards nothing)
   */
  public static synchronized LogGuard install(Collection<String> secrets) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new LogGuard();
    }
    LogGuard guard =
        context.getTurboFilterList().stream()
            .filter(LogGuard.class::isInstance)
            .map(LogGuard.class::cast)
            .findFirst()
            .orElseGet(
                () -> {
                  LogGuard created = new LogGuard();
                  created.setName("kring-log-guard");
                  created.start();
                  context.addTurboFilter(created);
                  return created;
                });
    secrets.stream()
        .filter(s -> s != null && s.length() >= SHORTEST_SECRET)
        .forEach(guard.secrets::add);
    return guard;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (logger == null) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    if (within(name, NEVER)
        || (within(name, QUIET_BELOW_INFO)
            && (level == null || !level.isGreaterOrEqual(Level.INFO)))) {
      return FilterReply.DENY;
    }
    if (containsSecret(format) || containsSecret(params)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean within(String name, List<String> loggers) {
    for (String logger : loggers) {
      if (name.equals(logger) || name.startsWith(logger + ".")) {
        return true;
      }
    }
    return false;
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
    if (text == null) {
      return false;
    }
    for (String token : SLACK_TOKENS) {
      if (text.contains(token) || text.contains(FAMILY_PAGE)) {
        return true;
      }
    }
    for (String secret : secrets) {
      if (text.contains(secret)) {
        return true;
      }
    }
    return false;
  }
}
