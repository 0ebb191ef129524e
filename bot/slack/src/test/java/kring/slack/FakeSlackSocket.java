package kring.slack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import tools.jackson.databind.JsonNode;

/**
 * A local stand-in for Slack's Socket Mode endpoint: greets a client with {@code hello} as Slack
 * does, sends it envelopes, and records the acknowledgements it sends back by envelope id.
 */
final class FakeSlackSocket extends WebSocketServer {

  private final CountDownLatch connected = new CountDownLatch(1);
  private final Map<String, JsonNode> acks = new ConcurrentHashMap<>();
  private final List<String> unreadable = new CopyOnWriteArrayList<>();
  private volatile WebSocket client;

  private FakeSlackSocket() {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
  }

  static FakeSlackSocket open() throws InterruptedException {
    FakeSlackSocket server = new FakeSlackSocket();
    server.start();
    for (int i = 0; i < 200 && server.getPort() == 0; i++) {
      Thread.sleep(10);
    }
    return server;
  }

  /** What {@code apps.connections.open} answers with. */
  String url() {
    return "ws://127.0.0.1:" + getPort() + "/link/?ticket=fake-ticket&app_id=A0KRINGAPP";
  }

  void awaitClient(Duration within) throws InterruptedException {
    if (!connected.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("Kring did not connect to the socket");
    }
  }

  void send(String envelope) {
    client.send(envelope);
  }

  Map<String, JsonNode> acks() {
    return Map.copyOf(acks);
  }

  /** Waits until every one of these envelope ids is acknowledged. */
  void awaitAcks(java.util.Collection<String> ids, Duration within) throws InterruptedException {
    Instant end = Instant.now().plus(within);
    while (!acks.keySet().containsAll(ids)) {
      if (Instant.now().isAfter(end)) {
        List<String> missing = ids.stream().filter(id -> !acks.containsKey(id)).limit(5).toList();
        throw new AssertionError(
            (ids.size() - acks.size()) + " envelopes not acknowledged, e.g. " + missing);
      }
      Thread.sleep(10);
    }
  }

  List<String> unreadable() {
    return List.copyOf(unreadable);
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    client = conn;
    conn.send(
        "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-fake\","
            + "\"build_number\":1,\"approximate_connection_time\":18060},"
            + "\"connection_info\":{\"app_id\":\"A0KRINGAPP\"}}");
    connected.countDown();
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    try {
      JsonNode ack = SlackPayloads.JSON.readTree(message);
      acks.put(ack.path("envelope_id").asString(""), ack);
    } catch (RuntimeException e) {
      unreadable.add(message);
    }
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {}

  void close() throws InterruptedException {
    stop(1000);
  }
}
