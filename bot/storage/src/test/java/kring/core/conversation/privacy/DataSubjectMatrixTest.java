package kring.core.conversation.privacy;

import static kring.core.conversation.KringConversationTest.ROOM;
import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.onlyTo;
import static kring.core.conversation.KringConversationTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.Actions;
import kring.core.conversation.DataSubjects;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.Speaker;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.JoinRequest;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of person Kring records in a case, on every path of a data-subject request: the export
 * lists the case and what names them, and after the erasure no key or value in Redis holds their
 * account id or their name, also once an older backup is restored and Kring starts again.
 */
class DataSubjectMatrixTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final Speaker ANNA = KringConversationTest.speaker("anna-a", "Anna Aerts");
  static final Speaker BERT = KringConversationTest.speaker("bert-b", "Bert Bosmans");
  static final Speaker CARO = KringConversationTest.speaker("caro-c", "Caro Claes");
  static final Speaker EVE = KringConversationTest.speaker("eve-e", "Eve Engels");
  static final Speaker FRED = KringConversationTest.speaker("fred-f", "Fred Feys");

  /** The kinds of person a case records. */
  enum Kind {
    ACTING_PARTNER(CARO),
    INFORMED_PARTNER(EVE),
    LEAVER(CARO),
    REPRESENTATIVE(BERT),
    COORDINATOR_WITH_BACKUP(ANNA),
    COORDINATOR_WITHOUT_BACKUP(ANNA),
    DECLINED_JOINER(FRED);

    final Speaker who;

    Kind(Speaker who) {
      this.who = who;
    }
  }

  /** How the person's request reaches Kring. */
  enum Path {
    FORGET_ME,
    OPERATOR_ERASURE
  }

  static Stream<Arguments> everyKindOnEveryPath() {
    List<Arguments> all = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Path path : Path.values()) {
        // Nothing in the case names a declined joiner any more: there is nothing to ask to forget.
        if (kind != Kind.DECLINED_JOINER || path != Path.FORGET_ME) {
          all.add(Arguments.of(kind, path));
        }
      }
    }
    return all.stream();
  }

  private final MovableClock clock =
      new MovableClock(Instant.parse("2026-11-30T09:00:00Z"), ZoneId.of("Europe/Brussels"));
  private final RecordingOutbox outbox = new RecordingOutbox();
  private PrivacyWorld world;

  @BeforeEach
  void setUp() {
    world = new PrivacyWorld(REDIS, clock, outbox);
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("everyKindOnEveryPath")
  void theExportNamesEveryCaseAndTheErasureLeavesNoTraceAlsoAfterARestore(Kind kind, Path path) {
    caseWith(kind);
    Speaker who = kind.who;
    world.kring.say(who, ROOM, "language en");
    outbox.take();
    assertThat(REDIS.storedText()).contains(who.user().key());

    DataSubjects.PersonData export = world.subjects.export(who.user());
    if (kind == Kind.DECLINED_JOINER) {
      assertThat(export.cases()).isEmpty();
    } else {
      assertThat(export.cases()).singleElement().satisfies(c -> exportNames(kind, c));
    }
    Map<String, byte[]> backup = REDIS.backup();

    erase(who, path);

    assertNoTraceOf(who);
    if (kind == Kind.COORDINATOR_WITH_BACKUP) {
      assertThat(theCase().coordinator()).map(Partner::user).contains(BERT.user());
      assertThat(announced()).contains("now coordinates");
    } else if (kind == Kind.COORDINATOR_WITHOUT_BACKUP) {
      assertThat(theCase().coordinator()).isEmpty();
      assertThat(announced()).contains("there is no backup");
    }

    backup.remove(REDIS.keys().erased());
    backup.remove(REDIS.keys().forgotten());
    REDIS.restore(backup);
    world.retention.eraseReappeared();

    assertNoTraceOf(who);
  }

  private static void exportNames(Kind kind, DataSubjects.CaseData c) {
    assertThat(c.code()).isEqualTo(CODE.value());
    assertThat(c.partner().displayName()).isEqualTo(kind.who.displayName());
    assertThat(c.audit()).as("the audit lines that name them").isNotEmpty();
    switch (kind) {
      case LEAVER -> assertThat(c.partner().active()).isFalse();
      case REPRESENTATIVE ->
          assertThat(c.represents()).extracting(Partner::displayName).containsExactly("mother");
      case INFORMED_PARTNER -> assertThat(c.confirmedVersions()).isEmpty();
      default -> assertThat(c.confirmedVersions()).isNotEmpty();
    }
  }

  private void erase(Speaker who, Path path) {
    if (path == Path.OPERATOR_ERASURE) {
      world.subjects.erase(who.user());
      return;
    }
    world.kring.say(who, ROOM, "forget me");
    OutboundMessage ask = onlyTo(outbox.take(), who);
    world.kring.press(who, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());
  }

  private void assertNoTraceOf(Speaker who) {
    String stored = REDIS.storedText();
    assertThat(stored)
        .doesNotContain(who.user().key())
        .doesNotContain(who.user().user())
        .doesNotContain(who.displayName());
    assertThat(world.cases.findNaming(who.user())).isEmpty();
  }

  private String announced() {
    return String.join(
        "\n", outbox.take().stream().filter(m -> !m.to().isPrivate()).map(m -> words(m)).toList());
  }

  private Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  /**
   * Anna coordinates, Bert and Caro act, Eve is informed only and each introduced themselves by
   * name; then what makes the person of this kind.
   */
  private void caseWith(Kind kind) {
    Instant now = clock.instant();
    List<Speaker> acting = List.of(ANNA, BERT, CARO);
    Case c =
        Samples.activeCase(
            CODE,
            ROOM,
            acting.stream().map(Speaker::user).toList(),
            CollaborationLevel.COORDINATION,
            now);
    c =
        c.askToJoin(new JoinRequest(EVE.user(), "Eve", null, Sector.CLB, Role.CLB, true, now))
            .acceptJoin(ANNA.user(), EVE.user(), now);
    for (Speaker s : List.of(ANNA, BERT, CARO, EVE)) {
      c = c.introduce(s.user(), s.displayName(), "Org", Sector.CLB, Role.CLB, now);
    }
    switch (kind) {
      case LEAVER -> c = c.leave(CARO.user(), CARO.user(), now);
      case REPRESENTATIVE -> c = c.represent(ANNA.user(), "mother", Role.PARENT, 2, now);
      case COORDINATOR_WITH_BACKUP ->
          c = Samples.withBackup(c, 2, acting.stream().map(Speaker::user).toList(), now);
      case DECLINED_JOINER ->
          c =
              c.askToJoin(
                      new JoinRequest(
                          FRED.user(), FRED.displayName(), null, Sector.CLB, Role.CLB, false, now))
                  .declineJoin(ANNA.user(), FRED.user(), now);
      default -> {}
    }
    world.cases.create(c);
  }
}
