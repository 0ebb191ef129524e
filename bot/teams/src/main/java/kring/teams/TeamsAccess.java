package kring.teams;

import java.util.Set;

/**
 * Who may talk to Kring's Teams endpoint, and as whom Kring answers.
 *
 * @param appId the bot's Microsoft app id, or empty to run without authentication (tests, local)
 * @param appPassword the app's client secret, or empty
 * @param tenantId the app's home tenant for single-tenant credentials, or empty for multi-tenant
 * @param allowedTenants the tenants whose activities are accepted; never empty
 * @param openIdMetadataUrl where the channel's signing keys are announced, or empty for Microsoft's
 * @param maxBodyBytes the largest request body accepted
 */
public record TeamsAccess(
    String appId,
    String appPassword,
    String tenantId,
    Set<String> allowedTenants,
    String openIdMetadataUrl,
    int maxBodyBytes) {

  public TeamsAccess {
    appId = appId == null ? "" : appId.strip();
    appPassword = appPassword == null ? "" : appPassword;
    tenantId = tenantId == null ? "" : tenantId.strip();
    openIdMetadataUrl = openIdMetadataUrl == null ? "" : openIdMetadataUrl.strip();
    allowedTenants = Set.copyOf(allowedTenants);
    if (allowedTenants.isEmpty()) {
      throw new IllegalArgumentException(
          "Teams needs at least one allowed tenant (kring.teams.allowed-tenants)");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("A Teams request body limit below 1 KB is too small");
    }
  }

  /** Whether incoming activities are checked for a valid Bot Framework token. */
  public boolean authenticates() {
    return !appId.isEmpty();
  }
}
