package kring.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Slack's documented limits for what Kring sends: messages (at most 50 blocks), modals and App Home
 * views (at most 100 blocks, a title of 24 characters), and the blocks and elements in them. Slack
 * refuses a message or view over a limit ({@code invalid_blocks}), so whatever breaks one is a
 * message a person never sees.
 */
final class BlockKitLimits {

  private static final Set<String> POSTS =
      Set.of("chat.postMessage", "chat.postEphemeral", "chat.update");
  private static final Set<String> VIEWS =
      Set.of("views.open", "views.update", "views.publish", "views.push");

  private BlockKitLimits() {}

  /** What in this call to Slack breaks a limit; empty when nothing does. */
  static List<String> violations(FakeSlack.Call call) {
    List<String> found = new ArrayList<>();
    if (POSTS.contains(call.method())) {
      at(found, call.param("text").length() <= 40_000, "message text over 40,000 characters");
      JsonNode blocks =
          SlackPayloads.JSON.readTree(call.param("blocks").isEmpty() ? "[]" : call.param("blocks"));
      at(found, blocks.size() <= 50, "more than 50 blocks in a message");
      blocks.forEach(block -> block(found, block));
    } else if (VIEWS.contains(call.method())) {
      JsonNode view = SlackPayloads.JSON.readTree(call.param("view"));
      boolean modal = "modal".equals(view.path("type").asString(""));
      at(found, view.path("blocks").size() <= 100, "more than 100 blocks in a view");
      if (modal) {
        text(found, view.path("title"), 24, "modal title");
        text(found, view.path("submit"), 24, "modal submit");
        text(found, view.path("close"), 24, "modal close");
      }
      at(
          found,
          view.path("private_metadata").asString("").length() <= 3000,
          "private_metadata over 3000");
      at(found, view.path("callback_id").asString("").length() <= 255, "callback_id over 255");
      view.path("blocks").forEach(block -> block(found, block));
    }
    return found;
  }

  private static void block(List<String> found, JsonNode block) {
    String type = block.path("type").asString("");
    at(found, block.path("block_id").asString("").length() <= 255, "block_id over 255");
    switch (type) {
      case "section" -> {
        text(found, block.path("text"), 3000, "section text");
        at(found, block.path("fields").size() <= 10, "more than 10 section fields");
        block.path("fields").forEach(field -> text(found, field, 2000, "section field"));
        if (block.has("accessory")) {
          element(found, block.path("accessory"));
        }
      }
      case "header" -> text(found, block.path("text"), 150, "header text");
      case "context" -> {
        at(found, block.path("elements").size() <= 10, "more than 10 context elements");
        block.path("elements").forEach(e -> text(found, e, 3000, "context element"));
      }
      case "actions" -> {
        at(found, block.path("elements").size() <= 25, "more than 25 elements in an actions block");
        block.path("elements").forEach(e -> element(found, e));
      }
      case "input" -> {
        text(found, block.path("label"), 2000, "input label");
        text(found, block.path("hint"), 2000, "input hint");
        element(found, block.path("element"));
      }
      default -> {}
    }
  }

  private static void element(List<String> found, JsonNode element) {
    String type = element.path("type").asString("");
    at(found, element.path("action_id").asString("").length() <= 255, "action_id over 255");
    text(found, element.path("placeholder"), 150, type + " placeholder");
    switch (type) {
      case "button" -> {
        text(found, element.path("text"), 75, "button text");
        at(found, element.path("value").asString("").length() <= 2000, "button value over 2000");
      }
      case "static_select", "multi_static_select", "radio_buttons", "checkboxes" -> {
        int most = type.endsWith("select") ? 100 : 10;
        at(
            found,
            element.path("options").size() <= most,
            "more than " + most + " options in " + type);
        element
            .path("options")
            .forEach(
                option -> {
                  text(found, option.path("text"), 75, "option text");
                  at(
                      found,
                      option.path("value").asString("").length() <= 150,
                      "option value over 150");
                  text(found, option.path("description"), 75, "option description");
                });
      }
      case "plain_text_input" -> {
        int max = element.path("max_length").asInt(3000);
        at(found, max <= 3000, "plain_text_input max_length over 3000");
        at(
            found,
            element.path("initial_value").asString("").length() <= max,
            "initial_value longer than max_length");
      }
      default -> {}
    }
  }

  private static void text(List<String> found, JsonNode text, int most, String what) {
    if (!text.isMissingNode() && !text.isNull()) {
      at(
          found,
          text.path("text").asString("").length() <= most,
          what + " over " + most + " characters: " + text.path("text").asString(""));
    }
  }

  private static void at(List<String> found, boolean holds, String what) {
    if (!holds) {
      found.add(what);
    }
  }
}
