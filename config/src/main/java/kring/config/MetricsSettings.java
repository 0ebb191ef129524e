package kring.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Kring reports its own work at {@code /actuator/prometheus}.
 *
 * @param backlogRefresh how long a reading of the backlog from Redis is reused before a scrape
 *     reads it again (KRING_METRICS_BACKLOG_REFRESH); zero reads at every scrape
 */
@Validated
@ConfigurationProperties("kring.metrics")
public record MetricsSettings(
    @NotNull(
            message = "set kring.metrics.backlog-refresh (KRING_METRICS_BACKLOG_REFRESH), e.g. 10s")
        Duration backlogRefresh) {

  /** Validation: a reading is reused for at most five minutes, never for a negative time. */
  @AssertTrue(message = "kring.metrics.backlog-refresh must be between 0s and 5m, like 10s")
  public boolean isWithinFiveMinutes() {
    return backlogRefresh == null
        || (!backlogRefresh.isNegative() && backlogRefresh.compareTo(Duration.ofMinutes(5)) <= 0);
  }
}
