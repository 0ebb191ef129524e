package kring.config;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that concern Kring as a whole.
 *
 * @param timeZone the zone for dates and the school calendar (KRING_TIME_ZONE), e.g.
 *     Europe/Brussels
 */
@Validated
@ConfigurationProperties("kring")
public record KringSettings(
    @NotNull(message = "set kring.time-zone (KRING_TIME_ZONE), for example Europe/Brussels")
        ZoneId timeZone) {}
