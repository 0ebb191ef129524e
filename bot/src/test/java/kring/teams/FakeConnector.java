package kring.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local Bot Connector: records every activity Kring posts, can answer with a status of a test's
 * choosing, and serves documents (an OpenID configuration, signing keys) at paths of its choosing.
 */
final class FakeConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One post Kring made. */
  record Posted(String conversationId, JsonNode activity, String authorization) {}

  private final HttpServer server;
  private final List<Posted> posted = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<int[]> refusals = new ConcurrentLinkedQueue<>();
  private final Map<String, String> documents = new ConcurrentHashMap<>();

  FakeConnector() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code times} posts are answered with {@code status} and a Retry-After in seconds. */
  void refuseNext(int times, int status, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      refusals.add(new int[] {status, retryAfterSeconds});
    }
  }

  void serve(String path, String json) {
    documents.put(path, json);
  }

  List<Posted> posted() {
    return new ArrayList<>(posted);
  }

  void clear() {
    posted.clear();
    refusals.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String document = documents.get(path);
      if ("GET".equals(exchange.getRequestMethod()) && document != null) {
        answer(exchange, 200, document);
        return;
      }
      String prefix = "/v3/conversations/";
      int activities = path.indexOf("/activities");
      if (!"POST".equals(exchange.getRequestMethod())
          || !path.startsWith(prefix)
          || activities < 0) {
        answer(exchange, 404, "{}");
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      int[] refusal = refusals.poll();
      if (refusal != null) {
        exchange.getResponseHeaders().add("Retry-After", String.valueOf(refusal[1]));
        answer(exchange, refusal[0], "{}");
        return;
      }
      String conversation =
          java.net.URLDecoder.decode(
              path.substring(prefix.length(), activities), StandardCharsets.UTF_8);
      posted.add(
          new Posted(
              conversation,
              JSON.readTree(body),
              exchange.getRequestHeaders().getFirst("Authorization")));
      answer(exchange, 201, "{\"id\":\"" + posted.size() + "\"}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
