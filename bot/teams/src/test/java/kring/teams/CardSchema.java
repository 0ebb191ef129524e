package kring.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The published Adaptive Cards 1.5 schema (a draft-06 JSON schema, kept under {@code
 * kring/teams/schema/}), and the cards in what Kring sends to Teams that it is checked against.
 */
final class CardSchema {

  static final String RESOURCE = "schema/adaptive-card-1.5.json";

  /** The content type of an Adaptive Card attachment in a Bot Framework activity. */
  static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

  private static final Schema SCHEMA = load();

  private CardSchema() {}

  /** The properties Teams reads in a card's {@code msteams} object. */
  private static final Set<String> MSTEAMS = Set.of("width", "entities");

  /**
   * What in the card breaks the schema, one line each; empty when the card keeps to it. The schema
   * describes cards for every host and knows nothing of {@code msteams}, the object at a card's
   * root where Teams reads its own settings (full width, mentions); that object is checked against
   * what Teams documents instead.
   */
  static List<String> problems(JsonNode card) {
    List<String> problems = new ArrayList<>();
    JsonNode generic = card;
    if (card.isObject() && card.has("msteams")) {
      problems.addAll(teamsProblems(card.get("msteams")));
      generic = ((ObjectNode) card).deepCopy();
      ((ObjectNode) generic).remove("msteams");
    }
    for (Error error : SCHEMA.validate(generic.toString(), InputFormat.JSON)) {
      problems.add(error.toString());
    }
    return problems;
  }

  private static List<String> teamsProblems(JsonNode msteams) {
    List<String> problems = new ArrayList<>();
    msteams
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!MSTEAMS.contains(name)) {
                problems.add("msteams: unknown property " + name);
              }
            });
    if (msteams.has("width") && !"Full".equals(msteams.get("width").asText())) {
      problems.add("msteams.width: only \"Full\" is known, not " + msteams.get("width"));
    }
    for (JsonNode entity : msteams.path("entities")) {
      boolean mention =
          "mention".equals(entity.path("type").asText())
              && entity.path("text").asText().matches("<at>[^<>]+</at>")
              && entity.path("mentioned").path("id").isTextual()
              && entity.path("mentioned").path("name").isTextual();
      if (!mention) {
        problems.add("msteams.entities: not a mention " + entity);
      }
    }
    return problems;
  }

  /**
   * Every Adaptive Card in a JSON document Kring sends: the attachments of an activity, or the card
   * of a dialog it answers a task/fetch or task/submit with.
   */
  static List<JsonNode> cardsIn(JsonNode sent) {
    List<JsonNode> cards = new ArrayList<>();
    collect(sent, cards);
    return cards;
  }

  /**
   * Checks every card Kring sent through the harness since the last check (posted to the connector
   * or answered to an invoke) against the schema, and returns how many there were.
   */
  static int assertKeptBy(TeamsHarness teams) {
    List<JsonNode> sent = new ArrayList<>(teams.connector.takeUnchecked());
    for (JsonNode answer; (answer = teams.uncheckedAnswers.poll()) != null; ) {
      sent.add(answer);
    }
    int cards = 0;
    for (JsonNode activity : sent) {
      for (JsonNode card : cardsIn(activity)) {
        cards++;
        org.assertj.core.api.Assertions.assertThat(problems(card)).as(card.toString()).isEmpty();
      }
    }
    return cards;
  }

  private static void collect(JsonNode node, List<JsonNode> cards) {
    if (node.isObject() && CONTENT_TYPE.equals(node.path("contentType").asText())) {
      cards.add(node.path("content"));
      return;
    }
    for (JsonNode child : node) {
      collect(child, cards);
    }
  }

  private static Schema load() {
    try (InputStream in = CardSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("No Adaptive Cards schema at kring/teams/" + RESOURCE);
      }
      String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Draft-06 names a schema with "$id": the older "id" the file still carries is only a name,
      // as
      // are the Adaptive Cards version a property came with and its examples.
      Dialect draft6 =
          Dialect.builder(Dialects.getDraft6())
              .keywords(
                  keywords ->
                      List.of("id", "version", "features", "example")
                          .forEach(name -> keywords.put(name, new AnnotationKeyword(name))))
              .build();
      return SchemaRegistry.withDefaultDialect(draft6).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
