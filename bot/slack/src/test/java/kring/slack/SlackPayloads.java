package kring.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Payloads shaped like the ones Slack documents for commands, events and interactions. */
final class SlackPayloads {

  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON_TYPE = "application/json";
  static final JsonMapper JSON = JsonMapper.shared();
  private static final String MESSAGE_TS = "1700000000.000300";
  private static final AtomicInteger IDS = new AtomicInteger();

  private SlackPayloads() {}

  static String command(String team, String channel, String user, String name, String text) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
    form.put("team_id", team);
    form.put("team_domain", "kring-test");
    form.put("channel_id", channel);
    form.put("channel_name", "zorgoverleg");
    form.put("user_id", user);
    form.put("user_name", name);
    form.put("command", "/kring");
    form.put("text", text);
    form.put("api_app_id", "A0KRINGAPP");
    form.put("is_enterprise_install", "false");
    form.put("response_url", "https://hooks.slack.com/commands/T9/1234/abcd");
    form.put("trigger_id", trigger());
    return form(form);
  }

  static String event(String team, String eventId, ObjectNode event) {
    ObjectNode root = JSON.createObjectNode();
    root.put("token", "XXYYZZ");
    root.put("team_id", team);
    root.put("api_app_id", "A0KRINGAPP");
    root.set("event", event);
    root.put("type", "event_callback");
    root.put("event_id", eventId);
    root.put("event_time", 1_700_000_000L);
    ObjectNode authorization = root.putArray("authorizations").addObject();
    authorization.putNull("enterprise_id");
    authorization.put("team_id", team);
    authorization.put("user_id", FakeSlack.BOT_USER);
    authorization.put("is_bot", true);
    authorization.put("is_enterprise_install", false);
    root.put("is_ext_shared_channel", false);
    root.put("event_context", "4-eyJldCI6ImFwcF9tZW50aW9uIn0");
    return root.toString();
  }

  static String mention(String team, String eventId, String channel, String user, String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention");
    event.put("user", user);
    event.put("text", "<@" + FakeSlack.BOT_USER + "> " + text);
    event.put("ts", "1700000000.000100");
    event.put("channel", channel);
    event.put("event_ts", "1700000000.000100");
    return event(team, eventId, event);
  }

  static String memberJoined(
      String team, String eventId, String channel, String user, String inviter) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "member_joined_channel");
    event.put("user", user);
    event.put("channel", channel);
    event.put("channel_type", "C");
    event.put("team", team);
    event.put("inviter", inviter);
    event.put("event_ts", "1700000000.000200");
    return event(team, eventId, event);
  }

  /** A person left a channel, as the Events API documents {@code member_left_channel}. */
  static String memberLeft(String team, String eventId, String channel, String user) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "member_left_channel");
    event.put("user", user);
    event.put("channel", channel);
    event.put("channel_type", "C");
    event.put("team", team);
    event.put("event_ts", "1700000000.000500");
    return event(team, eventId, event);
  }

  /** A channel was archived, as the Events API documents {@code channel_archive}. */
  static String channelArchive(String team, String eventId, String channel, String user) {
    return channelEvent("channel_archive", team, eventId, channel, "user", user);
  }

  /** A private channel was unarchived, as the Events API documents {@code group_unarchive}. */
  static String groupUnarchive(String team, String eventId, String channel, String actor) {
    return channelEvent("group_unarchive", team, eventId, channel, "actor_id", actor);
  }

  /** An event about a channel, naming who caused it in the field {@code by}. */
  static String channelEvent(
      String type, String team, String eventId, String channel, String by, String user) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", type);
    event.put("channel", channel);
    event.put(by, user);
    event.put("event_ts", "1700000000.000600");
    return event(team, eventId, event);
  }

  /** An inner event of this type with these fields, given as name, value, name, value… */
  static ObjectNode eventOf(String type, String... fields) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", type);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      event.put(fields[i], fields[i + 1]);
    }
    return event;
  }

  /** The event id of {@link #everyEvent}, for a test to replace with ids of its own. */
  static final String SEED_EVENT = "Ev0SEED000";

  /**
   * One of every event Kring subscribes to, shaped as the Events API documents it, each with the
   * event id {@link #SEED_EVENT}.
   */
  static List<String> everyEvent(String team, String channel, String user) {
    List<String> events = new ArrayList<>();
    events.add(mention(team, SEED_EVENT, channel, user, "help"));
    events.add(memberJoined(team, SEED_EVENT, channel, user, "UANNA"));
    events.add(memberJoined(team, SEED_EVENT, channel, FakeSlack.BOT_USER, user));
    events.add(memberLeft(team, SEED_EVENT, channel, user));
    events.add(channelArchive(team, SEED_EVENT, channel, user));
    for (String type : List.of("channel_unarchive", "channel_deleted")) {
      ObjectNode event = JSON.createObjectNode();
      event.put("type", type);
      event.put("channel", channel);
      event.put("user", user);
      event.put("event_ts", "1700000000.000700");
      events.add(event(team, SEED_EVENT, event));
    }
    events.add(groupUnarchive(team, SEED_EVENT, channel, user));
    ObjectNode home = JSON.createObjectNode();
    home.put("type", "app_home_opened");
    home.put("user", user);
    home.put("channel", FakeSlack.im(user));
    home.put("tab", "home");
    home.put("event_ts", "1700000000.000800");
    events.add(event(team, SEED_EVENT, home));
    ObjectNode uninstalled = JSON.createObjectNode();
    uninstalled.put("type", "app_uninstalled");
    uninstalled.put("event_ts", "1700000000.000900");
    events.add(event("T0GONE" + user, SEED_EVENT, uninstalled));
    ObjectNode revoked = JSON.createObjectNode();
    revoked.put("type", "tokens_revoked");
    ObjectNode tokens = revoked.putObject("tokens");
    tokens.putArray("oauth").add(user);
    tokens.putArray("bot").add(FakeSlack.BOT_USER);
    revoked.put("event_ts", "1700000000.001000");
    events.add(event("T0GONE" + user, SEED_EVENT, revoked));
    return events;
  }

  static String urlVerification(String challenge) {
    ObjectNode root = JSON.createObjectNode();
    root.put("token", "Jhj5dZrVaK7ZwHHjRyZWjbDl");
    root.put("challenge", challenge);
    root.put("type", "url_verification");
    return root.toString();
  }

  /** A press of a button Kring posted (a Block Kit element), as a block_actions payload. */
  static String press(String team, String channel, String user, String name, JsonNode button) {
    return blockAction(
        team,
        channel,
        user,
        name,
        button.path("action_id").asString(),
        button.path("value").asString(""));
  }

  static String blockAction(
      String team, String channel, String user, String name, String actionId, String value) {
    return form(
        Map.of(
            "payload",
            blockAction(team, channel, "zorgoverleg", user, name, actionId, value).toString()));
  }

  /**
   * A button pressed in the person's direct message with Kring, which Slack names "directmessage",
   * with the action id and value as Kring put them on the button.
   */
  static String blockActionInDm(
      String team, String user, String name, String actionId, String value) {
    ObjectNode root =
        blockAction(team, FakeSlack.im(user), "directmessage", user, name, actionId, value);
    root.putObject("state").putObject("values");
    return form(Map.of("payload", root.toString()));
  }

  /**
   * A button pressed in a direct message Kring sent: Slack names the IM channel ({@code D…}) as
   * "directmessage" and hands back the message the button was in.
   *
   * @param message Kring's {@code chat.postMessage} to the IM
   * @param button the pressed element of that message's blocks
   */
  static String blockActionInDm(
      String team, String user, String name, FakeSlack.Call message, JsonNode button) {
    String im = message.param("channel");
    ObjectNode root =
        blockAction(
            team,
            im,
            "directmessage",
            user,
            name,
            button.path("action_id").asString(),
            button.path("value").asString(""));
    root.set("message", posted(team, message));
    ObjectNode state = root.putObject("state");
    state.putObject("values");
    return form(Map.of("payload", root.toString()));
  }

  /** A message Kring posted, as Slack hands it back with a press of one of its buttons. */
  private static ObjectNode posted(String team, FakeSlack.Call message) {
    ObjectNode posted = JSON.createObjectNode();
    posted.put("type", "message");
    posted.put("subtype", "bot_message");
    posted.put("text", message.param("text"));
    posted.put("ts", MESSAGE_TS);
    posted.put("bot_id", "BKRING");
    posted.put("user", FakeSlack.BOT_USER);
    posted.put("app_id", "A0KRINGAPP");
    posted.put("team", team);
    posted.set("blocks", array(message.param("blocks")));
    return posted;
  }

  /**
   * A press of a button in an ephemeral message Kring showed in a channel: Slack sends no message
   * then, and marks the container ephemeral.
   */
  static String pressEphemeral(
      String team, String channel, String user, String name, JsonNode button) {
    ObjectNode root =
        blockAction(
            team,
            channel,
            "zorgoverleg",
            user,
            name,
            button.path("action_id").asString(),
            button.path("value").asString(""));
    ((ObjectNode) root.path("container")).put("is_ephemeral", true);
    root.putObject("state").putObject("values");
    return form(Map.of("payload", root.toString()));
  }

  /**
   * A press of a button in a message Kring posted in a channel, with that message as Slack hands it
   * back.
   */
  static String pressInMessage(
      String team, String user, String name, FakeSlack.Call message, JsonNode button) {
    ObjectNode root =
        blockAction(
            team,
            message.param("channel"),
            "zorgoverleg",
            user,
            name,
            button.path("action_id").asString(),
            button.path("value").asString(""));
    root.set("message", posted(team, message));
    root.putObject("state").putObject("values");
    return form(Map.of("payload", root.toString()));
  }

  private static ObjectNode blockAction(
      String team,
      String channel,
      String channelName,
      String user,
      String name,
      String actionId,
      String value) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "block_actions");
    root.set("user", user(team, user, name));
    root.put("api_app_id", "A0KRINGAPP");
    root.put("token", "9s8d9as89d8as9d8as989");
    ObjectNode container = root.putObject("container");
    container.put("type", "message");
    container.put("message_ts", MESSAGE_TS);
    container.put("channel_id", channel);
    container.put("is_ephemeral", false);
    root.put("trigger_id", trigger());
    ObjectNode teamNode = root.putObject("team");
    teamNode.put("id", team);
    teamNode.put("domain", "kring-test");
    root.putNull("enterprise");
    root.put("is_enterprise_install", false);
    ObjectNode channelNode = root.putObject("channel");
    channelNode.put("id", channel);
    channelNode.put("name", channelName);
    root.put("response_url", "https://hooks.slack.com/actions/T9/1234/abcd");
    ObjectNode action = root.putArray("actions").addObject();
    action.put("action_id", actionId);
    action.put("block_id", "b" + IDS.incrementAndGet());
    ObjectNode text = action.putObject("text");
    text.put("type", "plain_text");
    text.put("text", "button");
    action.put("value", value);
    action.put("type", "button");
    action.put("action_ts", "1700000000.000400");
    return root;
  }

  /**
   * A view_submission of a modal as Kring opened it, with every input at its initial value except
   * the answers given.
   */
  static String viewSubmission(
      String team, String user, String name, JsonNode view, Map<String, String> answers) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "view_submission");
    ObjectNode teamNode = root.putObject("team");
    teamNode.put("id", team);
    teamNode.put("domain", "kring-test");
    root.set("user", user(team, user, name));
    root.put("api_app_id", "A0KRINGAPP");
    root.put("token", "9s8d9as89d8as9d8as989");
    root.put("trigger_id", trigger());
    ObjectNode submitted = ((ObjectNode) view).deepCopy();
    submitted.put("id", "V" + IDS.incrementAndGet());
    submitted.put("team_id", team);
    submitted.put("hash", "1700000000.abcd");
    submitted.put("app_id", "A0KRINGAPP");
    submitted.put("bot_id", "BKRING");
    ObjectNode values = submitted.putObject("state").putObject("values");
    for (JsonNode block : view.path("blocks")) {
      if (!block.path("type").asString().equals("input")) {
        continue;
      }
      String input = block.path("block_id").asString();
      JsonNode element = block.path("element");
      String type = element.path("type").asString();
      ObjectNode state = values.putObject(input).putObject(element.path("action_id").asString());
      state.put("type", type);
      String answer = answers.get(input);
      if (type.equals("checkboxes") || type.equals("multi_static_select")) {
        JsonNode chosen = element.path("initial_options");
        if (answer != null) {
          ArrayNode picked = JSON.createArrayNode();
          for (String value : answer.split(",", -1)) {
            for (JsonNode option : element.path("options")) {
              if (option.path("value").asString().equals(value)) {
                picked.add(option);
              }
            }
          }
          chosen = picked;
        }
        state.set("selected_options", chosen.isMissingNode() ? JSON.createArrayNode() : chosen);
      } else if (type.equals("static_select")) {
        JsonNode chosen = element.path("initial_option");
        if (answer != null) {
          chosen = null;
          for (JsonNode option : element.path("options")) {
            if (option.path("value").asString().equals(answer)) {
              chosen = option;
            }
          }
          if (chosen == null) {
            throw new AssertionError("No option " + answer + " in " + input);
          }
        }
        if (chosen == null || chosen.isMissingNode()) {
          state.putNull("selected_option");
        } else {
          state.set("selected_option", chosen);
        }
      } else {
        String initial = element.path("initial_value").asString(null);
        String value = answer != null ? answer : initial;
        if (value == null) {
          state.putNull("value");
        } else {
          state.put("value", value);
        }
      }
    }
    root.set("view", submitted);
    root.set("response_urls", JSON.createArrayNode());
    root.put("is_enterprise_install", false);
    root.putNull("enterprise");
    return form(Map.of("payload", root.toString()));
  }

  static ArrayNode array(String json) {
    return (ArrayNode) JSON.readTree(json);
  }

  private static ObjectNode user(String team, String user, String name) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", user);
    node.put("username", name);
    node.put("name", name);
    node.put("team_id", team);
    return node;
  }

  private static String trigger() {
    return IDS.incrementAndGet() + ".1700000000.0123456789abcdef0123456789abcdef";
  }

  static String form(Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }
}
