package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode: Kring connects out to Slack over a WebSocket with the app-level token, so it needs
 * no public URL. The same {@link App} and listeners as HTTP mode; Slack's own connection checks
 * stand in for the request signature.
 */
public final class SlackSocket implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(SlackSocket.class);

  private final String appToken;
  private final App app;
  private SocketModeApp socket;
  private volatile boolean running;

  public SlackSocket(String appToken, App app) {
    this.appToken = appToken;
    this.app = app;
  }

  @Override
  public void start() {
    try {
      socket = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
      socket.startAsync();
      running = true;
      LOG.info("Connected to Slack in Socket Mode");
    } catch (Exception e) {
      LOG.error(
          "Could not connect to Slack in Socket Mode ({}); check KRING_SLACK_APP_TOKEN and that"
              + " Socket Mode is enabled for the app",
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void stop() {
    running = false;
    if (socket != null) {
      try {
        socket.close();
      } catch (Exception e) {
        LOG.warn("Closing the Slack socket failed: {}", e.getClass().getSimpleName());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
