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
  private final Case consenting = Samples.consenting(full);

  @Test
  void writesACaseAsTheCurrentSchemaDocumentWithoutItsRevision() throws IOException {
    String written = documents.write(consenting.atRevision(7));

    assertThat(json.readTree(written)).isEqualTo(json.readTree(schemaSix()));
  }

  @Test
  void readsTheCurrentSchemaDocumentAtTheRevisionStoredBesideIt() throws IOException {
    assertThat(documents.read(CODE, "6", "7", schemaSix())).isEqualTo(consenting.atRevision(7));
  }

  @Test
  void readsADocumentAnEarlierKringWroteInSchemaFiveWithAnEmptyConsentRegister()
      throws IOException {
    Case read = documents.read(CODE, "5", "7", schemaFive());

    assertThat(read).isEqualTo(full.atRevision(7));
    assertThat(read.consents().records()).isEmpty();
  }

  @Test
  void theConsentRegisterSurvivesTheRoundTripWithItsWithdrawal() {
    Case read = documents.read(CODE, "6", "3", documents.write(consenting.atRevision(3)));

    assertThat(read.consents()).isEqualTo(consenting.consents());
    assertThat(read.consents().record(2).orElseThrow().withdrawn()).isTrue();
  }

  @Test
  void readsADocumentAnEarlierKringWroteInSchemaFour() throws IOException {
    assertThat(documents.read(CODE, "4", "7", schemaFour())).isEqualTo(full.atRevision(7));
  }

  @Test
  void reflectionRoundsSurviveTheRoundTripOpenWithTheirAnswersAndClosedWithTheirResult() {
    Case reflecting = Samples.reflecting(full).atRevision(4);

    Case read = documents.read(CODE, "6", "4", documents.write(reflecting));

    assertThat(read).isEqualTo(reflecting);
    assertThat(read.closedReflections()).hasSize(1);
    assertThat(read.openReflection().orElseThrow().answers()).isNotEmpty();
  }

  @Test
  void readsADocumentAnEarlierKringWroteInSchemaThree() throws IOException {
    assertThat(documents.read(CODE, "3", "7", schemaThree())).isEqualTo(full.atRevision(7));
  }

  @Test
  void readsADocumentAnEarlierKringWroteInSchemaTwo() throws IOException {
    assertThat(documents.read(CODE, "2", "7", schemaTwo())).isEqualTo(full.atRevision(7));
  }

  @Test
  void readsADocumentAnEarlierKringWroteInSchemaOne() throws IOException {
    assertThat(documents.read(CODE, "1", "7", schemaOne())).isEqualTo(full.atRevision(7));
  }

  @Test
  void aPausedCaseSurvivesTheRoundTrip() {
    Case paused = full.pause(full.partners().get(0).user(), Samples.at(9)).atRevision(2);

    Case read = documents.read(CODE, "6", "2", documents.write(paused));

    assertThat(read).isEqualTo(paused);
    assertThat(read.paused()).isTrue();
  }

  @Test
  void upgradesAnOlderDocumentOneSchemaAtATime() throws IOException {
    // Pretend a schema 7 exists whose step changes nothing; count which steps run, in order.
    java.util.List<Integer> ran = new java.util.ArrayList<>();
    Map<Integer, UnaryOperator<ObjectNode>> steps =
        Map.of(
            1,
            document -> {
              ran.add(1);
              return CaseDocuments.UPGRADES.get(1).apply(document);
            },
            2,
            document -> {
              ran.add(2);
              return CaseDocuments.UPGRADES.get(2).apply(document);
            },
            3,
            document -> {
              ran.add(3);
              return CaseDocuments.UPGRADES.get(3).apply(document);
            },
            4,
            document -> {
              ran.add(4);
              return CaseDocuments.UPGRADES.get(4).apply(document);
            },
            5,
            document -> {
              ran.add(5);
              return CaseDocuments.UPGRADES.get(5).apply(document);
            },
            6,
            document -> {
              ran.add(6);
              return document;
            });
    CaseDocuments newer = new CaseDocuments(json, 7, steps);

    assertThat(newer.read(CODE, "1", "3", schemaOne())).isEqualTo(full.atRevision(3));
    assertThat(ran).containsExactly(1, 2, 3, 4, 5, 6);
    ran.clear();
    assertThat(newer.read(CODE, "6", "3", schemaSix())).isEqualTo(consenting.atRevision(3));
    assertThat(ran).containsExactly(6);
  }

  @Test
  void refusesADocumentFromANewerKringAndSaysWhatToDo() throws IOException {
    String fromTheFuture = schemaSix();

    assertThatThrownBy(() -> documents.read(CODE, "7", "0", fromTheFuture))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("case K-7F3Q")
        .hasMessageContaining("schema 7 by a newer Kring")
        .hasMessageContaining("reads up to schema 6");
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
    assertThatThrownBy(() -> new CaseDocuments(json, 7, Map.of(1, UnaryOperator.identity())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema 2");
  }

  /** A case as the first Kring wrote it; kept unchanged, so that upgrading it stays tested. */
  private static String schemaOne() throws IOException {
    return resource("case-schema-1.json");
  }

  /** The same case as the fourth schema wrote it. */
  private static String schemaFour() throws IOException {
    return resource("case-schema-4.json");
  }

  /** The same case as the fifth schema wrote it, before the consent register. */
  private static String schemaFive() throws IOException {
    return resource("case-schema-5.json");
  }

  /** The same case with a consent register, as this Kring writes it. */
  private static String schemaSix() throws IOException {
    return resource("case-schema-6.json");
  }

  /** The same case as the second schema wrote it. */
  private static String schemaTwo() throws IOException {
    return resource("case-schema-2.json");
  }

  /** The same case as the third schema wrote it. */
  private static String schemaThree() throws IOException {
    return resource("case-schema-3.json");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CaseDocumentsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
