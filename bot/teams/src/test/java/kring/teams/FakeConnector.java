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

  /** One post Kring made, and the activity id the connector gave it. */
  record Posted(String conversationId, JsonNode activity, String authorization, String id) {}

  /** One update in place Kring asked for, the activity it sent and the status it got. */
  record Updated(String conversationId, String id, JsonNode activity, int status) {}

  /** One deletion Kring asked for, and the status it got. */
  record Deleted(String conversationId, String activityId, String authorization, int status) {}

  private final HttpServer server;
  private final List<Posted> posted = new CopyOnWriteArrayList<>();
  private final List<Deleted> deleted = new CopyOnWriteArrayList<>();
  private final List<Updated> updated = new CopyOnWriteArrayList<>();

  /**
   * The activities still there to update, as {@code conversation/id}: what Kring posted and nobody
   * deleted, since the connector started ({@link #clear()} forgets the records, not the
   * activities).
   */
  private final java.util.Set<String> live = ConcurrentHashMap.newKeySet();

  private final java.util.Set<String> byHand = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<int[]> refusals = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<int[]> deleteRefusals = new ConcurrentLinkedQueue<>();
  private final Map<String, String> documents = new ConcurrentHashMap<>();
  private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
  private final List<String> upgrades = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<JsonNode> unchecked = new ConcurrentLinkedQueue<>();

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

  /**
   * The next {@code times} posts or updates are answered with {@code status} and a Retry-After in
   * seconds.
   */
  void refuseNext(int times, int status, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      refusals.add(new int[] {status, retryAfterSeconds});
    }
  }

  /** The next {@code times} deletions are answered so, with a Retry-After in seconds. */
  void refuseNextDeletes(int times, int status, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      deleteRefusals.add(new int[] {status, retryAfterSeconds});
    }
  }

  /** Someone deleted one of Kring's activities by hand, in Teams itself. */
  void deleteByHand(String conversationId, String activityId) {
    byHand.add(conversationId + "/" + activityId);
    live.remove(conversationId + "/" + activityId);
  }

  /** Every update in place Kring asked for, in order, those refused with 404 too. */
  List<Updated> updated() {
    return new ArrayList<>(updated);
  }

  /** Every deletion Kring asked for, in order. */
  List<Deleted> deleted() {
    return new ArrayList<>(deleted);
  }

  /** The activities Kring posted that are not deleted, each as {@code conversation/id}. */
  java.util.Set<String> standing() {
    java.util.Set<String> left = new java.util.HashSet<>();
    posted.forEach(p -> left.add(p.conversationId() + "/" + p.id()));
    deleted.stream()
        .filter(d -> d.status() == 200)
        .forEach(d -> left.remove(d.conversationId() + "/" + d.activityId()));
    left.removeAll(byHand);
    return left;
  }

  /**
   * What each activity Kring posted and nobody deleted shows now, by {@code conversation/id}: the
   * activity as posted, or as its last accepted update.
   */
  Map<String, JsonNode> showing() {
    java.util.Set<String> left = standing();
    Map<String, JsonNode> now = new java.util.LinkedHashMap<>();
    for (Posted p : posted) {
      String key = p.conversationId() + "/" + p.id();
      if (left.contains(key)) {
        now.put(key, p.activity());
      }
    }
    for (Updated u : updated) {
      String key = u.conversationId() + "/" + u.id();
      if (u.status() == 200 && now.containsKey(key)) {
        now.put(key, u.activity());
      }
    }
    return now;
  }

  /**
   * The requests that asked to switch protocols (HTTP/2 over plain HTTP, {@code Upgrade: h2c}),
   * which Microsoft 365 Agents Playground answers by dropping the connection.
   */
  List<String> upgradesAsked() {
    return new ArrayList<>(upgrades);
  }

  /** Where the fake's upload sessions are: a PUT under it is kept as the file's bytes. */
  static final String UPLOADS = "/upload/";

  /** The bytes put at an upload address of the fake, or null. */
  byte[] uploaded(String path) {
    return uploads.get(path);
  }

  void serve(String path, String json) {
    documents.put(path, json);
  }

  List<Posted> posted() {
    return new ArrayList<>(posted);
  }

  /**
   * Every activity posted since the last call, including those {@link #clear()} forgot, so that a
   * test can check all Kring sent.
   */
  List<JsonNode> takeUnchecked() {
    List<JsonNode> taken = new ArrayList<>();
    for (JsonNode activity; (activity = unchecked.poll()) != null; ) {
      taken.add(activity);
    }
    return taken;
  }

  void clear() {
    posted.clear();
    deleted.clear();
    updated.clear();
    byHand.clear();
    refusals.clear();
    deleteRefusals.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestHeaders().containsKey("Upgrade")) {
        upgrades.add(exchange.getRequestMethod() + " " + path);
      }
      String document = documents.get(path);
      if ("GET".equals(exchange.getRequestMethod()) && document != null) {
        answer(exchange, 200, document);
        return;
      }
      if ("PUT".equals(exchange.getRequestMethod()) && path.startsWith(UPLOADS)) {
        // An upload session in a person's OneDrive, as Teams gives one for a file they accepted.
        uploads.put(path, exchange.getRequestBody().readAllBytes());
        answer(exchange, 201, "{}");
        return;
      }
      String prefix = "/v3/conversations/";
      int activities = path.indexOf("/activities");
      if ("DELETE".equals(exchange.getRequestMethod())
          && path.startsWith(prefix)
          && activities > 0) {
        delete(exchange, path.substring(prefix.length(), activities), path.substring(activities));
        return;
      }
      if ("PUT".equals(exchange.getRequestMethod()) && path.startsWith(prefix) && activities > 0) {
        update(exchange, path.substring(prefix.length(), activities), path.substring(activities));
        return;
      }
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
      synchronized (posted) {
        // Activity ids as Teams gives them: unique, with a colon that travels URL-encoded.
        String id = "1:" + (posted.size() + 1);
        JsonNode activity = JSON.readTree(body);
        posted.add(
            new Posted(
                conversation,
                activity,
                exchange.getRequestHeaders().getFirst("Authorization"),
                id));
        unchecked.add(activity);
        live.add(conversation + "/" + id);
        answer(exchange, 201, "{\"id\":\"" + id + "\"}");
      }
    }
  }

  /**
   * The connector's delete activity: 200 for an activity Kring posted in that conversation and did
   * not delete yet, 404 otherwise, or a refusal a test asked for.
   */
  private void delete(HttpExchange exchange, String rawConversation, String rest)
      throws IOException {
    String conversation = java.net.URLDecoder.decode(rawConversation, StandardCharsets.UTF_8);
    String activity = activityId(rest);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    int[] refusal = deleteRefusals.poll();
    if (refusal != null) {
      deleted.add(new Deleted(conversation, activity, authorization, refusal[0]));
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(refusal[1]));
      answer(exchange, refusal[0], "{}");
      return;
    }
    boolean found;
    synchronized (posted) {
      found = standing().contains(conversation + "/" + activity);
      if (found) {
        live.remove(conversation + "/" + activity);
      }
      deleted.add(new Deleted(conversation, activity, authorization, found ? 200 : 404));
    }
    answer(exchange, found ? 200 : 404, "{}");
  }

  /**
   * The connector's update activity: 200 with the activity's id for an activity Kring posted in
   * that conversation that is still there ({@link #live}), 404 otherwise. The card Kring sent is
   * checked like a post's.
   */
  private void update(HttpExchange exchange, String rawConversation, String rest)
      throws IOException {
    String conversation = java.net.URLDecoder.decode(rawConversation, StandardCharsets.UTF_8);
    String id = activityId(rest);
    JsonNode activity = JSON.readTree(exchange.getRequestBody().readAllBytes());
    int[] refusal = refusals.poll();
    if (refusal != null) {
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(refusal[1]));
      answer(exchange, refusal[0], "{}");
      return;
    }
    boolean found;
    synchronized (posted) {
      found = live.contains(conversation + "/" + id);
      updated.add(new Updated(conversation, id, activity, found ? 200 : 404));
      unchecked.add(activity);
    }
    answer(exchange, found ? 200 : 404, found ? "{\"id\":\"" + id + "\"}" : "{}");
  }

  /** The activity id in what follows the conversation in a path: {@code /activities/<id>}. */
  private static String activityId(String rest) {
    return rest.startsWith("/activities/")
        ? java.net.URLDecoder.decode(
            rest.substring("/activities/".length()), StandardCharsets.UTF_8)
        : "";
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
