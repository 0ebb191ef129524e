package kring.teams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape an activity must have before anything reads it: the fields Kring or the SDK use are of
 * the right type, ids are short printable words, the service URL is one Kring posts to. What fails
 * is named by field only, never by its value, so that the reason can be logged.
 */
final class IncomingActivity {

  /** Teams' ids (29:…, 28:…, a:…, 19:…@thread.tacv2) are printable ASCII, well under this. */
  static final int MAX_ID = 256;

  /** A conversation id may carry a thread ({@code ;messageid=…}) and be longer. */
  static final int MAX_CONVERSATION_ID = 512;

  static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_ID + "}");
  private static final Pattern CONVERSATION_ID =
      Pattern.compile("[\\x21-\\x7e]{1," + MAX_CONVERSATION_ID + "}");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9/._-]{1,64}");
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");
  private static final int MAX_NAME = 256;
  private static final int MAX_MEMBERS = 500;
  private static final int MAX_ENTITIES = 100;

  private IncomingActivity() {}

  /** Why Kring cannot use this activity, or empty when it can be read. */
  static Optional<String> problem(JsonNode activity) {
    if (activity == null || !activity.isObject()) {
      return Optional.of("the body is not a JSON object");
    }
    String problem =
        firstOf(
            word(activity, "type", true),
            word(activity, "channelId", true),
            serviceUrl(activity.get("serviceUrl")),
            id(activity, "id", ID, false),
            account(activity, "from", true),
            account(activity, "recipient", true),
            conversation(activity.get("conversation")),
            word(activity, "name", false),
            word(activity, "action", false),
            text(activity, "text"),
            text(activity, "textFormat"),
            text(activity, "timestamp"),
            text(activity, "localTimestamp"),
            locale(activity.get("locale")),
            entities(activity.get("entities")),
            members(activity, "membersAdded"),
            members(activity, "membersRemoved"),
            object(activity, "channelData"));
    return Optional.ofNullable(problem);
  }

  private static String firstOf(String... problems) {
    for (String problem : problems) {
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static String word(JsonNode parent, String field, boolean required) {
    return matching(parent, field, WORD, required, "a word Teams sends");
  }

  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return absent(node) || node.isTextual() ? null : "its " + field + " is not text";
  }

  private static String id(JsonNode parent, String field, Pattern pattern, boolean required) {
    return matching(parent, field, pattern, required, "a Teams id");
  }

  private static String matching(
      JsonNode parent, String field, Pattern pattern, boolean required, String what) {
    JsonNode node = parent.get(field);
    if (absent(node)) {
      return required ? "it has no " + field : null;
    }
    return node.isTextual() && pattern.matcher(node.asText()).matches()
        ? null
        : "its " + field + " is not " + what;
  }

  private static String serviceUrl(JsonNode node) {
    if (absent(node)) {
      return "it has no serviceUrl";
    }
    return node.isTextual() && Address.trusted(node.asText())
        ? null
        : "its serviceUrl is not one Kring posts to";
  }

  private static String account(JsonNode parent, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (absent(node)) {
      return required ? "it has no " + field : null;
    }
    if (!node.isObject()) {
      return "its " + field + " is not an account";
    }
    String problem =
        firstOf(
            id(node, "id", ID, true),
            id(node, "aadObjectId", ID, false),
            name(node.get("name")),
            text(node, "role"));
    return problem == null ? null : field + ": " + problem;
  }

  private static String name(JsonNode node) {
    if (absent(node)) {
      return null;
    }
    return node.isTextual() && node.asText().length() <= MAX_NAME ? null : "its name is too long";
  }

  private static String conversation(JsonNode node) {
    if (absent(node)) {
      return "it has no conversation";
    }
    if (!node.isObject()) {
      return "its conversation is not an object";
    }
    String problem =
        firstOf(
            id(node, "id", CONVERSATION_ID, true),
            id(node, "tenantId", ID, false),
            word(node, "conversationType", false),
            name(node.get("name")));
    JsonNode group = node.get("isGroup");
    if (problem == null && !absent(group) && !group.isBoolean()) {
      problem = "its isGroup is not true or false";
    }
    return problem == null ? null : "conversation: " + problem;
  }

  private static String locale(JsonNode node) {
    if (absent(node)) {
      return null;
    }
    return node.isTextual() && LOCALE.matcher(node.asText()).matches()
        ? null
        : "its locale is not a language tag";
  }

  private static String entities(JsonNode node) {
    if (absent(node)) {
      return null;
    }
    if (!node.isArray() || node.size() > MAX_ENTITIES) {
      return "its entities are not a list";
    }
    for (JsonNode entity : node) {
      if (!entity.isObject() || word(entity, "type", true) != null) {
        return "an entity has no type";
      }
      if (entity.path("type").asText().equals("mention")) {
        String problem = firstOf(text(entity, "text"), account(entity, "mentioned", false));
        if (problem != null) {
          return "a mention: " + problem;
        }
      }
    }
    return null;
  }

  private static String members(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (absent(node)) {
      return null;
    }
    if (!node.isArray() || node.size() > MAX_MEMBERS) {
      return "its " + field + " is not a list";
    }
    for (JsonNode member : node) {
      if (!member.isObject()) {
        return "its " + field + " holds something that is not an account";
      }
      String problem =
          firstOf(
              id(member, "id", ID, true),
              id(member, "aadObjectId", ID, false),
              name(member.get("name")));
      if (problem != null) {
        return field + ": " + problem;
      }
    }
    return null;
  }

  private static String object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return absent(node) || node.isObject() ? null : "its " + field + " is not an object";
  }
}
