package kring.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The playground is on when switched on explicitly, or, when nobody said, when no Slack or Teams
 * credentials are configured: a real installation never exposes it by accident.
 */
final class PlaygroundOn implements Condition {

  static final String[] PLATFORM_CREDENTIALS = {
    "kring.slack.bot-token", "kring.slack.client-id", "kring.teams.app-id",
  };

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return on(context.getEnvironment());
  }

  static boolean on(Environment environment) {
    String enabled = environment.getProperty("kring.playground.enabled", "").strip();
    if (!enabled.isEmpty()) {
      return Boolean.parseBoolean(enabled);
    }
    for (String credential : PLATFORM_CREDENTIALS) {
      if (!environment.getProperty(credential, "").isBlank()) {
        return false;
      }
    }
    return true;
  }
}
