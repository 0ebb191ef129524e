package kring.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Microsoft Teams. The secret comes only from the environment (KRING_TEAMS_APP_PASSWORD).
 *
 * @param enabled switch Teams on without an app id (with allow-unauthenticated)
 *     (KRING_TEAMS_ENABLED)
 * @param appId the bot's Microsoft app id; setting it switches Teams on (KRING_TEAMS_APP_ID)
 * @param appPassword the app's client secret (KRING_TEAMS_APP_PASSWORD)
 * @param tenantId the home tenant of a single-tenant app, or empty (KRING_TEAMS_TENANT_ID)
 * @param allowedTenants the tenants whose activities Kring accepts (KRING_TEAMS_ALLOWED_TENANTS)
 * @param allowUnauthenticated run without checking tokens: for a local connector only
 * @param openIdMetadata where the channel's signing keys are announced, empty for Microsoft's
 * @param maxBody the largest activity accepted on /api/messages
 * @param sendTimeout how long one post to the connector may take before its outcome is unknown
 * @param workers threads that run the work after each acknowledgement (KRING_TEAMS_WORKERS)
 */
@Validated
@ConfigurationProperties("kring.teams")
public record TeamsSettings(
    boolean enabled,
    String appId,
    String appPassword,
    String tenantId,
    List<String> allowedTenants,
    boolean allowUnauthenticated,
    String openIdMetadata,
    DataSize maxBody,
    Duration sendTimeout,
    @Min(1) @Max(64) Integer workers) {

  public TeamsSettings {
    appId = appId == null ? "" : appId.strip();
    appPassword = appPassword == null ? "" : appPassword;
    tenantId = tenantId == null ? "" : tenantId.strip();
    allowedTenants =
        allowedTenants == null
            ? List.of()
            : allowedTenants.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    openIdMetadata = openIdMetadata == null ? "" : openIdMetadata.strip();
    maxBody = maxBody == null ? DataSize.ofKilobytes(256) : maxBody;
    sendTimeout = sendTimeout == null ? Duration.ofSeconds(20) : sendTimeout;
    workers = workers == null ? 4 : workers;
  }
}
