package kring.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Slack is on when a bot token (one workspace) or a client id (installs) is configured. */
final class SlackOn implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return !context.getEnvironment().getProperty("kring.slack.bot-token", "").isBlank()
        || !context.getEnvironment().getProperty("kring.slack.client-id", "").isBlank();
  }
}
