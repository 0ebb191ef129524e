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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Between a request Slack sent (over HTTP, signature checked; or through Socket Mode) and the Bolt
 * {@link App}: what Kring cannot use is refused with a 400 or ignored with a 200, each with one
 * INFO line naming the reason and no value from the request; the rest goes to the listeners, which
 * acknowledge at once. Bolt's own parser answers malformed JSON with a 500, logs the whole body of
 * a request it does not recognise and fails on fields of an unexpected type, so none of that
 * reaches it.
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

  private final App app;
  private final SlackWorkspaces workspaces;
  private final SlackRequestParser parser;

  SlackGate(App app, SlackWorkspaces workspaces) {
    this.app = app;
    this.workspaces = workspaces;
    this.parser = new SlackRequestParser(app.config());
  }

  /**
   * Answers one request.
   *
   * @param text the body as Slack sends it over HTTP: JSON, or a form
   * @param socketMode whether it came through Socket Mode, which has no signature to check
   */
  Response handle(String text, RequestHeaders headers, String remoteAddress, boolean socketMode) {
    Kind kind = kind(text);
    if (kind == Kind.UNUSED) {
      return ignore("a kind of request Kring does not handle");
    }
    if (kind == Kind.MALFORMED) {
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
    request.setSocketMode(socketMode);
    SlackPayloadCheck.Verdict usable = SlackPayloadCheck.check(request);
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
    try {
      return app.run(request);
    } catch (Exception e) {
      LOG.error("Slack request failed: {}", e.getClass().getName());
      return Response.builder().statusCode(500).contentType("text/plain").body("failed").build();
    }
  }

  /**
   * What the payload is: a JSON object or a form's {@code payload} field holding a JSON object with
   * a type, or a form with a {@code command}; anything else is malformed.
   */
  static Kind kind(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      return kindOfJson(trimmed);
    }
    boolean command = false;
    for (String pair : trimmed.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (name.equals("payload")) {
        try {
          return kindOfJson(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return Kind.MALFORMED;
        }
      }
      command |= name.equals("command") && equals > 0;
    }
    return command ? Kind.HANDLED : Kind.MALFORMED;
  }

  private static Kind kindOfJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject() || !node.path("type").isString()) {
        return Kind.MALFORMED;
      }
      String type = node.path("type").asString();
      if (HANDLED.contains(type)) {
        return Kind.HANDLED;
      }
      return UNUSED.contains(type) ? Kind.UNUSED : Kind.MALFORMED;
    } catch (JacksonException e) {
      return Kind.MALFORMED;
    }
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
