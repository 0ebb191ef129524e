package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import kring.storage.RedisOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode: Kring connects out to Slack over a WebSocket with the app-level token, so it needs
 * no public URL. The same {@link App} and listeners as HTTP mode, behind the same {@link
 * SlackGate}; Slack's own connection checks stand in for the request signature. Every envelope with
 * an envelope id is acknowledged (see {@link SlackEnvelopes}); the SDK's client keeps the
 * connection and reconnects.
 */
public final class SlackSocket implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(SlackSocket.class);

  /** How often the SDK's client checks that its connection is alive. */
  private static final long SESSION_CHECK_MILLIS = 5_000;

  private final String appToken;
  private final App app;
  private final SlackEnvelopes envelopes;

  /**
   * Envelopes waiting to be answered beyond this are left unacknowledged, and Slack sends them
   * again: a flood does not grow memory (an envelope is a few kilobytes). Answering one is quick,
   * the work it sets going waits in {@link SlackWork}.
   */
  static final int QUEUED_ENVELOPES = 10_000;

  /** The envelopes being answered, and those waiting for a thread. */
  private final ExecutorService work =
      new ThreadPoolExecutor(
          4,
          4,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUED_ENVELOPES),
          r -> {
            Thread thread = new Thread(r, "kring-slack-socket");
            thread.setDaemon(true);
            return thread;
          });

  private final Retrying connecting = new Retrying("kring-slack-connect");
  private volatile SocketModeClient client;
  private volatile boolean running;

  /**
   * @param once remembers the events Slack delivered, so that its next try of one has one effect
   */
  public SlackSocket(String appToken, App app, SlackWorkspaces workspaces, RedisOnce once) {
    this.appToken = appToken;
    this.app = app;
    this.envelopes = new SlackEnvelopes(app, workspaces, once);
  }

  @Override
  public void start() {
    running = true;
    connecting.start(this::connect);
  }

  /** Opens the connection once; answers what Slack said when it could not. */
  private Optional<String> connect() {
    if (!running) {
      return Optional.empty();
    }
    try {
      AppsConnectionsOpenResponse opened =
          app.slack().methods(appToken).appsConnectionsOpen(r -> r);
      if (!opened.isOk()) {
        return Optional.of(
            "Slack refused a Socket Mode connection (apps.connections.open: "
                + opened.getError()
                + "); check KRING_SLACK_APP_TOKEN and that Socket Mode is enabled for the app");
      }
      SocketModeClient connected =
          new SocketModeClientJavaWSImpl(
              app.slack(),
              appToken,
              opened.getUrl(),
              1,
              new Envelopes(),
              true,
              true,
              SESSION_CHECK_MILLIS);
      client = connected;
      connected.connect();
      LOG.info("Connected to Slack in Socket Mode");
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(
          "Slack's API is not reachable for Socket Mode (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public void stop() {
    running = false;
    connecting.close();
    SocketModeClient open = client;
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        LOG.warn("Closing the Slack socket failed: {}", e.getClass().getSimpleName());
      }
    }
    work.shutdown();
    try {
      work.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * The SDK's client puts every message it receives here: Kring takes the envelopes itself and
   * leaves the connection's own messages ({@code hello}, {@code disconnect}) to the client.
   */
  private final class Envelopes implements SocketModeMessageQueue {

    private final ConcurrentLinkedMessageQueue own = new ConcurrentLinkedMessageQueue();

    @Override
    public void add(String message) {
      if (!SlackEnvelopes.claims(message)) {
        own.add(message);
        return;
      }
      try {
        work.execute(() -> envelopes.handle(message).ifPresent(this::acknowledge));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.info(
            "Left a Socket Mode envelope unacknowledged (too busy, or stopping); Slack will send it"
                + " again");
      }
    }

    private void acknowledge(String ack) {
      SocketModeClient open = client;
      if (open == null) {
        return;
      }
      try {
        open.sendSocketModeResponse(ack);
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not acknowledge a Socket Mode envelope ({}); Slack will send it again",
            e.getClass().getSimpleName());
      }
    }

    @Override
    public String poll() {
      return own.poll();
    }
  }
}
