package kring.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Keeps the embedded Redis a development tool. When Slack or Teams credentials are set, Kring talks
 * to real people about real pupils, and their data belongs in a Redis that is run, secured and
 * backed up as such ({@code KRING_REDIS_URL}). Start-up with credentials and no Redis URL stops
 * before anything else starts, with a message that names the settings, unless {@value #OVERRIDE} is
 * {@code true}; then every start warns.
 */
final class EmbeddedRedisGuard
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  /** The setting that allows the embedded Redis beside Slack or Teams credentials. */
  static final String OVERRIDE = "kring.redis.embedded-in-production";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisGuard.class);

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    check(event.getEnvironment());
  }

  /** Runs after logging is set up, so that the warning reaches the log. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /**
   * Refuses the embedded Redis beside platform credentials unless the override is set; warns when
   * it is.
   *
   * @throws Refused when Kring must not start
   */
  static void check(Environment environment) {
    boolean embedded = environment.getProperty("kring.redis.url", "").isBlank();
    List<String> credentials =
        Arrays.stream(PlaygroundOn.PLATFORM_CREDENTIALS)
            .filter(name -> !environment.getProperty(name, "").isBlank())
            .toList();
    boolean allowed = override(environment);
    if (!embedded || credentials.isEmpty()) {
      return;
    }
    if (!allowed) {
      throw new Refused(credentials);
    }
    LOG.warn(
        "Kring runs with {} set on its embedded Redis, because {} is true: the embedded Redis is a"
            + " development tool. Set KRING_REDIS_URL to a Redis that is run, secured and backed"
            + " up for the data of real pupils.",
        environmentNames(credentials),
        environmentName(OVERRIDE));
  }

  private static boolean override(Environment environment) {
    String value = environment.getProperty(OVERRIDE, "").strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "false" -> false;
      case "true" -> true;
      default ->
          throw new IllegalArgumentException(
              OVERRIDE + " (" + environmentName(OVERRIDE) + ") must be true or false");
    };
  }

  static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String environmentNames(List<String> properties) {
    return String.join(", ", properties.stream().map(EmbeddedRedisGuard::environmentName).toList());
  }

  /** Start-up refused: credentials are set and no Redis URL. */
  static final class Refused extends RuntimeException {

    private final List<String> credentials;

    Refused(List<String> credentials) {
      super(
          environmentNames(credentials)
              + " "
              + (credentials.size() == 1 ? "is" : "are")
              + " set but KRING_REDIS_URL is empty: Kring will not keep the data of real pupils"
              + " in its embedded Redis, a development tool. Set KRING_REDIS_URL to your Redis"
              + " (see README, Configuration), or, knowingly, "
              + environmentName(OVERRIDE)
              + "=true.");
      this.credentials = credentials;
    }

    List<String> credentials() {
      return credentials;
    }
  }

  /** Says why start-up stopped and what to do, without a stack trace. */
  static final class Analyzer extends AbstractFailureAnalyzer<Refused> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Refused cause) {
      return new FailureAnalysis(
          cause.getMessage(),
          "Set KRING_REDIS_URL (kring.redis.url) to the Redis this Kring is to use, or set "
              + environmentName(OVERRIDE)
              + "=true to run on the embedded Redis anyway.",
          cause);
    }
  }
}
