package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.json.KringJson;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CaseDocumentsTest {

  private static final CaseCode CODE = new CaseCode("K-7F3Q");

  private final JsonMapper json = KringJson.mapper();
  private final CaseDocuments documents = new CaseDocuments(json);
  private final Case full = Samples.fullCase(CODE, Samples.slackChannel("C42"));

  @Test
  void writesACaseAsTheSchemaOneDocumentWithoutItsRevision() throws IOException {
    String written = documents.write(full.atRevision(7));

    assertThat(json.readTree(written)).isEqualTo(json.readTree(schemaOne()));
  }

  @Test
  void readsTheSchemaOneDocumentAtTheRevisionStoredBesideIt() throws IOException {
    assertThat(documents.read(CODE, "1", "7", schemaOne())).isEqualTo(full.atRevision(7));
  }

  @Test
  void upgradesAnOlderDocumentOneSchemaAtATime() throws IOException {
    // Pretend schema 1 called the language "lang" and schema 2 renamed it.
    ObjectNode older = (ObjectNode) json.readTree(schemaOne());
    older.set("lang", older.remove("language"));
    UnaryOperator<ObjectNode> rename =
        document -> {
          document.set("language", document.remove("lang"));
          return document;
        };
    CaseDocuments newer = new CaseDocuments(json, 2, Map.of(1, rename));

    assertThat(newer.read(CODE, "1", "3", json.writeValueAsString(older)))
        .isEqualTo(full.atRevision(3));
    assertThat(newer.read(CODE, "2", "3", schemaOne())).isEqualTo(full.atRevision(3));
  }

  @Test
  void refusesADocumentFromANewerKringAndSaysWhatToDo() throws IOException {
    String fromTheFuture = schemaOne();

    assertThatThrownBy(() -> documents.read(CODE, "2", "0", fromTheFuture))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("case K-7F3Q")
        .hasMessageContaining("schema 2 by a newer Kring")
        .hasMessageContaining("reads up to schema 1");
  }

  @Test
  void refusesADocumentOfAnotherShape() throws IOException {
    ObjectNode changed = (ObjectNode) json.readTree(schemaOne());
    changed.put("pupilName", "never stored");

    assertThatThrownBy(() -> documents.read(CODE, "1", "0", json.writeValueAsString(changed)))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("pupilName");
  }

  @Test
  void refusesADocumentWithoutASchemaVersion() throws IOException {
    String document = schemaOne();

    assertThatThrownBy(() -> documents.read(CODE, null, "0", document))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("no valid schema version");
  }

  @Test
  void refusesADocumentFiledUnderAnotherCode() throws IOException {
    String document = schemaOne();

    assertThatThrownBy(() -> documents.read(new CaseCode("K-2222"), "1", "0", document))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("holds case K-7F3Q");
  }

  @Test
  void needsAnUpgradeForEverySchemaBeforeTheCurrentOne() {
    assertThatThrownBy(() -> new CaseDocuments(json, 3, Map.of(1, UnaryOperator.identity())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema 2");
  }

  private static String schemaOne() throws IOException {
    try (InputStream in = CaseDocumentsTest.class.getResourceAsStream("case-schema-1.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
