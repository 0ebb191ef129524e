package kring.slack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Fields;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.reply.Text;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the neutral reply model as Block Kit: messages, modals and the App Home. Slack refuses a
 * payload that breaks one of its limits, so every text, list and block count is cut to fit, with an
 * ellipsis, instead of failing.
 */
public final class BlockKit {

  static final int MESSAGE_BLOCKS = 50;
  static final int MODAL_BLOCKS = 100;
  static final int HEADER_TEXT = 150;
  static final int SECTION_TEXT = 3000;
  static final int CONTEXT_TEXT = 2000;
  static final int FIELDS = 10;
  static final int FIELD_TEXT = 2000;
  static final int BUTTONS = 25;
  static final int BUTTON_TEXT = 75;
  static final int BUTTON_VALUE = 2000;
  static final int ACTION_ID = 255;
  static final int FALLBACK_TEXT = 3000;
  static final int MODAL_TITLE = 24;
  static final int LABEL = 2000;
  static final int OPTIONS = 100;
  static final int CHECKBOXES = 10;
  static final int OPTION_TEXT = 75;
  static final int OPTION_VALUE = 150;
  static final int INPUT_MAX_LENGTH = 3000;

  /** Separates an action from the button's position in the message; action ids must be unique. */
  static final char ACTION_SEPARATOR = '|';

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String ELLIPSIS = "…";

  private BlockKit() {}

  /** The blocks of a message, as the JSON array {@code chat.postMessage} takes. */
  public static ArrayNode message(Reply reply) {
    return fit(blocks(reply), MESSAGE_BLOCKS);
  }

  /** The plain-text fallback Slack shows in notifications. */
  public static String fallback(Reply reply) {
    String summary = reply.summary();
    return cut(summary.isBlank() ? "Kring" : summary, FALLBACK_TEXT);
  }

  /** The App Home view showing a reply. */
  public static ObjectNode home(Reply reply) {
    ObjectNode view = NODES.objectNode();
    view.put("type", "home");
    view.set("blocks", fit(blocks(reply), MODAL_BLOCKS));
    return view;
  }

  /**
   * A modal showing a form.
   *
   * @param privateMetadata what comes back with the submission, written by {@link ModalMetadata}
   */
  public static ObjectNode modal(Form form, String privateMetadata) {
    ObjectNode view = NODES.objectNode();
    view.put("type", "modal");
    view.put("callback_id", cut(form.id(), ACTION_ID));
    view.set("title", plain(title(form.title()), MODAL_TITLE));
    view.set("submit", plain(form.submitLabel(), MODAL_TITLE));
    view.put("private_metadata", privateMetadata);
    ArrayNode blocks = NODES.arrayNode();
    if (!form.intro().isBlank()) {
      blocks.add(section(form.intro()));
    }
    for (Form.Input input : form.inputs()) {
      blocks.add(input(input));
    }
    view.set("blocks", fit(blocks, MODAL_BLOCKS));
    return view;
  }

  /** The errors of a form shown again, by block id, as {@code response_action: errors} takes. */
  public static Map<String, String> errors(Form form) {
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    for (Form.Input input : form.inputs()) {
      if (input.error() != null && !input.error().isBlank()) {
        errors.put(input.name(), cut(input.error(), LABEL));
      }
    }
    return errors;
  }

  /** The action a pressed button stands for, without its position. */
  public static String action(String actionId) {
    int separator = actionId.lastIndexOf(ACTION_SEPARATOR);
    return separator < 0 ? actionId : actionId.substring(0, separator);
  }

  static String json(Object node) {
    return JSON.writeValueAsString(node);
  }

  private static ArrayNode blocks(Reply reply) {
    ArrayNode blocks = NODES.arrayNode();
    int button = 0;
    for (Block block : reply.blocks()) {
      if (block instanceof Text text) {
        blocks.add(text(text));
      } else if (block instanceof Fields fields) {
        List<Fields.Field> all = fields.fields();
        for (int from = 0; from < all.size(); from += FIELDS) {
          blocks.add(fields(all.subList(from, Math.min(all.size(), from + FIELDS))));
        }
      } else if (block instanceof Buttons buttons) {
        List<Buttons.Button> all = buttons.buttons();
        for (int from = 0; from < all.size(); from += BUTTONS) {
          ArrayNode elements = NODES.arrayNode();
          for (Buttons.Button b : all.subList(from, Math.min(all.size(), from + BUTTONS))) {
            elements.add(button(b, button++));
          }
          ObjectNode actions = NODES.objectNode();
          actions.put("type", "actions");
          actions.set("elements", elements);
          blocks.add(actions);
        }
      }
    }
    return blocks;
  }

  private static ObjectNode text(Text text) {
    return switch (text.style()) {
      case HEADING -> {
        ObjectNode header = NODES.objectNode();
        header.put("type", "header");
        header.set("text", plain(text.text(), HEADER_TEXT));
        yield header;
      }
      case NOTE -> {
        ObjectNode context = NODES.objectNode();
        context.put("type", "context");
        context.putArray("elements").add(plain(text.text(), CONTEXT_TEXT));
        yield context;
      }
      case WARNING -> section(":warning: " + text.text());
      case PLAIN -> section(text.text());
    };
  }

  private static ObjectNode section(String words) {
    ObjectNode section = NODES.objectNode();
    section.put("type", "section");
    section.set("text", plain(words, SECTION_TEXT));
    return section;
  }

  private static ObjectNode fields(List<Fields.Field> fields) {
    ObjectNode section = NODES.objectNode();
    section.put("type", "section");
    ArrayNode texts = section.putArray("fields");
    for (Fields.Field field : fields) {
      ObjectNode text = NODES.objectNode();
      text.put("type", "mrkdwn");
      String label = "*" + escape(field.label()) + "*\n";
      text.put("text", label + cut(escape(field.value()), FIELD_TEXT - label.length()));
      texts.add(text);
    }
    return section;
  }

  private static ObjectNode button(Buttons.Button b, int position) {
    ObjectNode button = NODES.objectNode();
    button.put("type", "button");
    button.set("text", plain(b.label(), BUTTON_TEXT));
    String suffix = String.valueOf(ACTION_SEPARATOR) + position;
    button.put("action_id", cut(b.action(), ACTION_ID - suffix.length()) + suffix);
    if (b.value() != null && !b.value().isEmpty()) {
      button.put("value", cut(b.value(), BUTTON_VALUE));
    }
    if (b.primary()) {
      button.put("style", "primary");
    }
    return button;
  }

  private static ObjectNode input(Form.Input input) {
    ObjectNode block = NODES.objectNode();
    block.put("type", "input");
    block.put("block_id", input.name());
    block.put("optional", !input.required());
    block.set("label", plain(input.label(), LABEL));
    if (!input.hint().isBlank()) {
      block.set("hint", plain(input.hint(), LABEL));
    }
    ObjectNode element = NODES.objectNode();
    element.put("action_id", ModalMetadata.VALUE);
    switch (input.kind()) {
      case TEXT, LONG_TEXT -> {
        element.put("type", "plain_text_input");
        element.put("multiline", input.kind() == Form.Kind.LONG_TEXT);
        if (input.maxLength() > 0) {
          element.put("max_length", Math.min(input.maxLength(), INPUT_MAX_LENGTH));
        }
        if (!input.value().isEmpty()) {
          element.put("initial_value", cut(input.value(), INPUT_MAX_LENGTH));
        }
      }
      case NUMBER -> {
        element.put("type", "number_input");
        element.put("is_decimal_allowed", false);
        if (input.value().matches("-?\\d{1,9}")) {
          element.put("initial_value", input.value());
        }
      }
      case CHOICE -> {
        element.put("type", "static_select");
        ArrayNode chosen = options(element, input, Set.of(input.value()));
        if (!chosen.isEmpty()) {
          element.set("initial_option", chosen.get(0));
        }
      }
      case MULTI_CHOICE -> {
        // Checkboxes show every choice at once, but Slack allows only ten of them.
        element.put(
            "type", input.options().size() <= CHECKBOXES ? "checkboxes" : "multi_static_select");
        ArrayNode chosen = options(element, input, Set.of(input.value().split(Form.SEPARATOR, -1)));
        if (!chosen.isEmpty()) {
          element.set("initial_options", chosen);
        }
      }
    }
    block.set("element", element);
    return block;
  }

  /** Puts the input's options on the element; returns copies of the chosen ones. */
  private static ArrayNode options(ObjectNode element, Form.Input input, Set<String> chosen) {
    ArrayNode options = element.putArray("options");
    ArrayNode initial = NODES.arrayNode();
    List<Form.Option> shown = input.options();
    if (shown.size() > OPTIONS) {
      shown = shown.subList(0, OPTIONS);
    }
    for (Form.Option option : shown) {
      ObjectNode node = option(option);
      options.add(node);
      if (chosen.contains(option.value())) {
        initial.add(node.deepCopy());
      }
    }
    return initial;
  }

  private static ObjectNode option(Form.Option option) {
    ObjectNode node = NODES.objectNode();
    node.set("text", plain(option.label(), OPTION_TEXT));
    node.put("value", cut(option.value(), OPTION_VALUE));
    return node;
  }

  private static ObjectNode plain(String words, int limit) {
    ObjectNode text = NODES.objectNode();
    text.put("type", "plain_text");
    text.put("text", cut(words == null || words.isBlank() ? " " : words, limit));
    text.put("emoji", true);
    return text;
  }

  /** Keeps the first blocks and says that the rest was left out, within {@code max} blocks. */
  private static ArrayNode fit(ArrayNode blocks, int max) {
    if (blocks.size() <= max) {
      return blocks;
    }
    ArrayNode kept = NODES.arrayNode();
    for (int i = 0; i < max - 1; i++) {
      kept.add(blocks.get(i));
    }
    ObjectNode more = NODES.objectNode();
    more.put("type", "context");
    more.putArray("elements").add(plain(ELLIPSIS, CONTEXT_TEXT));
    kept.add(more);
    return kept;
  }

  /** Escapes the three characters Slack's mrkdwn reserves. */
  static String escape(String words) {
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Cuts to at most {@code limit} characters, ending with an ellipsis, never inside a pair. */
  /** A case code at the end of a title, with what separates it from the rest. */
  private static final java.util.regex.Pattern CODE_AT_END =
      java.util.regex.Pattern.compile("\\s*\\W?\\s*K-[A-Z0-9]{4}$");

  /** A modal's title within Slack's limit, shortened before its case code, never through it. */
  static String title(String words) {
    if (words == null || words.length() <= MODAL_TITLE) {
      return words;
    }
    java.util.regex.Matcher code = CODE_AT_END.matcher(words);
    if (!code.find() || code.start() == 0) {
      return words;
    }
    String end = words.substring(code.start());
    return cut(words.substring(0, code.start()), MODAL_TITLE - end.length()) + end;
  }

  static String cut(String words, int limit) {
    if (words.length() <= limit) {
      return words;
    }
    int end = limit - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(words.charAt(end - 1))) {
      end--;
    }
    return words.substring(0, Math.max(0, end)) + ELLIPSIS;
  }
}
