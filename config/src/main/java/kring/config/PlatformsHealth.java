package kring.config;

import kring.slack.SlackIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the chat platforms Kring is connected to: down, naming the platform and what it
 * answered, while Kring cannot reach one of them. Kring runs meanwhile and keeps trying.
 */
final class PlatformsHealth implements HealthIndicator {

  private final ObjectProvider<SlackIdentity> slack;

  PlatformsHealth(ObjectProvider<SlackIdentity> slack) {
    this.slack = slack;
  }

  @Override
  public Health health() {
    SlackIdentity identity = slack.getIfAvailable();
    var problem = identity == null ? java.util.Optional.<String>empty() : identity.problem();
    if (problem.isPresent()) {
      return Health.down().withDetail("slack", problem.get()).build();
    }
    return Health.up().build();
  }
}
