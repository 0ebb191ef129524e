package kring.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Period;
import java.util.stream.Stream;
import kring.core.privacy.RetentionPeriods;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long Kring keeps a case (ISO-8601 periods such as {@code P12M}, or {@code 12m}).
 *
 * @param closedCase how long a closed case is kept before it is erased
 *     (KRING_RETENTION_CLOSED_CASE)
 * @param inactiveAfter how long an open case may go without anyone acting before Kring asks its
 *     coordinator whether to close it (KRING_RETENTION_INACTIVE_AFTER)
 * @param closeAfterAsking how long Kring waits for that answer before closing the case itself
 *     (KRING_RETENTION_CLOSE_AFTER_ASKING)
 */
@Validated
@ConfigurationProperties("kring.retention")
public record RetentionSettings(
    @NotNull(message = "set kring.retention.closed-case (KRING_RETENTION_CLOSED_CASE), e.g. P12M")
        Period closedCase,
    @NotNull(
            message =
                "set kring.retention.inactive-after (KRING_RETENTION_INACTIVE_AFTER), e.g. P6M")
        Period inactiveAfter,
    @NotNull(
            message =
                "set kring.retention.close-after-asking (KRING_RETENTION_CLOSE_AFTER_ASKING),"
                    + " e.g. P1M")
        Period closeAfterAsking) {

  /** Validation: a period of zero or less would erase or close at once. */
  @AssertTrue(message = "every kring.retention period must be longer than zero, like P1M")
  public boolean isLongerThanZero() {
    return Stream.of(closedCase, inactiveAfter, closeAfterAsking)
        .allMatch(p -> p == null || (!p.isNegative() && !p.isZero()));
  }

  RetentionPeriods periods() {
    return new RetentionPeriods(closedCase, inactiveAfter, closeAfterAsking);
  }
}
