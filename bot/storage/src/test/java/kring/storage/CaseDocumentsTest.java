package kring.storage;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Lifecycle;
import kring.core.cases.Transition;
import kring.core.cases.TransitionKind;
import kring.core.consent.InfoKind;
import kring.core.identity.UserRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reflection.Anonymity;
import kring.core.reflection.QuestionBank;
import kring.json.KringJson;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CaseDocumentsTest {

  private static final CaseCode CODE = new CaseCode("K-7F3Q");

  private final JsonMapper json = KringJson.mapper();
  private final CaseDocuments documents = new CaseDocuments(json);
  private final Case full = writtenBefore(Samples.fullCase(CODE, Samples.slackChannel("C42")));
  private final Case consenting = Samples.consenting(full);

  @Test
  void writesACaseAsTheCurrentSchemaDocumentWithoutItsRevision() throws IOException {
    byte[] written = documents.write(full.atRevision(7));

    assertThat(json.readTree(documents.text(CODE, "" + CaseDocuments.SCHEMA, written)))
        .isEqualTo(json.readTree(text(CaseDocuments.SCHEMA)));
    assertThat(documents.json(full.atRevision(7))).doesNotContain("\"revision\"");
  }

  @Test
  void theCurrentSchemaStoresTheJsonCompressedInTheZlibFormatWithItsDictionary()
      throws IOException {
    byte[] written = documents.write(full);
    byte[] plain = documents.json(full).getBytes(StandardCharsets.UTF_8);

    // RFC 1950: deflate (CM 8), a preset dictionary (FDICT), named by its Adler-32 checksum.
    assertThat(written[0] & 0x0f).isEqualTo(8);
    assertThat(written[1] & 0x20).isEqualTo(0x20);
    Adler32 dictionary = new Adler32();
    dictionary.update(resource(CaseDocuments.DICTIONARY_RESOURCE, CaseDocuments.class));
    assertThat(ByteBuffer.wrap(written, 2, 4).getInt()).isEqualTo((int) dictionary.getValue());
    assertThat(written.length).isLessThan(plain.length / 5);
    // What any zlib reads with the same dictionary is the document's JSON.
    Inflater inflater = new Inflater();
    inflater.setInput(written);
    byte[] out = new byte[plain.length + 1];
    assertThat(inflateWith(inflater, out)).isEqualTo(plain.length);
    assertThat(Arrays.copyOf(out, plain.length)).isEqualTo(plain);
  }

  private static int inflateWith(Inflater inflater, byte[] out) {
    try {
      int n = inflater.inflate(out);
      if (n == 0 && inflater.needsDictionary()) {
        inflater.setDictionary(resource(CaseDocuments.DICTIONARY_RESOURCE, CaseDocuments.class));
        n = inflater.inflate(out);
      }
      return n;
    } catch (DataFormatException | IOException e) {
      throw new AssertionError(e);
    } finally {
      inflater.end();
    }
  }

  @Test
  void theDictionaryOfTheCompressedSchemaNeverChanges() throws Exception {
    // Every document stored since schema 9 needs this very dictionary to be read: a new one is a
    // new schema, with this one kept for the documents written before.
    byte[] dictionary = resource(CaseDocuments.DICTIONARY_RESOURCE, CaseDocuments.class);

    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dictionary)))
        .isEqualTo("3ff8dd855b96f243c58ae301d9900c16592327d143464a1f670fd92218d355a6");
  }

  @Test
  void aPlainDocumentOfSchemaEightIsReadAndWrittenBackCompressed() throws IOException {
    Case read = documents.read(CODE, "8", "7", schema(8));

    assertThat(read).isEqualTo(full.atRevision(7));
    assertThat(documents.text(CODE, "8", schema(8).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(schema(8));
    byte[] written = documents.write(read);
    assertThat(documents.read(CODE, "" + CaseDocuments.SCHEMA, "8", written))
        .isEqualTo(full.atRevision(8));
  }

  @Test
  void aCompressedDocumentCutShortOrDamagedOrStoredPlainIsRefused() throws IOException {
    byte[] written = documents.write(full);
    String current = "" + CaseDocuments.SCHEMA;
    byte[] damaged = written.clone();
    damaged[damaged.length / 2] ^= 0x5a;
    byte[] longer = Arrays.copyOf(written, written.length + 1);

    assertThatThrownBy(
            () -> documents.read(CODE, current, "1", Arrays.copyOf(written, written.length - 8)))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("case K-7F3Q");
    assertThatThrownBy(() -> documents.read(CODE, current, "1", damaged))
        .isInstanceOf(UnreadableRecord.class);
    assertThatThrownBy(() -> documents.read(CODE, current, "1", longer))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("after its end");
    assertThatThrownBy(() -> documents.read(CODE, current, "1", schema(8)))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("not a compressed document");
  }

  /** Every schema a Kring ever wrote, each kept as the same case written in it. */
  static IntStream schemas() {
    return IntStream.rangeClosed(1, CaseDocuments.SCHEMA);
  }

  @ParameterizedTest
  @MethodSource("schemas")
  void readsTheSameCaseFromEverySchemaAKringEverWroteAtTheRevisionStoredBesideIt(int version)
      throws IOException {
    assertThat(documents.read(CODE, "" + version, "7", stored(version)))
        .isEqualTo(full.atRevision(7));
  }

  @Test
  void aDocumentOfSchemaFiveReadsWithAnEmptyConsentRegister() throws IOException {
    Case read = documents.read(CODE, "5", "7", schema(5));

    assertThat(read).isEqualTo(full.atRevision(7));
    assertThat(read.consents().records()).isEmpty();
  }

  @Test
  void theConsentRegisterSurvivesTheRoundTripWithItsWithdrawal() {
    Case read =
        documents.read(
            CODE, "" + CaseDocuments.SCHEMA, "3", documents.write(consenting.atRevision(3)));

    assertThat(read.consents()).isEqualTo(consenting.consents());
    assertThat(read.consents().record(2).orElseThrow().withdrawn()).isTrue();
  }

  @Test
  void reflectionRoundsSurviveTheRoundTripOpenWithTheirAnswersAndClosedWithTheirResult() {
    Case reflecting = Samples.reflecting(full).atRevision(4);

    Case read = documents.read(CODE, "" + CaseDocuments.SCHEMA, "4", documents.write(reflecting));

    assertThat(read).isEqualTo(reflecting);
    assertThat(read.reflections().closed()).hasSize(1);
    assertThat(read.openReflection().orElseThrow().answers()).isNotEmpty();
  }

  @Test
  void aDocumentOfSchemaSixReadsWithoutImprovementsOrTransitions() throws IOException {
    Case read = documents.read(CODE, "6", "7", schema(6));

    assertThat(read).isEqualTo(full.atRevision(7));
    assertThat(read.agreements().versions()).allMatch(a -> a.improvements().isEmpty());
    assertThat(read.settings().transitions()).isEmpty();
  }

  @Test
  void agreedImprovementsAndKnownTransitionsSurviveTheRoundTrip() {
    UserRef ann = full.partners().get(0).user();
    Draft improved =
        full.currentAgreement().orElseThrow().draft().withImprovements(List.of("a meeting day"));
    Case changed =
        full.propose(ann, improved, 2, Samples.at(30))
            .addTransition(
                ann,
                new Transition(LocalDate.of(2026, 6, 15), TransitionKind.EXAMS, ""),
                LocalDate.of(2026, 3, 2),
                Samples.at(31))
            .addTransition(
                ann,
                new Transition(LocalDate.of(2026, 9, 1), TransitionKind.OTHER, "stage begint"),
                LocalDate.of(2026, 3, 2),
                Samples.at(32))
            .atRevision(5);

    Case read = documents.read(CODE, "" + CaseDocuments.SCHEMA, "5", documents.write(changed));

    assertThat(read).isEqualTo(changed);
    assertThat(read.currentAgreement().orElseThrow().improvements())
        .containsExactly("a meeting day");
    assertThat(read.settings().transitions())
        .extracting(Transition::label)
        .contains("stage begint");
  }

  @Test
  void aSchemaSevenCaseWhoseForgottenPartnerOnlyItsConsentNamesGivesANewcomerANewNumber()
      throws IOException {
    // P6 joined, got the parents' consent towards them, was forgotten and never acted otherwise.
    Case read = documents.read(CODE, "7", "9", resource("case-schema-7-partner-forgotten.json"));
    UserRef ann = read.partners().get(0).user();
    UserRef fien = Samples.slackUser("U6");

    Case joined =
        read.askToJoin(new JoinRequest(fien, "Fien", null, Sector.CLB, Role.CLB, false, at(50)))
            .acceptJoin(ann, fien, at(51));

    assertThat(read.partner(6)).isEmpty();
    assertThat(read.partner(4).orElseThrow().active()).isFalse();
    assertThat(read.team().seqsGiven()).isEqualTo(6);
    Partner newcomer = joined.partner(fien).orElseThrow();
    assertThat(newcomer.seq()).isEqualTo(7);
    assertThat(joined.consents().records())
        .flatExtracting(r -> r.terms().towardsPartners())
        .containsExactlyInAnyOrder(3, 6, 2);
    assertThat(joined.consents().covers(InfoKind.HEALTH, newcomer, LocalDate.of(2026, 3, 2)))
        .isFalse();
    assertThat(documents.read(CODE, "" + CaseDocuments.SCHEMA, "10", documents.write(joined)))
        .isEqualTo(joined.atRevision(10));
  }

  /** A schema 7 document with partner number 30 planted in one of the fields that name one. */
  static Stream<Arguments> plantedNumbers() {
    return Stream.of(
        planted("a partner who left", d -> partner(d, 3).put("seq", 30)),
        planted(
            "a represented person's voice",
            d ->
                partner(d, 4)
                    .putObject("voice")
                    .put("onGoal", "back to school")
                    .put("onCollaboration", "")
                    .put("recordedBySeq", 30)
                    .put("recordedAt", "2026-03-02T08:50:00Z")),
        planted(
            "the pause",
            d -> d.putObject("pause").put("since", "2026-03-02T09:00:00Z").put("bySeq", 30)),
        planted("a task", d -> agreement(d).withArray("tasks").addObject().put("partnerSeq", 30)),
        planted("the coordinator", d -> agreement(d).put("coordinatorSeq", 30)),
        planted("the backup", d -> agreement(d).put("backupSeq", 30)),
        planted("the proposer", d -> agreement(d).put("proposedBySeq", 30)),
        planted(
            "a confirmation",
            d -> agreement(d).withArray("confirmations").addObject().put("partnerSeq", 30)),
        planted(
            "an update mark",
            d -> activity(d).withArray("updates").addObject().put("partnerSeq", 30)),
        planted(
            "a feedback request's author",
            d -> activity(d).withArray("feedback").addObject().put("fromSeq", 30)),
        planted(
            "a feedback request's addressee",
            d -> activity(d).withArray("feedback").addObject().putArray("addressed").add(30)),
        planted(
            "a feedback request's answer",
            d -> activity(d).withArray("feedback").addObject().putArray("answered").add(30)),
        planted(
            "a check-in's invitee",
            d -> activity(d).withArray("checkIns").addObject().putArray("invited").add(30)),
        planted(
            "a check-in's skipper",
            d -> activity(d).withArray("checkIns").addObject().putArray("skipped").add(30)),
        planted(
            "a check-in's answers",
            d ->
                activity(d)
                    .withArray("checkIns")
                    .addObject()
                    .putArray("answers")
                    .addObject()
                    .put("partnerSeq", 30)),
        planted(
            "a handover's author",
            d -> ((ObjectNode) activity(d).path("handovers").get(0)).put("fromSeq", 30)),
        planted(
            "a handover's newcomer",
            d -> ((ObjectNode) activity(d).path("handovers").get(0)).putArray("givenTo").add(30)),
        planted(
            "a reflection round's starter",
            d -> d.withArray("reflections").addObject().put("startedBy", 30)),
        planted(
            "a reflection round's invitee",
            d -> d.withArray("reflections").addObject().putArray("invited").add(30)),
        planted(
            "a reflection round's answers",
            d ->
                d.withArray("reflections")
                    .addObject()
                    .putArray("answers")
                    .addObject()
                    .put("partnerSeq", 30)),
        planted(
            "a closed reflection round's participant",
            d ->
                d.withArray("reflections")
                    .addObject()
                    .putObject("result")
                    .putArray("tookPart")
                    .add(30)),
        planted(
            "a consent's recipient",
            d -> consent(d, 1).withObject("terms").withArray("towardsPartners").add(30)),
        planted("a consent's recorder", d -> consent(d, 1).put("recordedBySeq", 30)),
        planted(
            "a consent's withdrawal",
            d ->
                consent(d, 0)
                    .putObject("withdrawal")
                    .put("bySeq", 30)
                    .put("at", "2026-03-02T09:00:00Z")),
        planted("an audit line's actor", d -> auditLine(d).put("actorSeq", 30)),
        planted("a handle in an audit line", d -> auditLine(d).putArray("args").add("P30")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plantedNumbers")
  void theUpgradeToSchemaEightCountsANumberWhereverASchemaSevenDocumentNamesIt(
      String where, Consumer<ObjectNode> plant) throws IOException {
    ObjectNode document = forgottenPartnerDocument();
    plant.accept(document);

    ObjectNode upgraded = CaseDocuments.UPGRADES.get(7).apply(document);

    assertThat(upgraded.path("seqsGiven").intValue()).isEqualTo(30);
  }

  @Test
  void theUpgradeToSchemaEightCountsNoValueOfAnAuditLineThatIsNoHandle() throws IOException {
    ObjectNode document = forgottenPartnerDocument();
    auditLine(document).putArray("args").add("30").add("K-7F3Q").add("P").add("CP30").add("P0");

    ObjectNode upgraded = CaseDocuments.UPGRADES.get(7).apply(document);

    assertThat(upgraded.path("seqsGiven").intValue()).isEqualTo(6);
  }

  @Test
  void aCurrentDocumentWithoutItsCountOfPartnerNumbersIsRefused() throws IOException {
    ObjectNode document = (ObjectNode) json.readTree(text(CaseDocuments.SCHEMA));
    document.remove("seqsGiven");
    byte[] without = documents.stored(json.writeValueAsString(document));

    assertThatThrownBy(() -> documents.read(CODE, "" + CaseDocuments.SCHEMA, "1", without))
        .isInstanceOf(UnreadableRecord.class);
  }

  private ObjectNode forgottenPartnerDocument() throws IOException {
    return (ObjectNode) json.readTree(resource("case-schema-7-partner-forgotten.json"));
  }

  private static Arguments planted(String where, Consumer<ObjectNode> plant) {
    return Arguments.of(where, plant);
  }

  private static ObjectNode partner(ObjectNode document, int index) {
    return (ObjectNode) document.path("partners").get(index);
  }

  private static ObjectNode agreement(ObjectNode document) {
    return (ObjectNode) document.path("agreements").get(0);
  }

  private static ObjectNode activity(ObjectNode document) {
    return (ObjectNode) document.path("activity");
  }

  private static ObjectNode consent(ObjectNode document, int index) {
    return (ObjectNode) document.path("consents").path("records").get(index);
  }

  private static ObjectNode auditLine(ObjectNode document) {
    return (ObjectNode) document.path("audit").get(0);
  }

  /** A case whose final evaluation closed it, and which two partners then agreed to erase. */
  /**
   * The case as the stored documents hold it: they were written before the line of an accepted join
   * request also said when the request was made, a value that changes nothing else.
   */
  private static Case writtenBefore(Case c) {
    List<AuditEntry> audit =
        c.audit().stream()
            .map(
                line ->
                    line.event() == AuditEvent.JOIN_ACCEPTED
                        ? new AuditEntry(
                            line.at(), line.actorSeq(), line.event(), line.args().subList(0, 1))
                        : line)
            .toList();
    return Samples.stored(c, c.team(), c.reflections(), audit);
  }

  private static Case closedByItsFinalEvaluationThenErased() {
    List<UserRef> people =
        List.of(Samples.partnerUser(1), Samples.partnerUser(2), Samples.partnerUser(3));
    Case running =
        Samples.activeCase(
            CODE, Samples.slackChannel("C1"), people, CollaborationLevel.COLLABORATION, at(0));
    return running
        .startFinalReflection(
            people.get(0), QuestionBank.FINAL, Anonymity.DEFAULT, at(1), at(60), at(1))
        .closeReflection(1, at(60), new SplittableRandom(1))
        .proposeErasure(people.get(0), at(70))
        .confirmErasure(people.get(1), at(71))
        .proposeErasure(people.get(0), at(80));
  }

  /** The document a schema 9 Kring wrote for this case: no closure, no erasure of its own. */
  private byte[] asSchemaNine(Case c) {
    ObjectNode document = (ObjectNode) json.readTree(documents.json(c));
    document.remove("closure");
    document.remove("erasure");
    return documents.stored(json.writeValueAsString(document));
  }

  @Test
  void theUpgradeToSchemaTenWorksOutHowACaseClosedAndItsErasureProposalFromItsTrailOnce() {
    Case erased = closedByItsFinalEvaluationThenErased();
    Case closedByTheFinalRound =
        Samples.activeCase(
                CODE,
                Samples.slackChannel("C1"),
                List.of(Samples.partnerUser(1), Samples.partnerUser(2), Samples.partnerUser(3)),
                CollaborationLevel.COLLABORATION,
                at(0))
            .startFinalReflection(
                Samples.partnerUser(1), QuestionBank.FINAL, Anonymity.DEFAULT, at(1), at(60), at(1))
            .closeReflection(1, at(60), new SplittableRandom(1))
            .proposeErasure(Samples.partnerUser(1), at(70));

    Case read = documents.read(CODE, "9", "4", asSchemaNine(closedByTheFinalRound));

    assertThat(read).isEqualTo(closedByTheFinalRound.atRevision(4));
    assertThat(read.lifecycle().closure())
        .isEqualTo(new Lifecycle.Closure(at(60), Lifecycle.Closure.Reason.FINAL_EVALUATION));
    assertThat(read.lifecycle().erasureProposed())
        .contains(new Lifecycle.Erasure(at(70), 1, null, 0));
    // Confirmed, then proposed again: the new proposal waits; the case closed with the erasure.
    Case readErased = documents.read(CODE, "9", "5", asSchemaNine(erased));
    assertThat(readErased).isEqualTo(erased.atRevision(5));
    assertThat(readErased.lifecycle().closure())
        .isEqualTo(new Lifecycle.Closure(at(71), Lifecycle.Closure.Reason.ERASURE));
    assertThat(readErased.lifecycle().erasureConfirmed()).isFalse();
  }

  @Test
  void aSchemaNineCaseClosedWithoutAClosingLineLeftInItsTrailClosedAtAnUnknownMoment() {
    Case closed = full.close(full.partners().get(0).user(), at(30), new SplittableRandom(1));
    ObjectNode document = (ObjectNode) json.readTree(documents.json(closed));
    document.remove("closure");
    document.remove("erasure");
    // Its closing line fell off the capped trail.
    ((tools.jackson.databind.node.ArrayNode) document.path("audit"))
        .remove(closed.audit().size() - 1);

    Case read = documents.read(CODE, "9", "2", documents.stored(json.writeValueAsString(document)));

    assertThat(read.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(read.lifecycle().closure())
        .isEqualTo(new Lifecycle.Closure(null, Lifecycle.Closure.Reason.UNRECORDED));
    assertThat(read.lifecycle().erasure()).isNull();
  }

  @Test
  void aCurrentDocumentOfAClosedCaseWithoutItsClosureIsRefused() {
    Case closed = full.close(full.partners().get(0).user(), at(30), new SplittableRandom(1));
    ObjectNode document = (ObjectNode) json.readTree(documents.json(closed));
    document.putNull("closure");

    assertThatThrownBy(
            () ->
                documents.read(
                    CODE,
                    "" + CaseDocuments.SCHEMA,
                    "1",
                    documents.stored(json.writeValueAsString(document))))
        .isInstanceOf(UnreadableRecord.class);
  }

  @Test
  void aPausedCaseSurvivesTheRoundTrip() {
    Case paused =
        full.pause(full.partners().get(0).user(), Samples.at(9), new SplittableRandom(1))
            .atRevision(2);

    Case read = documents.read(CODE, "" + CaseDocuments.SCHEMA, "2", documents.write(paused));

    assertThat(read).isEqualTo(paused);
    assertThat(read.paused()).isTrue();
  }

  @Test
  void upgradesAnOlderDocumentOneSchemaAtATime() throws IOException {
    // Pretend a next schema exists whose step changes nothing; count which steps run, in order.
    int current = CaseDocuments.SCHEMA;
    List<Integer> ran = new ArrayList<>();
    Map<Integer, UnaryOperator<ObjectNode>> steps = new HashMap<>();
    for (int version = 1; version <= current; version++) {
      int from = version;
      UnaryOperator<ObjectNode> step =
          from < current ? CaseDocuments.UPGRADES.get(from) : UnaryOperator.identity();
      steps.put(
          from,
          document -> {
            ran.add(from);
            return step.apply(document);
          });
    }
    CaseDocuments newer = new CaseDocuments(json, current + 1, steps);

    assertThat(newer.read(CODE, "1", "3", schemaOne())).isEqualTo(full.atRevision(3));
    assertThat(ran).containsExactlyElementsOf(steps.keySet().stream().sorted().toList());
    ran.clear();
    assertThat(newer.read(CODE, "" + current, "3", stored(current))).isEqualTo(full.atRevision(3));
    assertThat(ran).containsExactly(current);
  }

  @Test
  void refusesADocumentFromANewerKringAndSaysWhatToDo() throws IOException {
    int current = CaseDocuments.SCHEMA;
    byte[] fromTheFuture = stored(current);

    assertThatThrownBy(() -> documents.read(CODE, "" + (current + 1), "0", fromTheFuture))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("case K-7F3Q")
        .hasMessageContaining("schema " + (current + 1) + " by a newer Kring")
        .hasMessageContaining("reads up to schema " + current);
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
    assertThatThrownBy(
            () ->
                new CaseDocuments(
                    json, CaseDocuments.SCHEMA + 1, Map.of(1, UnaryOperator.identity())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema 2");
  }

  /** A case as the first Kring wrote it; kept unchanged, so that upgrading it stays tested. */
  private static String schemaOne() throws IOException {
    return schema(1);
  }

  /**
   * The same case as schema {@code version} stored it, from schema 9 on compressed; every schema's
   * file is kept unchanged.
   */
  private static byte[] stored(int version) throws IOException {
    return version < CaseDocuments.COMPRESSED_SINCE
        ? schema(version).getBytes(StandardCharsets.UTF_8)
        : resource("case-schema-" + version + ".zlib", CaseDocumentsTest.class);
  }

  /** The JSON of the same case as schema {@code version} stored it. */
  private String text(int version) throws IOException {
    return documents.text(CODE, "" + version, stored(version));
  }

  /** The JSON of a schema that stored documents as plain text. */
  private static String schema(int version) throws IOException {
    return resource("case-schema-" + version + ".json");
  }

  private static String resource(String name) throws IOException {
    return new String(resource(name, CaseDocumentsTest.class), StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name, Class<?> beside) throws IOException {
    try (InputStream in = beside.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
