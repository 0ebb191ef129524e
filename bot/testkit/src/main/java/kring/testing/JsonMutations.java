package kring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates real-shaped JSON payloads for fuzz tests: drops, retypes, blanks, swells or replaces one
 * to three of their fields, reached anywhere in the tree, with values known to upset parsers and
 * validators (huge and control-character strings, wrong types, odd URLs and locales, deep nesting).
 * Seeded, so a failing run can be repeated.
 */
public final class JsonMutations {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final String HUGE = "x".repeat(100_000);

  private static final List<String> ODD_STRINGS =
      List.of(
          "",
          " ",
          HUGE,
          "\u0000\u0007\u001b[31m",
          "\ud800",
          "💥".repeat(50),
          "<at>Kring</at>",
          "not a url",
          "http://",
          "http://169.254.169.254/latest",
          "https://user:pw@example.org/",
          "ftp://example.org/",
          "https://" + "a".repeat(600) + ".org/",
          "xx_YY_ZZ",
          "en-US-x-" + "q".repeat(80),
          "nl-BE",
          "../../etc/passwd",
          "19:",
          "29:",
          ";messageid=",
          "a:b;messageid=1",
          "msteams",
          "slack",
          "personal",
          "channel",
          "groupChat",
          "message",
          "invoke",
          "conversationUpdate",
          "installationUpdate",
          "messageReaction",
          "task/fetch",
          "task/submit",
          "adaptiveCard/action",
          "remove",
          "add",
          "2026-13-45T99:99:99Z",
          "{\"kring\":1}",
          "%s%n%x",
          "${jndi:ldap://x}");

  private final SplittableRandom random;

  public JsonMutations(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A mutated deep copy of {@code seed}: one to three changes. */
  public JsonNode mutate(JsonNode seed) {
    JsonNode copy = seed.deepCopy();
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      copy = mutateOnce(copy);
    }
    return copy;
  }

  /**
   * A deep copy of {@code seed} with one to three of its texts and numbers replaced by odd ones of
   * the same type, for a strict reader to take in and pass on.
   */
  public JsonNode mutateValues(JsonNode seed) {
    JsonNode copy = seed.deepCopy();
    List<JsonNode> containers = new ArrayList<>();
    collect(copy, containers);
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      JsonNode container = containers.get(random.nextInt(containers.size()));
      if (container instanceof ObjectNode object && !object.isEmpty()) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode old = object.get(name);
        if (old.isTextual()) {
          object.put(name, ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size())));
        } else if (old.isNumber()) {
          object.put(name, random.nextBoolean() ? -1 : random.nextLong());
        }
      }
    }
    return copy;
  }

  private JsonNode mutateOnce(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return oddValue();
    }
    JsonNode container = containers.get(random.nextInt(containers.size()));
    if (container instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty() || random.nextInt(8) == 0) {
        object.set(names.isEmpty() ? "type" : "extra" + random.nextInt(100), oddValue());
        return root;
      }
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(4)) {
        case 0 -> object.remove(name);
        case 1 -> object.putNull(name);
        default -> object.set(name, oddValue());
      }
    } else if (container instanceof ArrayNode array) {
      if (array.isEmpty() || random.nextInt(3) == 0) {
        array.add(oddValue());
      } else {
        int index = random.nextInt(array.size());
        if (random.nextBoolean()) {
          array.remove(index);
        } else {
          array.set(index, oddValue());
        }
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      for (JsonNode child : node) {
        collect(child, containers);
      }
    }
  }

  private JsonNode oddValue() {
    return switch (random.nextInt(10)) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.getNodeFactory().numberNode(random.nextBoolean() ? -1 : Long.MAX_VALUE);
      case 2 -> JSON.getNodeFactory().numberNode(1e308);
      case 3 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
      case 4 -> JSON.createObjectNode();
      case 5 -> JSON.createArrayNode().add(JSON.createObjectNode());
      case 6 -> deep(40 + random.nextInt(400));
      default ->
          JSON.getNodeFactory().textNode(ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size())));
    };
  }

  private static JsonNode deep(int depth) {
    ObjectNode top = JSON.createObjectNode();
    ObjectNode at = top;
    for (int i = 0; i < depth; i++) {
      at = at.putObject("a");
    }
    return top;
  }
}
