package kring.config;

import kring.storage.RedisReadiness;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of Kring's Redis: reachable, persisting and never evicting. When not, the details say
 * what to change.
 */
final class RedisHealth implements HealthIndicator {

  private final RedisReadiness readiness;

  RedisHealth(RedisReadiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public Health health() {
    try {
      RedisReadiness.Status status = readiness.check();
      return status.ready()
          ? Health.up().build()
          : Health.down().withDetail("fix", status.summary()).build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("fix", "Redis is not reachable; check kring.redis.url and that Redis runs")
          .build();
    }
  }
}
