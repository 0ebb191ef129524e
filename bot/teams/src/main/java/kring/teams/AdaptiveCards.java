package kring.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kring.chart.Pictures;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Chart;
import kring.core.reply.Document;
import kring.core.reply.Fields;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.reply.Text;

/**
 * Renders the neutral reply model as Adaptive Cards (schema 1.5, which Teams shows on desktop, web
 * and mobile). Words go into text runs, which Teams does not read as markdown, so what a partner
 * typed is shown as typed. A card stays under Teams' message size limit: it is cut, never refused.
 */
final class AdaptiveCards {

  static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
  static final String VERSION = "1.5";

  /** Teams refuses messages over about 28 KB; this leaves room for the activity around the card. */
  static final int MAX_CARD_BYTES = 24 * 1024;

  /** The longest paragraph shown in full. */
  static final int MAX_TEXT = 4000;

  /** The most choices of a multiple choice shown as checkboxes. */
  static final int CHECKBOXES = 10;

  /** Data keys of Kring's own under which a button or form says what it is. */
  static final String KRING = "kring";

  static final String FORM = "kringForm";
  static final String HIDDEN = "kringHidden";
  static final String CHANNEL = "kringChannel";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdaptiveCards() {}

  /**
   * A message as a card. Its buttons open a dialog (task/fetch), so that whatever a press leads to
   * (a form, a private answer) can be shown to that person only.
   *
   * @param channelKey the case channel the buttons act in, or null: where they are pressed
   * @param shortened the note added when the card had to be cut
   */
  static ObjectNode reply(Reply reply, String channelKey, String shortened) {
    return reply(reply, channelKey, shortened, (chart, max) -> Optional.empty());
  }

  /**
   * A message as a card, its charts drawn as inline pictures where the card has room for them under
   * Teams' size limit. A picture travels inside the message, so nothing is kept or served anywhere
   * for it; where there is no room, the card's text carries the same figures.
   */
  static ObjectNode reply(Reply reply, String channelKey, String shortened, Pictures pictures) {
    ObjectNode card = card();
    ArrayNode body = card.putArray("body");
    Map<Integer, Chart> charts = new TreeMap<>(Comparator.reverseOrder());
    for (Block block : reply.blocks()) {
      if (block instanceof Chart chart) {
        charts.put(body.size(), chart);
      } else {
        body.add(block(block, channelKey));
      }
    }
    if (bytes(card) > MAX_CARD_BYTES) {
      return fit(card, shortened);
    }
    // Last first, so that the places of the earlier ones still hold.
    charts.forEach(
        (at, chart) -> {
          ObjectNode image = image(chart, "");
          int room = MAX_CARD_BYTES - bytes(card) - bytes(image) - 64;
          pictures
              .png(chart, room / 4 * 3)
              .ifPresent(png -> body.insert(at, image(chart, dataUrl(png))));
        });
    return card;
  }

  private static ObjectNode image(Chart chart, String url) {
    ObjectNode image = NODES.objectNode();
    image.put("type", "Image");
    image.put("url", url);
    image.put("altText", chart.alt());
    image.put("size", "Stretch");
    return image;
  }

  private static String dataUrl(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /**
   * Several messages in one card, in the order given, each set apart from the one before; first the
   * buttons that open what else waits. Their charts are left to the figures in their text.
   *
   * @param others buttons for what else waits (forms), or none
   */
  static ObjectNode replies(
      List<Reply> replies, List<Buttons.Button> others, String channelKey, String shortened) {
    ObjectNode card = card();
    ArrayNode body = card.putArray("body");
    for (Reply reply : replies) {
      boolean first = true;
      for (Block block : reply.blocks()) {
        if (block instanceof Chart) {
          continue;
        }
        ObjectNode element = block(block, channelKey);
        if (first && !body.isEmpty()) {
          element.put("separator", true);
          element.put("spacing", "Large");
        }
        first = false;
        body.add(element);
      }
    }
    if (!others.isEmpty()) {
      body.insert(0, buttons(new Buttons(others), channelKey));
    }
    return fit(card, shortened);
  }

  /** A form as the card of a dialog; its submit carries the form id and hidden values back. */
  static ObjectNode form(Form form, String channelKey, String shortened) {
    ObjectNode card = card();
    ArrayNode body = card.putArray("body");
    if (!form.title().isBlank()) {
      body.add(text(form.title(), Text.Style.HEADING));
    }
    if (!form.intro().isBlank()) {
      body.add(text(form.intro(), Text.Style.PLAIN));
    }
    for (Form.Input input : form.inputs()) {
      body.add(input(input));
      if (input.error() != null && !input.error().isBlank()) {
        ObjectNode error = text(input.error(), Text.Style.WARNING);
        error.put("id", input.name() + ".error");
        body.add(error);
      }
    }
    ObjectNode submit = card.putArray("actions").addObject();
    submit.put("type", "Action.Submit");
    submit.put("title", form.submitLabel());
    submit.put("style", "positive");
    ObjectNode data = submit.putObject("data");
    data.put(FORM, form.id());
    data.put(CHANNEL, channelKey);
    ObjectNode hidden = data.putObject(HIDDEN);
    form.hidden().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> hidden.put(e.getKey(), e.getValue()));
    return fit(card, shortened);
  }

  /**
   * A short card that mentions one person as a real Teams mention, with one button.
   *
   * @param teamsId the person's Teams id
   * @param name the person's display name
   * @param words what follows the mention
   */
  static ObjectNode mention(
      String teamsId, String name, String words, Buttons.Button button, String channelKey) {
    ObjectNode card = card();
    String tag = "<at>" + name + "</at>";
    ObjectNode line = card.putArray("body").addObject();
    line.put("type", "TextBlock");
    line.put("wrap", true);
    line.put("text", tag + " " + words);
    card.withArray("body").add(buttons(new Buttons(java.util.List.of(button)), channelKey));
    ObjectNode entity = ((ObjectNode) card.get("msteams")).putArray("entities").addObject();
    entity.put("type", "mention");
    entity.put("text", tag);
    ObjectNode mentioned = entity.putObject("mentioned");
    mentioned.put("id", teamsId);
    mentioned.put("name", name);
    return card;
  }

  /** The size of a card as Teams counts it: its UTF-8 JSON. */
  static int bytes(com.fasterxml.jackson.databind.JsonNode card) {
    try {
      return JSON.writeValueAsString(card).getBytes(StandardCharsets.UTF_8).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A card is plain JSON", e);
    }
  }

  private static ObjectNode card() {
    ObjectNode card = NODES.objectNode();
    card.put("$schema", SCHEMA);
    card.put("type", "AdaptiveCard");
    card.put("version", VERSION);
    card.putObject("msteams").put("width", "Full");
    return card;
  }

  private static ObjectNode block(Block block, String channelKey) {
    if (block instanceof Text t) {
      return text(t.text(), t.style());
    }
    if (block instanceof Fields f) {
      return facts(f);
    }
    if (block instanceof Document d) {
      // Where no file can be sent, the file's text is shown: it is plain text.
      return text(d.text(), Text.Style.PLAIN);
    }
    return buttons((Buttons) block, channelKey);
  }

  private static ObjectNode text(String words, Text.Style style) {
    ObjectNode rich = NODES.objectNode();
    rich.put("type", "RichTextBlock");
    ObjectNode run = rich.putArray("inlines").addObject();
    run.put("type", "TextRun");
    run.put("text", cut(words, MAX_TEXT));
    switch (style) {
      case HEADING -> {
        run.put("size", "Large");
        run.put("weight", "Bolder");
      }
      case NOTE -> {
        run.put("size", "Small");
        run.put("isSubtle", true);
      }
      case WARNING -> {
        run.put("color", "Attention");
        run.put("weight", "Bolder");
      }
      case PLAIN -> {}
    }
    return rich;
  }

  private static ObjectNode facts(Fields fields) {
    ObjectNode set = NODES.objectNode();
    set.put("type", "FactSet");
    ArrayNode facts = set.putArray("facts");
    for (Fields.Field field : fields.fields()) {
      ObjectNode fact = facts.addObject();
      fact.put("title", plain(cut(field.label(), 200)));
      fact.put("value", plain(cut(field.value(), 1000)));
    }
    return set;
  }

  private static ObjectNode buttons(Buttons buttons, String channelKey) {
    ObjectNode set = NODES.objectNode();
    set.put("type", "ActionSet");
    ArrayNode actions = set.putArray("actions");
    for (Buttons.Button button : buttons.buttons()) {
      ObjectNode action = actions.addObject();
      action.put("type", "Action.Submit");
      action.put("title", cut(button.label(), 80));
      if (button.primary()) {
        action.put("style", "positive");
      }
      ObjectNode data = action.putObject("data");
      data.putObject("msteams").put("type", "task/fetch");
      ObjectNode kring = data.putObject(KRING);
      kring.put("a", button.action());
      kring.put("v", button.value());
      if (channelKey != null) {
        kring.put("c", channelKey);
      }
    }
    return set;
  }

  private static Optional<BigDecimal> number(String value) {
    try {
      return value.isBlank() ? Optional.empty() : Optional.of(new BigDecimal(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static ObjectNode input(Form.Input input) {
    ObjectNode node = NODES.objectNode();
    node.put("id", input.name());
    node.put("label", input.label());
    node.put("isRequired", input.required());
    switch (input.kind()) {
      case TEXT, LONG_TEXT -> {
        node.put("type", "Input.Text");
        node.put("isMultiline", input.kind() == Form.Kind.LONG_TEXT);
        if (input.maxLength() > 0) {
          node.put("maxLength", input.maxLength());
        }
        if (!input.hint().isBlank()) {
          node.put("placeholder", cut(input.hint(), 200));
        }
        node.put("value", cut(input.value(), Math.max(input.maxLength(), MAX_TEXT)));
      }
      case NUMBER -> {
        node.put("type", "Input.Number");
        // The schema wants a number here; a string leaves the field empty in Teams' web client.
        number(input.value()).ifPresent(n -> node.put("value", n));
      }
      case CHOICE, MULTI_CHOICE -> {
        node.put("type", "Input.ChoiceSet");
        boolean several = input.kind() == Form.Kind.MULTI_CHOICE;
        // A short list of several choices shows as checkboxes; a long one as a compact list.
        node.put("style", several && input.options().size() <= CHECKBOXES ? "expanded" : "compact");
        if (several) {
          node.put("isMultiSelect", true);
        }
        ArrayNode choices = node.putArray("choices");
        for (Form.Option option : input.options()) {
          ObjectNode choice = choices.addObject();
          choice.put("title", option.label());
          choice.put("value", option.value());
        }
        node.put("value", input.value());
      }
    }
    if (input.required()) {
      node.put("errorMessage", input.label());
    }
    return node;
  }

  /**
   * Cuts a card that is too big: the last parts of its body go first and a note says so; buttons
   * and inputs stay. If that is not enough, the longest paragraphs are shortened.
   */
  private static ObjectNode fit(ObjectNode card, String shortened) {
    if (bytes(card) <= MAX_CARD_BYTES) {
      return card;
    }
    ArrayNode body = (ArrayNode) card.get("body");
    ObjectNode note = text(shortened, Text.Style.NOTE);
    boolean noted = false;
    while (bytes(card) > MAX_CARD_BYTES) {
      int drop = lastDroppable(body, note);
      if (drop < 0) {
        break;
      }
      body.remove(drop);
      if (!noted) {
        body.insert(drop, note);
        noted = true;
      }
    }
    while (bytes(card) > MAX_CARD_BYTES) {
      ObjectNode run = longestRun(body);
      if (run == null) {
        break;
      }
      String words = run.get("text").asText();
      run.put("text", cut(words, words.length() / 2));
    }
    return card;
  }

  /** The last part of the body that may go: not the first, not buttons, inputs or the note. */
  private static int lastDroppable(ArrayNode body, ObjectNode note) {
    for (int i = body.size() - 1; i > 0; i--) {
      String type = body.get(i).path("type").asText();
      if (!type.equals("ActionSet") && !type.startsWith("Input.") && !body.get(i).equals(note)) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode longestRun(ArrayNode body) {
    ObjectNode longest = null;
    for (int i = 0; i < body.size(); i++) {
      for (com.fasterxml.jackson.databind.JsonNode inline : body.get(i).path("inlines")) {
        int length = inline.path("text").asText().length();
        if (length > 16 && (longest == null || length > longest.get("text").asText().length())) {
          longest = (ObjectNode) inline;
        }
      }
    }
    return longest;
  }

  /** Facts are read as markdown by Teams: the characters that would format are escaped. */
  private static String plain(String words) {
    StringBuilder out = new StringBuilder(words.length());
    for (char c : words.toCharArray()) {
      if ("\\*_[]()`#~<>".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String cut(String words, int max) {
    if (words.length() <= max) {
      return words;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(words.charAt(end - 1))) {
      end--;
    }
    return words.substring(0, Math.max(end, 0)) + "…";
  }
}
