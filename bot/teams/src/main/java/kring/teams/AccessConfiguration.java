package kring.teams;

import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.integration.Configuration;
import java.util.Properties;

/** The SDK's configuration, filled from Kring's typed Teams settings instead of a file. */
final class AccessConfiguration implements Configuration {

  private final Properties properties = new Properties();

  AccessConfiguration(TeamsAccess access) {
    if (access.authenticates()) {
      properties.setProperty(MicrosoftAppCredentials.MICROSOFTAPPID, access.appId());
      properties.setProperty(MicrosoftAppCredentials.MICROSOFTAPPPASSWORD, access.appPassword());
    }
    if (!access.openIdMetadataUrl().isEmpty()) {
      properties.setProperty("BotOpenIdMetadata", access.openIdMetadataUrl());
    }
  }

  @Override
  public String getProperty(String key) {
    return properties.getProperty(key);
  }

  @Override
  public Properties getProperties() {
    return (Properties) properties.clone();
  }

  @Override
  public String[] getProperties(String key) {
    String value = properties.getProperty(key);
    return value == null ? null : value.split(",");
  }
}
