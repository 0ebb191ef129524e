package kring.core.conversation.cases;

import static kring.core.conversation.reflection.ReflectionConversationTest.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Transition;
import kring.core.cases.TransitionKind;
import kring.core.checkin.CheckInQuestion;
import kring.core.consent.Basis;
import kring.core.consent.ConsentTerms;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.conversation.Cards;
import kring.core.conversation.Forms;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Improvement;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.RoundKind;
import kring.core.reply.Document;
import kring.core.reply.Text;
import kring.core.updates.SharingGround;
import kring.scheduler.calendar.WorkingHours;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's export of cases whose trails hold every kind of audit line between them: each
 * line in the reader's words, by partner number and role, the sensitive update as "that" it
 * happened, a check-in closed when it really closed, delivered as a Markdown file.
 */
class ExportScenarioTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  /** Written only by an earlier Kring: the scenario holds them as a stored trail would. */
  static final Set<AuditEvent> LEGACY = EnumSet.of(AuditEvent.LEFT_CHANNEL);

  static final CaseCode MAIN = new CaseCode("K-7F3Q");
  static final CaseCode ERASED = new CaseCode("K-2B2B");
  static final CaseCode QUIET = new CaseCode("K-3C3C");
  static final ChannelRef ROOM = Samples.slackChannel("C1");

  final MovableClock clock = new MovableClock(local("2026-11-30T09:00"), BRUSSELS);
  final ScheduledKring kring = new ScheduledKring(clock, 7);
  final AuditExport export = new AuditExport(new Cards(BRUSSELS));
  final SplittableRandom random = new SplittableRandom(3);

  final Speaker p1 = speaker(1);
  final Speaker p2 = speaker(2);
  final Speaker p3 = speaker(3);
  final Speaker p4 = speaker(4);
  final UserRef eva = Samples.slackUser("U5");
  final UserRef fay = Samples.slackUser("U6");

  /** A moment of the scenario: every step a minute after the one before. */
  Instant t = local("2026-11-30T09:00");

  @Test
  void theExportSaysEveryKindOfAuditLineInWordsByNumberAndRoleAsAFile() {
    kring.cases.create(mainCaseBeforeDecember());
    kring.people.setLanguage(p1.user(), Language.NL);

    // Everyone invited answers on Thursday: the check-in closes then, not on Friday noon.
    clock.set(local("2026-12-17T15:30"));
    for (Speaker partner : List.of(p1, p2, speaker(eva, "Eva"))) {
      kring.kring.submit(partner, ROOM, Forms.CHECK_IN, checkIn());
    }
    // P2 shares health news privately, as "that" only; P1 shares wellbeing news in the channel.
    clock.set(local("2026-12-17T16:00"));
    kring.kring.submit(
        p2, ROOM, Forms.UPDATE_CHECK, sensitive("health", "consent", "chosen", "P1,P5", "that"));
    kring.kring.submit(
        p1,
        ROOM,
        Forms.UPDATE_CHECK,
        sensitive("wellbeing", "other-ground", "channel", "", "text"));
    kring.cases.update(endOfMainCase(kring.cases.find(MAIN).orElseThrow()));
    kring.said();

    clock.set(local("2026-12-18T10:00"));
    kring.kring.say(p1, ROOM, "logboek export");

    List<OutboundMessage> sent = kring.said();
    assertThat(sent).hasSize(1);
    OutboundMessage message = sent.get(0);
    assertThat(message.to().isPrivate()).isTrue();
    assertThat(message.to().person()).isEqualTo(p1.user());
    assertThat(message.reply().blocks().get(0))
        .isInstanceOfSatisfying(
            Text.class,
            text ->
                assertThat(text.text())
                    .contains("Je export van casus K-7F3Q")
                    .contains("1 check-in")
                    .contains("2 reflectierondes"));
    Document file = document(message);
    assertThat(file.fileName()).isEqualTo("kring-K-7F3Q-2026-12-18.md");
    assertThat(file.mediaType()).isEqualTo("text/markdown");
    String md = file.text();
    Case main = kring.cases.find(MAIN).orElseThrow();
    assertThat(md)
        // Roles in words, people by number and role; a join request by the person who asked.
        .contains("| P1, zorgcoördinator | stelde zich voor als Zorgcoördinator |")
        .contains("| P5, opvoedingsconsulent | vroeg om aan te sluiten als Opvoedingsconsulent |")
        .contains("| Iemand uit het kanaal | vroeg om aan te sluiten als Ouder |")
        // The sensitive updates: that they happened, of which kind, on which ground, with whom.
        .contains(
            "| 17 dec. 2026 16:00 | P2, CLB-medewerker | deelde alleen dát er nieuws is over"
                + " gezondheid, privé met 2 partners (P1, P5), grond: toestemming |")
        .contains(
            "| P1, zorgcoördinator | deelde nieuws over welbevinden, in het kanaal,"
                + " grond: een andere grond |")
        .doesNotContain("News only the recipients may read", "Wellbeing text for the channel")
        // The check-in closed when the last partner answered, in Brussels time.
        .contains("- Check-in 1, afgesloten 17 dec. 2026 15:30")
        .doesNotContain("18 dec. 2026 12:00")
        .contains("| 17 dec. 2026 15:30 | Kring | check-in 1 gesloten |");
    assertWords(md, main);

    List<Case> scenario = List.of(main, erasedCase(), quietCase());
    Set<AuditEvent> seen = EnumSet.noneOf(AuditEvent.class);
    scenario.forEach(c -> c.audit().forEach(line -> seen.add(line.event())));
    assertThat(EnumSet.complementOf(EnumSet.copyOf(seen)))
        .as("audit events no case of the scenario holds")
        .isEmpty();
    for (Case c : scenario.subList(1, scenario.size())) {
      for (Language lang : Language.values()) {
        assertWords(document(c, lang).text(), c);
      }
    }
    assertWords(document(main, Language.EN).text(), main);
  }

  /** One table row per audit line, each in words: no text key, no constant, nothing unfilled. */
  static void assertWords(String md, Case c) {
    List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| W")).toList();
    assertThat(rows).hasSize(c.audit().size());
    List<String> constants = new ArrayList<>();
    Stream.of(Role.values(), InfoKind.values(), TransitionKind.values(), SharingGround.values())
        .flatMap(Stream::of)
        .map(e -> ((Enum<?>) e).name())
        // "CLB" is also how people write the role.
        .filter(name -> !name.equals("CLB"))
        .forEach(name -> constants.add("\\b" + name + "\\b"));
    // An event as stored ("join-asked"); one of a single word may be a word of the text.
    Stream.of(AuditEvent.values())
        .map(AuditEvent::stored)
        .filter(stored -> stored.contains("-"))
        .forEach(stored -> constants.add("\\b" + stored + "\\b"));
    constants.addAll(List.of("audit\\.", "\\{", "\\}"));
    for (String row : rows) {
      for (String constant : constants) {
        assertThat(row).doesNotContainPattern(constant);
      }
      assertThat(row.split("(?<!\\\\)\\|")).hasSize(4);
    }
  }

  private Document document(Case c, Language lang) {
    OutboundMessage any =
        new OutboundMessage(
            "x",
            Recipient.privately(c.channel(), p1.user()),
            export.message(c, lang, clock.instant()),
            MessageKind.ANSWER,
            c.code(),
            clock.instant());
    return document(any);
  }

  private static Document document(OutboundMessage message) {
    return message.reply().blocks().stream()
        .filter(Document.class::isInstance)
        .map(Document.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no file in " + message.reply()));
  }

  /**
   * The main case up to its check-in: joined, introduced, a request accepted and one declined,
   * every setting changed and changed back, paused, its channel lost and back, a partner
   * unreachable for a while, consent recorded and withdrawn, a represented parent with their view,
   * a reflection round with its improvements and one withdrawn before it opened, a partner who left
   * and handed over, one removed, the team confirmed and the case kept open; then the check-in.
   */
  private Case mainCaseBeforeDecember() {
    List<UserRef> people = List.of(p1.user(), p2.user(), p3.user(), p4.user());
    Case c = Samples.activeCase(MAIN, ROOM, people, CollaborationLevel.COLLABORATION, next());
    UserRef coordinator = p1.user();
    // A round every one of the four answered, with scores 2 to 5, closed three days later.
    c = Samples.afterOneRound(c, next());
    t = t.plus(Duration.ofDays(4));
    c =
        c.introduce(
            coordinator, "Anna", "Sint-Jan", Sector.EDUCATION, Role.CARE_COORDINATOR, next());
    c = c.askToJoin(request(eva, Role.PARENTING_CONSULTANT)).acceptJoin(coordinator, eva, next());
    c = c.askToJoin(request(fay, Role.PARENT)).declineJoin(coordinator, fay, next());
    LocalDate today = LocalDate.ofInstant(t, BRUSSELS);
    LocalDate wednesday = LocalDate.of(2026, 12, 9);
    c =
        c.setHours(coordinator, new WorkingHours(LocalTime.of(8, 30), LocalTime.of(16, 0)), next())
            .addFreeDay(coordinator, wednesday, today, next())
            .removeFreeDay(coordinator, wednesday, next())
            .setCadence(coordinator, new Cadence(2, 6), next())
            .setCadence(coordinator, null, next())
            .addTransition(
                coordinator,
                new Transition(LocalDate.of(2027, 1, 20), TransitionKind.EXAMS, null),
                today,
                next())
            .removeTransition(coordinator, 1, today, next())
            .pause(coordinator, next(), random)
            .resume(coordinator, next())
            .pauseBecauseChannelLost("channel_not_found", next())
            .channelBack(next())
            .unreachable(p4.user(), next())
            .reachable(p4.user(), next());
    // The parents' consent in force, and a legal basis recorded and then withdrawn.
    c = Samples.consenting(c).represent(coordinator, "mother", Role.PARENT, 4, next());
    int mother = c.team().seqsGiven();
    c = c.recordVoice(p4.user(), mother, "back in class", "we are heard", next());
    // The mother speaks for herself through her private link, and her representative shares it.
    LocalDate day = t.atZone(BRUSSELS).toLocalDate();
    ConsentTerms hers =
        new ConsentTerms(
            GivenBy.PARENTS,
            Basis.CONSENT,
            "",
            List.of(InfoKind.WELLBEING),
            List.of(2),
            List.of(),
            "The CLB worker may know how your child feels.",
            day,
            null);
    c =
        c.familyLink(p4.user(), mother, true, next())
            .familyAnswered(mother, next())
            .familyConsent(mother, hers, day, next())
            .shareFamilyView(p4.user(), mother, "", "we feel heard", next(), next())
            .familyGoal(p4.user(), mother, "Jonas goes to school gladly", next())
            .familyGoal(p4.user(), mother, null, next())
            .familyDeclined(mother, InfoKind.WELLBEING, 2, day, next())
            .familyLink(p4.user(), mother, false, next());
    int round = c.reflections().closed().get(0).number();
    c = c.agreeImprovements(coordinator, round, List.of(new Improvement("call weekly", 0)), next());
    Instant later = t.plus(Duration.ofDays(30));
    c =
        c.startReflection(
            coordinator,
            RoundKind.REGULAR,
            QuestionBank.round(java.util.Optional.empty(), java.util.Optional.empty(), false),
            Anonymity.DEFAULT,
            later,
            later.plus(Duration.ofDays(7)),
            next());
    c = c.closeReflection(newest(c), next(), random);
    c =
        c.leave(p3.user(), p3.user(), next())
            .handOver(p3.user(), "the pupil likes drawing", "the new coach", next());
    c = c.handoverGiven(3, 5, next());
    c = c.leave(coordinator, p4.user(), next()).confirmTeam(coordinator, next());
    c = c.note(next(), coordinator, AuditEvent.KEPT_OPEN);
    c = c.openCheckIn(1, local("2026-12-14T09:00"), local("2026-12-18T12:00"));
    return legacy(c, new AuditEntry(next(), 3, AuditEvent.LEFT_CHANNEL, List.of()));
  }

  /** The main case ends: its final evaluation closes it, and a partner who left is forgotten. */
  private Case endOfMainCase(Case c) {
    Instant opens = local("2026-12-17T16:30");
    Instant closes = local("2026-12-17T17:00");
    Case closing =
        c.startFinalReflection(
            p1.user(),
            QuestionBank.round(java.util.Optional.empty(), java.util.Optional.empty(), false),
            Anonymity.DEFAULT,
            opens,
            closes,
            opens);
    return closing
        .closeReflection(newest(closing), closes, random)
        .forget(p4.user(), closes.plusSeconds(60));
  }

  /** A case that moved, whose coordinator left for the backup, closed and then erased. */
  private Case erasedCase() {
    List<UserRef> people = List.of(p1.user(), p2.user(), p3.user());
    Case c =
        Samples.activeCase(
            ERASED, Samples.slackChannel("C7"), people, CollaborationLevel.COLLABORATION, next());
    c = Samples.withBackup(c, 2, people, next());
    return c.moveTo(p1.user(), Samples.slackChannel("C8"), next())
        .leave(p1.user(), p1.user(), next())
        .close(p2.user(), next(), random)
        .proposeErasure(p2.user(), next())
        .confirmErasure(p3.user(), next());
  }

  /**
   * A youth-care case, whose reminders may go on in school holidays, left without a coordinator and
   * closed by Kring after a long quiet time.
   */
  private Case quietCase() {
    UserRef starter = p1.user();
    Case c =
        Case.start(QUIET, null, Samples.slackChannel("C9"), Language.EN, starter, "Ida", next())
            .askToJoin(
                new JoinRequest(
                    p2.user(), "Jo", null, Sector.YOUTH_CARE, Role.CRISIS_WORKER, false, next()))
            .acceptJoin(starter, p2.user(), next());
    return c.skipHolidays(starter, false, next())
        .skipHolidays(starter, true, next())
        .leave(starter, starter, next())
        .closeForInactivity(next());
  }

  private Map<String, String> checkIn() {
    Map<String, String> values = new HashMap<>();
    values.put(Forms.CASE, MAIN.value());
    values.put(Forms.ROUND, "1");
    for (CheckInQuestion question : CheckInQuestion.values()) {
      values.put(Cards.key(question), "yes");
    }
    return values;
  }

  private static Map<String, String> sensitive(
      String kind, String ground, String audience, String to, String share) {
    Map<String, String> values = new HashMap<>();
    values.put(Forms.CASE, MAIN.value());
    values.put("kind", kind);
    values.put("feedback", "nobody");
    values.put(
        "text",
        share.equals("that")
            ? "News only the recipients may read"
            : "Wellbeing text for the channel");
    values.put("needed", "yes");
    values.put("ground", ground);
    values.put("audience", audience);
    values.put("to", to);
    values.put("share", share);
    return values;
  }

  private JoinRequest request(UserRef who, Role role) {
    return new JoinRequest(who, who.user(), null, Sector.FAMILY, role, false, next());
  }

  /** The case with a line an earlier Kring wrote, as a stored trail holds it. */
  private static Case legacy(Case c, AuditEntry line) {
    List<AuditEntry> audit = new ArrayList<>(c.audit());
    audit.add(line);
    return Samples.stored(c, c.team(), c.reflections(), audit);
  }

  private static int newest(Case c) {
    return c.reflections().rounds().get(c.reflections().rounds().size() - 1).number();
  }

  private Instant next() {
    t = t.plus(Duration.ofMinutes(1));
    return t;
  }

  private static Speaker speaker(int seq) {
    return new Speaker(Samples.partnerUser(seq), "Partner " + seq);
  }

  private static Speaker speaker(UserRef user, String name) {
    return new Speaker(user, name);
  }
}
