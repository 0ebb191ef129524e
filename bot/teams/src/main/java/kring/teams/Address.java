package kring.teams;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where Kring posts into one Teams conversation: what a Bot Framework conversation reference holds,
 * reduced to what a proactive post needs, kept in Redis so it survives a restart.
 *
 * @param serviceUrl the Bot Connector that delivered the conversation's last activity
 * @param conversationId the conversation (channel, group chat or personal chat)
 * @param botId Kring's own id in that conversation
 */
record Address(String serviceUrl, String conversationId, String botId) {

  Address {
    if (!trusted(serviceUrl)) {
      throw new IllegalArgumentException("Not a Bot Connector URL Kring posts to: " + serviceUrl);
    }
    if (conversationId == null || conversationId.isBlank() || conversationId.length() > 512) {
      throw new IllegalArgumentException("A Teams address needs a conversation id");
    }
    if (botId != null && !IncomingActivity.ID.matcher(botId).matches()) {
      throw new IllegalArgumentException("A bot id is a short printable word");
    }
  }

  /**
   * A service URL is only ever taken from an authenticated activity; besides, it must be HTTPS, or
   * plain HTTP on this machine (a local connector in tests).
   */
  static boolean trusted(String serviceUrl) {
    if (serviceUrl == null || serviceUrl.length() > 512) {
      return false;
    }
    try {
      URI uri = new URI(serviceUrl);
      String host = uri.getHost();
      if (host == null || uri.getUserInfo() != null) {
        return false;
      }
      return "https".equals(uri.getScheme())
          || ("http".equals(uri.getScheme())
              && (host.equals("127.0.0.1") || host.equals("localhost")));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The service URL without a trailing slash, to append API paths to. */
  String base() {
    return serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl;
  }
}
