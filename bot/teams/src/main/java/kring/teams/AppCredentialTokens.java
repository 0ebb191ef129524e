package kring.teams;

import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import java.util.Optional;

/**
 * Tokens from Microsoft Entra ID for the bot's app id and secret, through the SDK's credentials,
 * which cache a token until shortly before it expires. A single-tenant app asks its own tenant.
 */
public final class AppCredentialTokens implements ConnectorTokens {

  private final MicrosoftAppCredentials credentials;

  public AppCredentialTokens(TeamsAccess access) {
    if (!access.authenticates()) {
      throw new IllegalArgumentException("Tokens need an app id and secret");
    }
    this.credentials =
        access.tenantId().isEmpty()
            ? new MicrosoftAppCredentials(access.appId(), access.appPassword())
            : new MicrosoftAppCredentials(access.appId(), access.appPassword(), access.tenantId());
  }

  @Override
  public Optional<String> token() throws Exception {
    return Optional.of(credentials.getToken().get());
  }
}
