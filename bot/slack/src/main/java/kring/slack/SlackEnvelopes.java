package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import kring.storage.RedisOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The envelopes Slack sends through Socket Mode: each one with an {@code envelope_id} is
 * acknowledged, whatever it holds, unless Kring is too busy to take it (Slack then sends it again);
 * its payload goes through the same {@link SlackGate} as an HTTP request, and the acknowledgement
 * carries the answer when there is one (a modal's errors or its next view). A message without a
 * usable envelope id is dropped with one INFO line.
 */
final class SlackEnvelopes {

  private static final Logger LOG = LoggerFactory.getLogger(SlackEnvelopes.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  /** Slack's envelope ids are UUIDs; any short id is acknowledged, a longer one is not Slack's. */
  static final int LONGEST_ENVELOPE_ID = 256;

  private final SlackGate gate;

  SlackEnvelopes(App app, SlackWorkspaces workspaces, RedisOnce once) {
    this.gate = new SlackGate(app, workspaces, once);
  }

  /** Whether Kring handles this message itself; {@code hello} and {@code disconnect} it leaves. */
  static boolean claims(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node != null && node.isObject() && !node.has("envelope_id")) {
        String type = node.path("type").asString("");
        return !type.equals("hello") && !type.equals("disconnect");
      }
      return true;
    } catch (JacksonException e) {
      return true;
    }
  }

  /**
   * Handles one message from the socket.
   *
   * @return the acknowledgement to send back, or nothing for a message without a usable envelope id
   *     or one Kring is too busy to take
   */
  Optional<String> handle(String message) {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(message);
    } catch (JacksonException e) {
      LOG.info("Dropped a Socket Mode message that is not JSON");
      return Optional.empty();
    }
    JsonNode id = envelope == null ? null : envelope.get("envelope_id");
    if (id == null
        || !id.isString()
        || id.asString().isBlank()
        || id.asString().length() > LONGEST_ENVELOPE_ID) {
      LOG.info("Dropped a Socket Mode message without a usable envelope id");
      return Optional.empty();
    }
    ObjectNode ack = JSON.createObjectNode();
    ack.put("envelope_id", id.asString());
    Optional<String> body = body(envelope.path("type").asString(""), envelope.get("payload"));
    if (body.isEmpty()) {
      LOG.info("Acknowledged a Socket Mode envelope Kring does not handle");
      return Optional.of(ack.toString());
    }
    Response answer = gate.handle(body.get(), new RequestHeaders(Map.of()), null, null);
    if (answer.getStatusCode() == 503) {
      // Too busy to take it: unacknowledged, Slack sends it again.
      return Optional.empty();
    }
    if (answer.getStatusCode() == 200
        && answer.getBody() != null
        && !answer.getBody().isBlank()
        && answer.getContentType() != null
        && answer.getContentType().startsWith("application/json")) {
      try {
        ack.set("payload", JSON.readTree(answer.getBody()));
      } catch (JacksonException e) {
        LOG.warn("Kring's answer to a Socket Mode envelope was not JSON; acknowledged without it");
      }
    }
    return Optional.of(ack.toString());
  }

  /** The payload as Slack would have sent it over HTTP: JSON for events, a form otherwise. */
  private static Optional<String> body(String type, JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return Optional.empty();
    }
    return switch (type) {
      case "events_api" -> Optional.of(payload.toString());
      case "interactive" -> Optional.of("payload=" + encode(payload.toString()));
      case "slash_commands" -> {
        StringJoiner form = new StringJoiner("&");
        for (Map.Entry<String, JsonNode> field : payload.properties()) {
          JsonNode value = field.getValue();
          form.add(
              encode(field.getKey())
                  + "="
                  + encode(value.isValueNode() ? value.asString("") : value.toString()));
        }
        yield Optional.of(form.toString());
      }
      default -> Optional.empty();
    };
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
