package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import kring.storage.RedisOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Between a request Slack sent (over HTTP, signature checked; or through Socket Mode) and the Bolt
 * {@link App}: what Kring cannot use is refused with a 400 or ignored with a 200, each with one
 * INFO line naming the reason and no value from the request; the rest goes to the listeners, which
 * acknowledge at once. A replayed request and an event Slack delivers again are dropped, both
 * decided in one round trip to Redis ({@link SlackRepeats}): by the work after the acknowledgement
 * for what the listeners do afterwards, here for what they answer inside the request. Kring reads
 * the body once, for its kind, its checks and its event id. Bolt's own parser answers malformed
 * JSON with a 500, logs the whole body of a request it does not recognise and fails on fields of an
 * unexpected type, so none of that reaches it.
 */
final class SlackGate {

  private static final Logger LOG = LoggerFactory.getLogger(SlackGate.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  /** The kinds of request Kring hands to Bolt, by the type Slack gives them. */
  private static final Set<String> HANDLED =
      Set.of("url_verification", "event_callback", "block_actions", "view_submission");

  /** Kinds Slack sends that Kring has no use for: acknowledged and ignored. */
  private static final Set<String> UNUSED =
      Set.of(
          "app_rate_limited",
          "block_suggestion",
          "view_closed",
          "shortcut",
          "message_action",
          "interactive_message",
          "dialog_submission",
          "dialog_cancellation",
          "dialog_suggestion",
          "workflow_step_edit");

  /** What a person does that Bolt would answer through the response URL when not installed. */
  private static final Set<RequestType> FROM_A_PERSON =
      Set.of(RequestType.Command, RequestType.BlockAction, RequestType.ViewSubmission);

  /**
   * What the listeners acknowledge at once and do afterwards ({@link SlackListeners}): whether
   * Slack sent it before is the first thing that work decides, so the acknowledgement waits for no
   * round trip to Redis. Anything else (a modal submission, answered inside the request) is decided
   * here, before the listeners see it.
   */
  private static final Set<RequestType> DECIDED_AFTER =
      Set.of(RequestType.Command, RequestType.BlockAction, RequestType.Event);

  private final App app;
  private final SlackWorkspaces workspaces;
  private final SlackRepeats repeats;
  private final SlackRequestParser parser;

  SlackGate(App app, SlackWorkspaces workspaces, RedisOnce once) {
    this.app = app;
    this.workspaces = workspaces;
    this.repeats = new SlackRepeats(once);
    this.parser = new SlackRequestParser(app.config());
  }

  /**
   * Answers one request.
   *
   * @param text the body as Slack sends it over HTTP: JSON, or a form
   * @param signature the request's checked signature over HTTP, remembered so that a replay is
   *     dropped; {@code null} through Socket Mode, which has none
   */
  Response handle(String text, RequestHeaders headers, String remoteAddress, String signature) {
    Payload payload = payload(text);
    if (payload.kind() == Kind.UNUSED) {
      return ignore("a kind of request Kring does not handle");
    }
    if (payload.kind() == Kind.MALFORMED) {
      return refuse(400, "malformed");
    }
    Request<?> request;
    try {
      request =
          parser.parse(
              SlackRequestParser.HttpRequest.builder()
                  .requestUri("/slack/events")
                  .queryString(Map.of())
                  .headers(headers)
                  .requestBody(text)
                  .remoteAddress(remoteAddress)
                  .build());
    } catch (RuntimeException e) {
      request = null;
    }
    if (request == null) {
      return refuse(400, "a payload Kring cannot read");
    }
    request.setSocketMode(signature == null);
    SlackPayloadCheck.Verdict usable = SlackPayloadCheck.check(request, payload.json());
    if (!usable.passes()) {
      return usable.status() == 200
          ? ignore(usable.reason())
          : refuse(usable.status(), usable.reason());
    }
    if (FROM_A_PERSON.contains(request.getRequestType())
        && !workspaces.installed(request.getContext().getTeamId())) {
      LOG.info("Answered a Slack request from a workspace without Kring");
      return SlackNotInstalled.answer(request.getRequestType());
    }
    String event = request.getRequestType() == RequestType.Event ? eventKey(payload.json()) : null;
    Map<String, String> context = request.getContext().getAdditionalValues();
    if (DECIDED_AFTER.contains(request.getRequestType())) {
      if (signature != null) {
        context.put(SlackListeners.SIGNATURE_KEY, signature);
      }
      if (event != null) {
        context.put(SlackListeners.EVENT_KEY, event);
      }
    } else {
      RedisOnce.Seen seen = repeats.seen(signature, event);
      if (seen != RedisOnce.Seen.NEW) {
        LOG.info(SlackRepeats.dropped(seen));
        return Response.ok();
      }
    }
    try {
      return app.run(request);
    } catch (SlackListeners.TooBusy e) {
      // Nothing was taken: Slack's next try is handled.
      LOG.warn("Kring is too busy to handle a Slack request now; Slack may send it again");
      return Response.builder().statusCode(503).contentType("text/plain").body("busy").build();
    } catch (Exception e) {
      LOG.error("Slack request failed: {}", e.getClass().getName());
      return Response.builder().statusCode(500).contentType("text/plain").body("failed").build();
    }
  }

  /** The key Slack's retries of an event share (its workspace and event id), or null for none. */
  private static String eventKey(JsonNode json) {
    String id = json == null ? "" : json.path("event_id").asString("");
    return id.isEmpty() ? null : json.path("team_id").asString("") + ":" + id;
  }

  /**
   * What the payload is, read once: a JSON object or a form's {@code payload} field holding a JSON
   * object with a type (with that object), or a form with a {@code command} (without); anything
   * else is malformed.
   */
  private static Payload payload(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      return ofJson(trimmed);
    }
    boolean command = false;
    for (String pair : trimmed.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (name.equals("payload")) {
        try {
          return ofJson(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return Payload.MALFORMED;
        }
      }
      command |= name.equals("command") && equals > 0;
    }
    return command ? new Payload(Kind.HANDLED, null) : Payload.MALFORMED;
  }

  private static Payload ofJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject() || !node.path("type").isString()) {
        return Payload.MALFORMED;
      }
      String type = node.path("type").asString();
      if (HANDLED.contains(type)) {
        return new Payload(Kind.HANDLED, node);
      }
      return UNUSED.contains(type) ? new Payload(Kind.UNUSED, node) : Payload.MALFORMED;
    } catch (JacksonException e) {
      return Payload.MALFORMED;
    }
  }

  /** A payload's kind, and its JSON when it has any. */
  private record Payload(Kind kind, JsonNode json) {
    static final Payload MALFORMED = new Payload(Kind.MALFORMED, null);
  }

  private static Response ignore(String reason) {
    LOG.info("Ignored a Slack request: {}", reason);
    return Response.ok();
  }

  private static Response refuse(int status, String reason) {
    LOG.info("Refused a Slack request: {} ({})", status, reason);
    return Response.builder().statusCode(status).contentType("text/plain").body(reason).build();
  }

  /** Whether Kring hands a request to Bolt. */
  enum Kind {
    HANDLED,
    UNUSED,
    MALFORMED
  }
}
