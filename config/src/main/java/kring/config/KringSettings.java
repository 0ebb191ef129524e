package kring.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that concern Kring as a whole.
 *
 * @param timeZone the zone for dates and the school calendar (KRING_TIME_ZONE), e.g.
 *     Europe/Brussels
 * @param publicUrl Kring's public address (KRING_PUBLIC_URL), the one Slack's HTTP mode or Teams
 *     reach it at; the private pages of represented pupils and parents are served under it. Empty:
 *     this machine, on the server's port (the playground)
 */
@Validated
@ConfigurationProperties("kring")
public record KringSettings(
    @NotNull(message = "set kring.time-zone (KRING_TIME_ZONE), for example Europe/Brussels")
        ZoneId timeZone,
    @Pattern(
            regexp = "|https?://[^\\s?#]+",
            message =
                "set kring.public-url (KRING_PUBLIC_URL) to an http(s) address, or leave it empty")
        String publicUrl) {

  /** Kring's public address, or this machine's on {@code port} when none is set. */
  public String publicUrlOr(int port) {
    return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : publicUrl;
  }
}
