package kring.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.UrlVerificationRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.util.EventsApiPayloadParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Decides, before Bolt sees a signed request, whether Kring can use it: every field Bolt or Kring
 * reads must have the type Slack documents, and every id Kring acts on must look like a Slack id.
 * What fails is refused with a 400 or, when it is well-formed but not for Kring, ignored with a
 * 200; either way with a reason that names the field, never its value.
 */
final class SlackPayloadCheck {

  /** Slack's ids (team, user, channel, enterprise): upper-case letters and digits. */
  static final Pattern ID = Pattern.compile("[A-Z0-9]{2,40}");

  /** The ids each event Kring handles must carry, besides its workspace. */
  static final Map<String, List<String>> EVENTS =
      Map.ofEntries(
          Map.entry("app_mention", List.of("user", "channel")),
          Map.entry("member_joined_channel", List.of("user", "channel")),
          Map.entry("member_left_channel", List.of("user", "channel")),
          Map.entry("app_home_opened", List.of("user")),
          Map.entry("channel_archive", List.of("channel")),
          Map.entry("channel_deleted", List.of("channel")),
          Map.entry("group_archive", List.of("channel")),
          Map.entry("group_deleted", List.of("channel")),
          Map.entry("channel_unarchive", List.of("channel")),
          Map.entry("group_unarchive", List.of("channel")),
          Map.entry("app_uninstalled", List.of()),
          Map.entry("tokens_revoked", List.of()));

  /** The fields of the Events API's outer payload, with the JSON type each must have. */
  private static final Map<String, Kind> OUTER =
      Map.ofEntries(
          Map.entry("token", Kind.STRING),
          Map.entry("team_id", Kind.STRING),
          Map.entry("enterprise_id", Kind.STRING),
          Map.entry("context_team_id", Kind.STRING),
          Map.entry("context_enterprise_id", Kind.STRING),
          Map.entry("api_app_id", Kind.STRING),
          Map.entry("type", Kind.STRING),
          Map.entry("event_id", Kind.STRING),
          Map.entry("event_time", Kind.INTEGER),
          Map.entry("event_context", Kind.STRING),
          Map.entry("is_ext_shared_channel", Kind.BOOLEAN),
          Map.entry("event", Kind.OBJECT),
          Map.entry("authorizations", Kind.ARRAY));

  /** The fields of an authorization. */
  private static final Map<String, Kind> AUTHORIZATION =
      Map.ofEntries(
          Map.entry("enterprise_id", Kind.STRING),
          Map.entry("team_id", Kind.STRING),
          Map.entry("user_id", Kind.STRING),
          Map.entry("is_bot", Kind.BOOLEAN),
          Map.entry("is_enterprise_install", Kind.BOOLEAN));

  /** Fields Slack sends as {@code null} when they do not apply; any other field is left out. */
  private static final java.util.Set<String> NULLABLE =
      java.util.Set.of("enterprise_id", "context_enterprise_id", "context_team_id", "team_id");

  /** The fields of an event Bolt or Kring reads, for every event. */
  private static final Map<String, Kind> EVENT =
      Map.ofEntries(
          Map.entry("type", Kind.STRING),
          Map.entry("subtype", Kind.STRING),
          Map.entry("user", Kind.STRING),
          Map.entry("bot_id", Kind.STRING),
          Map.entry("channel", Kind.STRING),
          Map.entry("team", Kind.STRING),
          Map.entry("inviter", Kind.STRING),
          Map.entry("text", Kind.STRING),
          Map.entry("tab", Kind.STRING),
          Map.entry("ts", Kind.STRING),
          Map.entry("event_ts", Kind.STRING));

  private SlackPayloadCheck() {}

  /** What to do with a request. */
  record Verdict(int status, String reason) {
    static final Verdict PASS = new Verdict(0, "");

    boolean passes() {
      return status == 0;
    }
  }

  /**
   * @param json the payload as Kring read it ({@code null} for a form without JSON), so that the
   *     checks do not read the body again
   */
  static Verdict check(Request<?> request, JsonNode json) {
    try {
      if (request instanceof UrlVerificationRequest) {
        return Verdict.PASS;
      } else if (request instanceof EventRequest r) {
        return event(r, json);
      } else if (request instanceof SlashCommandRequest r) {
        return command(r.getPayload());
      } else if (request instanceof BlockActionRequest r) {
        return pressed(r.getPayload());
      } else if (request instanceof ViewSubmissionRequest r) {
        return submitted(r.getPayload());
      }
      return ignore("a kind of request Kring does not handle");
    } catch (RuntimeException e) {
      // Bolt's own parser (Gson) met a field of another type than the one it binds to.
      return refuse("a field of the wrong type (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Verdict event(EventRequest request, JsonNode root) {
    if (root == null || !root.isObject()) {
      return refuse("not JSON");
    }
    Optional<String> wrong = wrongField(root, OUTER, "");
    if (wrong.isPresent()) {
      return refuse("an event with " + wrong.get());
    }
    if (!isId(root.get("team_id"))) {
      return refuse("an event without a workspace id");
    }
    for (JsonNode authorization : root.path("authorizations")) {
      Optional<String> inner = wrongField(authorization, AUTHORIZATION, "authorizations.");
      if (!authorization.isObject() || inner.isPresent()) {
        return refuse("an event with " + inner.orElse("an authorization that is no object"));
      }
    }
    JsonNode event = root.path("event");
    Optional<String> inner = wrongField(event, EVENT, "event.");
    if (!event.isObject() || inner.isPresent()) {
      return refuse("an event with " + inner.orElse("no event object"));
    }
    List<String> ids = EVENTS.get(event.path("type").asString(""));
    if (ids == null) {
      return ignore("an event Kring does not subscribe to");
    }
    for (String id : ids) {
      if (!isId(event.get(id))) {
        return ignore("an event without a valid " + id);
      }
    }
    if (event.has("inviter") && !isId(event.get("inviter"))) {
      return ignore("an event without a valid inviter");
    }
    // Binds the payload the way Bolt will, so a field of the wrong type fails here and not there.
    EventsApiPayloadParser.buildEventPayload(request);
    return Verdict.PASS;
  }

  private static Verdict command(SlashCommandPayload command) {
    if (!SlackListeners.COMMAND.equals(command.getCommand())) {
      return ignore("a command that is not Kring's");
    }
    if (!isId(command.getTeamId()) || !isId(command.getChannelId())) {
      return ignore("a command without a valid workspace or channel");
    }
    if (!isId(command.getUserId())) {
      return ignore("a command without a valid user");
    }
    return Verdict.PASS;
  }

  private static Verdict pressed(BlockActionPayload payload) {
    if (payload.getChannel() != null && !isId(payload.getChannel().getId())) {
      return ignore("a button press with an invalid channel");
    }
    List<BlockActionPayload.Action> actions = payload.getActions();
    return interaction(
        "a button press",
        payload.getUser() == null ? null : payload.getUser().getId(),
        payload.getTeam() == null ? null : payload.getTeam().getId(),
        actions != null
            && !actions.isEmpty()
            && actions.get(0) != null
            && actions.get(0).getActionId() != null);
  }

  private static Verdict submitted(ViewSubmissionPayload payload) {
    return interaction(
        "a modal submission",
        payload.getUser() == null ? null : payload.getUser().getId(),
        payload.getTeam() == null ? null : payload.getTeam().getId(),
        payload.getView() != null && payload.getView().getCallbackId() != null);
  }

  /** An interaction names a valid person and workspace, and holds what Kring acts on. */
  private static Verdict interaction(String what, String user, String team, boolean complete) {
    if (!isId(user) || !isId(team)) {
      return ignore(what + " without a valid user or workspace");
    }
    return complete ? Verdict.PASS : ignore(what + " without its action or view");
  }

  /**
   * The first field of {@code node} that is present and not of its kind ({@code null} only where
   * Slack sends it).
   */
  private static Optional<String> wrongField(JsonNode node, Map<String, Kind> kinds, String at) {
    for (Map.Entry<String, Kind> field : kinds.entrySet()) {
      JsonNode value = node.get(field.getKey());
      boolean allowedNull =
          value != null
              && value.isNull()
              && !at.equals("event.")
              && NULLABLE.contains(field.getKey());
      if (value != null && !allowedNull && !field.getValue().holds(value)) {
        return Optional.of("a field " + at + field.getKey() + " that is not " + field.getValue());
      }
    }
    return Optional.empty();
  }

  static boolean isId(String value) {
    return value != null && ID.matcher(value).matches();
  }

  private static boolean isId(JsonNode value) {
    return value != null && value.isString() && isId(value.asString());
  }

  private static Verdict refuse(String reason) {
    return new Verdict(400, reason);
  }

  private static Verdict ignore(String reason) {
    return new Verdict(200, reason);
  }

  /** The JSON types Slack's payloads use. */
  private enum Kind {
    STRING,
    INTEGER,
    BOOLEAN,
    OBJECT,
    ARRAY;

    boolean holds(JsonNode value) {
      return switch (this) {
        case STRING -> value.isString();
        case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
        case BOOLEAN -> value.isBoolean();
        case OBJECT -> value.isObject();
        case ARRAY -> value.isArray();
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
