package kring.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A local stand-in for Slack's Web API: answers the methods Kring calls the way Slack documents
 * them, records every call, and can be told to fail the next call of a method.
 */
final class FakeSlack implements AutoCloseable {

  static final String BOT_USER = "UKRING";
  static final String TEAM = "T9";

  /** One call Kring made. */
  record Call(String method, Map<String, String> params, String authorization, Instant at) {
    String param(String name) {
      return params.getOrDefault(name, "");
    }

    /** Every word a posted message shows: its blocks and its fallback text. */
    String words() {
      return param("text") + "\n" + param("blocks");
    }

    /** The buttons of a posted message that stand for this action, in their order. */
    List<JsonNode> buttons(String action) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode block : SlackPayloads.array(param("blocks"))) {
        for (JsonNode element : block.path("elements")) {
          if (BlockKit.action(element.path("action_id").asString("")).equals(action)) {
            found.add(element);
          }
        }
      }
      return found;
    }
  }

  /** A canned answer. */
  record Answer(int status, String body, Map<String, String> headers) {}

  /** The parameters of a call that carry what a message says. */
  private static final Set<String> WORDS = Set.of("text", "blocks", "attachments");

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /**
   * Whether calls and posted messages are kept for the test to read; a benchmark turns this off,
   * since Slack's own bookkeeping is no part of Kring's cost (and a list copied on every write
   * grows slower with every call).
   */
  private volatile boolean keeping = true;

  private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

  /**
   * Each message Slack holds, as {@link #message} names it, and the call that says what it shows.
   */
  private final Map<String, Call> messages = new ConcurrentHashMap<>();

  private final Set<String> files = ConcurrentHashMap.newKeySet();
  private int sequence;
  private volatile String socketUrl = "ws://127.0.0.1:9/";

  private FakeSlack(HttpServer server) {
    this.server = server;
  }

  static FakeSlack start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeSlack fake = new FakeSlack(server);
    server.createContext("/api/", fake::handle);
    server.createContext("/upload/v1/", fake::upload);
    server.start();
    return fake;
  }

  /** What to give {@code SlackConfig#setMethodsEndpointUrlPrefix}. */
  String methodsUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** Where {@code apps.connections.open} sends Socket Mode clients. */
  void socketUrl(String url) {
    socketUrl = url;
  }

  /** The next call of {@code method} gets this answer instead of success. */
  void failNext(String method, int status, String body, Map<String, String> headers) {
    scripted
        .computeIfAbsent(method, m -> new ArrayDeque<>())
        .add(new Answer(status, body, headers));
  }

  /** The next call of {@code method} is answered only after {@code delay}, after it is recorded. */
  void delayNext(String method, Duration delay) {
    delays.put(method, delay);
  }

  /** The next call of {@code method} is rate limited: HTTP 429 with a Retry-After in seconds. */
  void rateLimitNext(String method, int retryAfterSeconds) {
    failNext(
        method,
        429,
        "{\"ok\":false,\"error\":\"ratelimited\"}",
        Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
  }

  /** The next call of {@code method} gets {@code ok: false} with this error. */
  void errorNext(String method, String error) {
    failNext(method, 200, "{\"ok\":false,\"error\":\"" + error + "\"}", Map.of());
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  List<Call> posts(Predicate<Call> which) {
    return calls.stream().filter(c -> c.method().startsWith("chat.post")).filter(which).toList();
  }

  /** Waits until a call matches, for listeners that work after the acknowledgement. */
  Call await(String method, Predicate<Call> which, Duration within) {
    Instant end = Instant.now().plus(within);
    while (Instant.now().isBefore(end)) {
      for (Call call : calls) {
        if (call.method().equals(method) && which.test(call)) {
          return call;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("No " + method + " call as expected within " + within + ": " + calls);
  }

  /**
   * The messages Kring posted that Slack still holds, each as {@code channel/ts}: posted with
   * {@code chat.postMessage}, not yet deleted with {@code chat.delete}. Ephemeral messages are not
   * held.
   */
  Set<String> messages() {
    return Set.copyOf(messages.keySet());
  }

  /**
   * What each message Slack still holds shows now, by {@link #message}: the {@code
   * chat.postMessage} that posted it, or the last {@code chat.update} of it.
   */
  Map<String, Call> showing() {
    return Map.copyOf(messages);
  }

  /** The files Kring uploaded that Slack still holds: given an upload address, not yet deleted. */
  Set<String> files() {
    return Set.copyOf(files);
  }

  /** Someone deleted one of Kring's messages by hand, in Slack itself. */
  void deleteByHand(String message) {
    messages.remove(message);
  }

  /** A message as {@link #messages} names it. */
  static String message(String channel, String ts) {
    return channel + "/" + ts;
  }

  /** From now on, keeps no calls and no messages: for benchmarks, which read none. */
  void keepNothing() {
    keeping = false;
    clear();
  }

  void clear() {
    calls.clear();
    uploads.clear();
    messages.clear();
    files.clear();
    scripted.clear();
    delays.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Call call =
        new Call(
            method,
            form(body, keeping),
            exchange.getRequestHeaders().getFirst("Authorization"),
            Instant.now());
    if (keeping) {
      calls.add(call);
    }
    Duration delay = delays.remove(method);
    if (delay != null) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Deque<Answer> queue = scripted.get(method);
    Answer answer = queue == null ? null : queue.poll();
    if (answer == null) {
      answer = new Answer(200, success(method, call), Map.of());
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Slack's file service behind an upload address: it takes the file's bytes (raw or as a multipart
   * form) and answers 200 with {@code OK - <length>}. The call is recorded as {@code upload} with
   * the file id, the content type and whether a token came along.
   */
  private void upload(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/upload/v1/".length());
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("file_id", id);
    params.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
    calls.add(
        new Call(
            "upload",
            params,
            exchange.getRequestHeaders().getFirst("Authorization"),
            Instant.now()));
    Deque<Answer> queue = scripted.get("upload");
    Answer answer = queue == null ? null : queue.poll();
    if (answer == null) {
      uploads.put(id, body);
      answer = new Answer(200, "OK - " + body.length, Map.of());
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** What was sent to the upload address of a file, as it arrived. */
  byte[] uploaded(String fileId) {
    return uploads.get(fileId);
  }

  /** The direct-message channel Slack keeps between Kring and a person: the same one every time. */
  static String im(String user) {
    return "D0" + user;
  }

  private synchronized String success(String method, Call call) {
    String ts = "1700000000." + String.format("%06d", ++sequence);
    return switch (method) {
      case "auth.test" ->
          "{\"ok\":true,\"url\":\"https://kring-test.slack.com/\",\"team\":\"Kring Test\","
              + "\"user\":\"kring\",\"team_id\":\""
              + TEAM
              + "\",\"user_id\":\""
              + BOT_USER
              + "\",\"bot_id\":\"BKRING\"}";
      case "chat.postMessage" -> {
        if (keeping) {
          messages.put(message(call.param("channel"), ts), call);
        }
        yield "{\"ok\":true,\"channel\":\"" + call.param("channel") + "\",\"ts\":\"" + ts + "\"}";
      }
      case "chat.update" ->
          // Slack: a message that is not there (deleted, or never posted) is not found.
          found(messages.replace(message(call.param("channel"), call.param("ts")), call), call);
      case "chat.delete" ->
          // Slack: a bot may delete only its own messages; an unknown timestamp is not found.
          found(messages.remove(message(call.param("channel"), call.param("ts"))), call);
      case "files.delete" ->
          files.remove(call.param("file"))
              ? "{\"ok\":true}"
              : "{\"ok\":false,\"error\":\"file_not_found\"}";
      case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + ts + "\"}";
      case "auth.revoke" -> "{\"ok\":true,\"revoked\":true}";
      case "conversations.open" ->
          "{\"ok\":true,\"channel\":{\"id\":\"" + im(call.param("users")) + "\"}}";
      case "files.getUploadURLExternal" -> {
        if (call.param("filename").isEmpty() || !call.param("length").matches("[1-9]\\d{0,8}")) {
          yield "{\"ok\":false,\"error\":\"invalid_arguments\"}";
        }
        String file = "F0UPLOAD" + sequence;
        files.add(file);
        yield "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/upload/v1/"
            + file
            + "\",\"file_id\":\""
            + file
            + "\"}";
      }
      case "files.completeUploadExternal" -> {
        JsonNode files = SlackPayloads.array(call.param("files"));
        if (files.size() != 1 || !uploads.containsKey(files.get(0).path("id").asString(""))) {
          yield "{\"ok\":false,\"error\":\"file_not_found\"}";
        }
        yield "{\"ok\":true,\"files\":[{\"id\":\""
            + files.get(0).path("id").asString("")
            + "\",\"title\":\""
            + files.get(0).path("title").asString("")
            + "\"}]}";
      }
      case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
      case "views.open", "views.publish", "views.update" ->
          "{\"ok\":true,\"view\":{\"id\":\"V" + sequence + "\",\"type\":\"modal\"}}";
      default -> "{\"ok\":true}";
    };
  }

  /** What Slack answers a call on one message: it, or that it is not found. */
  private static String found(Call message, Call call) {
    if (message == null) {
      return "{\"ok\":false,\"error\":\"message_not_found\"}";
    }
    return "{\"ok\":true,\"channel\":\""
        + call.param("channel")
        + "\",\"ts\":\""
        + call.param("ts")
        + "\"}";
  }

  /**
   * A form's parameters. When nothing is kept, a message's words and blocks (what only a test
   * reads) are not decoded: in a benchmark, decoding them is the fake's own cost on the processor
   * that Kring shares with it, which the real Slack does not put on Kring's machine.
   */
  private static Map<String, String> form(String body, boolean whole) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isBlank()) {
      return params;
    }
    // Pair by pair without copying the words it does not read (in benchmarks, the blocks).
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf('&', start);
      end = end < 0 ? body.length() : end;
      if (end == start) {
        start = end + 1;
        continue;
      }
      int eq = body.indexOf('=', start);
      eq = eq < 0 || eq > end ? -1 : eq;
      String name =
          URLDecoder.decode(body.substring(start, eq < 0 ? end : eq), StandardCharsets.UTF_8);
      boolean read = whole || !WORDS.contains(name);
      String value =
          eq < 0 || !read
              ? ""
              : URLDecoder.decode(body.substring(eq + 1, end), StandardCharsets.UTF_8);
      params.put(name, value);
      start = end + 1;
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static List<String> methods(List<Call> calls) {
    List<String> names = new ArrayList<>();
    calls.forEach(c -> names.add(c.method()));
    return names;
  }
}
