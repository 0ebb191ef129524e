package kring.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.UrlVerificationRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * the body once, for its kind, its checks and its event id, and builds Bolt's request from that
 * reading ({@link #boltRequest}) rather than through Bolt's own parser, which reads a body up to
 * three more times before it builds the same request, answers malformed JSON with a 500, logs the
 * whole body of a request it does not recognise and fails on fields of an unexpected type.
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

  SlackGate(App app, SlackWorkspaces workspaces, RedisOnce once) {
    this.app = app;
    this.workspaces = workspaces;
    this.repeats = new SlackRepeats(once);
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
    Request<?> request =
        boltRequest(text, payload, headers, remoteAddress, signature == null, app.config());
    if (request == null) {
      return refuse(400, "a payload Kring cannot read");
    }
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

  /**
   * The request Bolt's own parser builds from a body Slack sent over HTTP, or {@code null} for one
   * Kring does not hand to Bolt.
   */
  static Request<?> boltRequest(
      String text, RequestHeaders headers, String remoteAddress, AppConfig config) {
    Payload payload = payload(text);
    return payload.kind() == Kind.HANDLED
        ? boltRequest(text, payload, headers, remoteAddress, false, config)
        : null;
  }

  /**
   * The request Bolt's own parser would build from {@code text}, built from Kring's reading of it:
   * a command from its form, an interaction from the JSON in its form's {@code payload} field, an
   * event or Slack's URL check from the JSON body; {@code null} for one Bolt cannot bind (JSON, but
   * not of the shape Slack sends).
   */
  private static Request<?> boltRequest(
      String text,
      Payload payload,
      RequestHeaders headers,
      String remoteAddress,
      boolean socketMode,
      AppConfig config) {
    Request<?> request;
    try {
      request =
          payload.command() != null
              ? new SlashCommandRequest(text, payload.command(), headers)
              : switch (payload.json().path("type").asString()) {
                case "url_verification" ->
                    payload.inForm() ? null : new UrlVerificationRequest(text, headers);
                case "event_callback" -> payload.inForm() ? null : new EventRequest(text, headers);
                case "block_actions" -> new BlockActionRequest(text, payload.jsonText(), headers);
                case "view_submission" ->
                    new ViewSubmissionRequest(text, payload.jsonText(), headers);
                default -> null;
              };
    } catch (RuntimeException e) {
      return null;
    }
    if (request != null) {
      request.setSocketMode(socketMode);
      request.updateContext(config);
      String forwarded = headers.getFirstValue("X-Forwarded-For");
      request.setClientIpAddress(forwarded != null ? forwarded : remoteAddress);
    }
    return request;
  }

  /** The key Slack's retries of an event share (its workspace and event id), or null for none. */
  private static String eventKey(JsonNode json) {
    String id = json == null ? "" : json.path("event_id").asString("");
    return id.isEmpty() ? null : json.path("team_id").asString("") + ":" + id;
  }

  /**
   * What the payload is, read once: a JSON object or a form's {@code payload} field holding a JSON
   * object with a type (with that object), or a form with a {@code command} (with the command);
   * anything else is malformed.
   */
  private static Payload payload(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      return ofJson(trimmed, false);
    }
    Map<String, String> form = new HashMap<>();
    boolean isCommand = false;
    for (String pair : trimmed.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (name.equals("payload")) {
        try {
          return ofJson(
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8), true);
        } catch (IllegalArgumentException e) {
          return Payload.MALFORMED;
        }
      }
      isCommand |= name.equals("command") && equals > 0;
      if (equals > 0 && equals < pair.length() - 1) {
        try {
          form.put(
              URLDecoder.decode(name, StandardCharsets.UTF_8).strip(),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return Payload.MALFORMED;
        }
      }
    }
    return isCommand
        ? new Payload(Kind.HANDLED, null, null, false, command(form))
        : Payload.MALFORMED;
  }

  /**
   * A slash command's form as Bolt's own parser reads it: the fields Slack documents, each left
   * unset when the form leaves it out or empty.
   */
  private static SlashCommandPayload command(Map<String, String> form) {
    SlashCommandPayload command = new SlashCommandPayload();
    command.setToken(form.get("token"));
    command.setTeamId(form.get("team_id"));
    command.setTeamDomain(form.get("team_domain"));
    command.setEnterpriseId(form.get("enterprise_id"));
    command.setEnterpriseName(form.get("enterprise_name"));
    command.setApiAppId(form.get("api_app_id"));
    command.setChannelId(form.get("channel_id"));
    command.setChannelName(form.get("channel_name"));
    command.setUserId(form.get("user_id"));
    command.setUserName(form.get("user_name"));
    command.setCommand(form.get("command"));
    command.setText(form.get("text"));
    command.setResponseUrl(form.get("response_url"));
    command.setTriggerId(form.get("trigger_id"));
    command.setEnterpriseInstall("true".equals(form.get("is_enterprise_install")));
    return command;
  }

  private static Payload ofJson(String json, boolean inForm) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject() || !node.path("type").isString()) {
        return Payload.MALFORMED;
      }
      String type = node.path("type").asString();
      if (HANDLED.contains(type)) {
        return new Payload(Kind.HANDLED, node, json, inForm, null);
      }
      return UNUSED.contains(type)
          ? new Payload(Kind.UNUSED, node, json, inForm, null)
          : Payload.MALFORMED;
    } catch (JacksonException e) {
      return Payload.MALFORMED;
    }
  }

  /**
   * A payload's kind; its JSON when it has any, as read and as text, and whether it came in a
   * form's {@code payload} field; or the command of a form without JSON.
   */
  private record Payload(
      Kind kind, JsonNode json, String jsonText, boolean inForm, SlashCommandPayload command) {
    static final Payload MALFORMED = new Payload(Kind.MALFORMED, null, null, false, null);
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
