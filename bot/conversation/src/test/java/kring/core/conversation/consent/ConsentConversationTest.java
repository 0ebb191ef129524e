package kring.core.conversation.consent;

import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.filled;
import static kring.core.conversation.KringConversationTest.inChannel;
import static kring.core.conversation.KringConversationTest.onlyTo;
import static kring.core.conversation.KringConversationTest.words;
import static kring.core.conversation.RunningCasePromptsTest.ANNA;
import static kring.core.conversation.RunningCasePromptsTest.BERT;
import static kring.core.conversation.RunningCasePromptsTest.CARL;
import static kring.core.conversation.RunningCasePromptsTest.CODE;
import static kring.core.conversation.RunningCasePromptsTest.DEE;
import static kring.core.conversation.RunningCasePromptsTest.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.consent.InfoKind;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.Outcome;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reply.Form;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consent register and the sensitive-update check through Kring's conversation: who sees what,
 * what the channel hears, and what a bad form gets.
 */
class ConsentConversationTest {

  static final Speaker STRANGER = KringConversationTest.speaker("eve", "Eve");
  static final String NEWS = "Her asthma got worse; she misses the morning classes.";

  ScheduledKring world;
  KringConversation kring;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneId.of("Europe/Brussels"));
    world = new ScheduledKring(clock, 3);
    kring = world.kring;
    Case c =
        Samples.activeCase(
            CODE,
            ROOM,
            List.of(ANNA.user(), BERT.user(), CARL.user(), DEE.user()),
            CollaborationLevel.COORDINATION,
            clock.instant());
    world.cases.create(
        c.introduce(
            ANNA.user(),
            "Anna",
            "School",
            Sector.EDUCATION,
            Role.CARE_COORDINATOR,
            clock.instant()));
  }

  Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  List<OutboundMessage> sent() {
    List<OutboundMessage> all = world.outbox.messages();
    world.outbox.clear();
    return all;
  }

  Map<String, String> consent(Map<String, String> answers) {
    Form form = kring.say(ANNA, ROOM, "toestemming").form();
    sent();
    Map<String, String> values = new HashMap<>();
    values.put("givenBy", "parents");
    values.put("kinds", "health,wellbeing");
    values.put("towards", "P2,role-naft-coach");
    values.put("purpose", "to adjust her timetable");
    values.putAll(answers);
    return filled(form, values);
  }

  Outcome record(Map<String, String> answers) {
    return kring.submit(ANNA, ROOM, Forms.CONSENT, consent(answers));
  }

  @Test
  void theConsentCommandListsPrivatelyAndRecordingTellsTheChannelOnlyThatConsentIsRecorded() {
    Outcome opened = kring.say(BERT, ROOM, "consent");

    assertThat(opened.form().id()).isEqualTo(Forms.CONSENT);
    assertThat(opened.form().inputs())
        .filteredOn(i -> i.kind() == Form.Kind.MULTI_CHOICE)
        .extracting(Form.Input::name)
        .containsExactly("kinds", "towards");
    assertThat(words(onlyTo(sent(), BERT))).contains("No consent has been recorded yet");

    Outcome done = record(Map.of());

    assertThat(done.closeForm()).isTrue();
    assertThat(theCase().consents().records()).hasSize(1);
    List<OutboundMessage> messages = sent();
    String channel = words(inChannel(messages));
    assertThat(channel).contains("Consent: recorded");
    assertThat(channel).doesNotContain("health", "timetable", "Partner 2", "parents");
    assertThat(words(onlyTo(messages, ANNA))).contains("#1").contains("12 or older");

    kring.say(DEE, ROOM, "consent");
    OutboundMessage listing = onlyTo(sent(), DEE);
    assertThat(words(listing))
        .contains("health", "wellbeing", "P2 Partner 2", "anyone with the role “NAFT coach”")
        .contains("to adjust her timetable", "In force")
        .contains("Informed on Mon 30 Nov 2026. No end date was given.")
        .doesNotContain("valid until");
    assertThat(button(listing, Actions.CONSENT_WITHDRAW).value()).isEqualTo("K-7F3Q:1");
  }

  @Test
  void aRoleNameReadsRightInTheListingAndAnEndDateIsNamedOnlyWhenGiven() {
    record(Map.of("towards", "role-other", "until", "30/6/2027"));
    sent();
    kring.say(DEE, ROOM, "taal nl");
    sent();

    kring.say(DEE, ROOM, "toestemming");

    assertThat(words(onlyTo(sent(), DEE)))
        .contains("Naar: iedereen met de rol “Andere rol”")
        .contains("geldig tot")
        .doesNotContain("iedereen die");
  }

  @Test
  void theCaseCardShowsConsentAsMissingOrRecordedForSoManyKinds() {
    kring.say(BERT, ROOM, "card");
    assertThat(words(onlyTo(sent(), BERT))).contains("Consent", "missing");

    record(Map.of());
    sent();
    kring.say(BERT, ROOM, "card");

    assertThat(words(onlyTo(sent(), BERT))).contains("recorded for 2 kinds of information");
  }

  @Test
  void aWithdrawButtonWithdrawsOnceAndTheChannelHearsConsentIsMissingAgain() {
    record(Map.of());
    sent();

    kring.press(BERT, ROOM, Actions.CONSENT_WITHDRAW, "K-7F3Q:1");

    assertThat(theCase().consents().record(1).orElseThrow().withdrawn()).isTrue();
    List<OutboundMessage> messages = sent();
    assertThat(words(inChannel(messages))).contains("Consent: missing");
    assertThat(words(onlyTo(messages, BERT))).contains("#1", "withdrawn");
    assertThat(theCase().audit().get(theCase().audit().size() - 1).event())
        .isEqualTo(AuditEvent.CONSENT_WITHDRAWN);

    kring.press(BERT, ROOM, Actions.CONSENT_WITHDRAW, "K-7F3Q:1");
    messages = sent();
    assertThat(messages).hasSize(1);
    assertThat(words(onlyTo(messages, BERT))).contains("already withdrawn");
  }

  @Test
  void someoneOutsideTheCaseNeitherReadsNorRecordsNorWithdraws() {
    record(Map.of());
    sent();
    Map<String, String> forged = consent(Map.of());
    sent();

    kring.say(STRANGER, ROOM, "consent");
    kring.submit(STRANGER, ROOM, Forms.CONSENT, forged);
    kring.press(STRANGER, ROOM, Actions.CONSENT_WITHDRAW, "K-7F3Q:1");
    kring.press(ANNA, ROOM, Actions.CONSENT_WITHDRAW, "K-OTHER:1");

    List<OutboundMessage> messages = sent();
    assertThat(messages).allMatch(m -> m.to().isPrivate());
    assertThat(messages).noneMatch(m -> words(m).contains("timetable"));
    assertThat(theCase().consents().records()).hasSize(1);
    assertThat(theCase().consents().record(1).orElseThrow().withdrawn()).isFalse();
  }

  @Test
  void aBadConsentFormComesBackWithAnErrorOnEachFieldAndStoresNothing() {
    Outcome again =
        record(
            Map.of(
                "basis", "legal-basis",
                "kinds", "health,gossip",
                "towards", "P9",
                "purpose", "x".repeat(201),
                "informed", "31/02/2026",
                "until", "1/1/2020"));

    assertThat(again.form().inputs())
        .filteredOn(i -> i.error() != null)
        .extracting(Form.Input::name)
        .containsExactlyInAnyOrder("label", "kinds", "towards", "purpose", "informed", "until");
    assertThat(theCase().consents().records()).isEmpty();
    assertThat(sent()).isEmpty();

    Outcome future = record(Map.of("informed", "2026-12-01"));
    assertThat(future.form().inputs())
        .filteredOn(i -> i.error() != null)
        .extracting(Form.Input::name)
        .containsExactly("informed");
  }

  @Test
  void theSameConsentSubmittedTwiceIsRecordedOnce() {
    Map<String, String> values = consent(Map.of());

    kring.submit(ANNA, ROOM, Forms.CONSENT, values);
    kring.submit(ANNA, ROOM, Forms.CONSENT, values);

    assertThat(theCase().consents().records()).hasSize(1);
    assertThat(words(onlyTo(sent(), ANNA))).contains("already recorded");
  }

  @Test
  void theCoordinatorIsRemindedPrivatelyWhenACaseStartsToRunWithoutConsent() {
    Case waiting = Samples.caseAwaitingConfirmations(new CaseCode("K-2WA3"), OTHER, 2);
    world.cases.create(waiting);
    Speaker one = new Speaker(Samples.partnerUser(1), "Partner 1");
    Speaker two = new Speaker(Samples.partnerUser(2), "Partner 2");

    kring.press(one, OTHER, Actions.CONFIRM, "K-2WA3:1");
    kring.press(two, OTHER, Actions.CONFIRM, "K-2WA3:1");

    assertThat(world.cases.find(new CaseCode("K-2WA3")).orElseThrow().status())
        .isEqualTo(CaseStatus.ACTIVE);
    OutboundMessage reminder =
        sent().stream()
            .filter(m -> one.user().equals(m.to().person()) && words(m).contains("no consent"))
            .findFirst()
            .orElseThrow();
    assertThat(button(reminder, Actions.OPEN_FORM).value()).isEqualTo("consent.record K-2WA3");
  }

  static final ChannelRef OTHER = new ChannelRef(Platform.PLAYGROUND, "local", "other-room");

  // ---- the sensitive-update check

  Form checkFor(String kind) {
    Form update = kring.say(BERT, ROOM, "update").form();
    Outcome check =
        kring.submit(BERT, ROOM, update.id(), filled(update, Map.of("text", NEWS, "kind", kind)));
    return check.form();
  }

  Outcome answerCheck(Form check, Map<String, String> answers) {
    Map<String, String> values = new HashMap<>(Map.of("needed", "yes", "ground", "consent"));
    values.putAll(answers);
    return kring.submit(BERT, ROOM, check.id(), filled(check, values));
  }

  @Test
  void aSensitiveUpdateAsksItsQuestionsFirstAndPostsNothingYet() {
    kring.say(ANNA, ROOM, "consent");
    kring.submit(
        ANNA,
        ROOM,
        Forms.CONSENT,
        filled(
            kring.say(ANNA, ROOM, "consent").form(),
            Map.of(
                "givenBy", "both",
                "kinds", "health",
                "towards", "P1",
                "purpose", "to adjust her timetable")));
    sent();

    Form check = checkFor("health");

    assertThat(check.id()).isEqualTo(Forms.UPDATE_CHECK);
    assertThat(check.inputs())
        .extracting(Form.Input::name)
        .contains("needed", "ground", "audience");
    assertThat(check.inputs().get(0).value()).isEqualTo(NEWS);
    long questions =
        check.inputs().stream().filter(i -> i.required() && i.kind() == Form.Kind.CHOICE).count();
    assertThat(questions).isEqualTo(4);
    assertThat(check.title()).startsWith("Before you send it — ");
    assertThat(check.intro())
        .startsWith("Your news is about health. Kring asks 4 quick questions before it is sent.")
        .contains("No consent record covers health towards: P3 Partner 3, P4 Partner 4")
        .contains("P2 (CLB worker) has new information about health — contact them.");
    assertThat(check.hidden()).doesNotContainValue(NEWS);
    assertThat(sent()).isEmpty();
    assertThat(theCase().activity().lastUpdate(2)).isEmpty();
  }

  @Test
  void sharingThatNotWhatPostsOnlyThatThereIsNewsAndKeepsNoText() {
    Form check = checkFor("health");

    Outcome done = answerCheck(check, Map.of("audience", "channel", "share", "that"));

    assertThat(done.closeForm()).isTrue();
    List<OutboundMessage> messages = sent();
    String channel = words(inChannel(messages));
    assertThat(channel)
        .contains("P2 (CLB worker) has new information about health — contact them.");
    assertThat(channel).doesNotContain("asthma");
    assertThat(theCase().activity().lastUpdate(2)).isPresent();
    assertThat(theCase().toString()).doesNotContain("asthma");
  }

  @Test
  void onlyTheChosenPartnersGetTheTextPrivatelyAndTheChannelNothing() {
    Form check = checkFor("wellbeing");

    answerCheck(check, Map.of("audience", "chosen", "to", "P3", "share", "text"));

    List<OutboundMessage> messages = sent();
    assertThat(messages).noneMatch(m -> !m.to().isPrivate());
    assertThat(words(onlyTo(messages, CARL))).contains(NEWS);
    assertThat(messages)
        .filteredOn(m -> words(m).contains("asthma"))
        .allMatch(m -> CARL.user().equals(m.to().person()));
    String answer = words(onlyTo(messages, BERT));
    assertThat(answer).contains("Sent privately to 1 partner");
    assertThat(answer).contains("no consent record covers wellbeing towards: P3 Partner 3");
  }

  @Test
  void postingTheTextToEveryoneWarnsAboutWhoIsNotCoveredButIsNotBlocked() {
    Form check = checkFor("family-context");

    answerCheck(
        check,
        Map.of("needed", "unsure", "ground", "none", "audience", "channel", "share", "text"));

    List<OutboundMessage> messages = sent();
    assertThat(words(inChannel(messages))).contains(NEWS);
    assertThat(words(onlyTo(messages, BERT)))
        .contains("no consent record covers family context towards: P1 Anna, P3 Partner 3");
  }

  @Test
  void choosingOnlySomePartnersWithoutNamingThemIsAskedAgainAndUnansweredQuestionsToo() {
    Form check = checkFor("justice");

    Outcome again =
        kring.submit(
            BERT,
            ROOM,
            check.id(),
            filled(check, Map.of("audience", "chosen", "share", "text", "text", NEWS)));

    assertThat(again.form().inputs())
        .filteredOn(i -> i.error() != null)
        .extracting(Form.Input::name)
        .containsExactlyInAnyOrder("needed", "ground");
    Outcome stillNobody = answerCheck(check, Map.of("audience", "chosen", "share", "text"));
    assertThat(stillNobody.form().inputs())
        .filteredOn(i -> i.error() != null)
        .extracting(Form.Input::name)
        .containsExactly("to");
    assertThat(stillNobody.form().inputs().get(0).value()).isEqualTo(NEWS);
    assertThat(sent()).isEmpty();
  }

  @Test
  void aCheckThatClaimsAPracticalKindOrAnOverlongTextIsRefused() {
    Form check = checkFor("health");
    Map<String, String> forged =
        filled(
            check,
            Map.of("needed", "yes", "ground", "consent", "audience", "channel", "share", "text"));
    forged.put("kind", Cards.key(InfoKind.PRACTICAL));

    Outcome refused = kring.submit(BERT, ROOM, check.id(), forged);
    Outcome tooLong =
        answerCheck(
            check, Map.of("audience", "channel", "share", "text", "text", "x".repeat(1501)));

    assertThat(refused.closeForm()).isTrue();
    assertThat(tooLong.form().inputs().get(0).error()).contains("1,500");
    assertThat(sent()).noneMatch(m -> !m.to().isPrivate());
  }

  @Test
  void aPracticalUpdateIsPostedAtOnceAsBefore() {
    Form update = kring.say(BERT, ROOM, "update").form();

    Outcome done =
        kring.submit(BERT, ROOM, update.id(), filled(update, Map.of("text", "Bus pass renewed")));

    assertThat(done.closeForm()).isTrue();
    assertThat(words(inChannel(sent()))).contains("Bus pass renewed");
  }

  // ---- the audit export

  @Test
  void theCoordinatorExportsTheTrailWithTheCaseSummaryPrivately() {
    record(Map.of());
    kring.press(BERT, ROOM, Actions.CONSENT_WITHDRAW, "K-7F3Q:1");
    sent();

    kring.say(ANNA, ROOM, "logboek export");

    List<OutboundMessage> messages = sent();
    assertThat(messages).isNotEmpty().allMatch(m -> ANNA.user().equals(m.to().person()));
    String export = messages.stream().map(KringConversationTest::words).reduce("", String::concat);
    assertThat(export)
        .contains("# Case K-7F3Q")
        .contains("Back in class")
        .contains("P2 Partner 2")
        .contains("#1 — the parents · consent")
        .contains("Withdrawn (marked so by Partner 2")
        .contains("recorded consent record #1")
        .contains("marked consent record #1 as withdrawn");
  }

  @Test
  void onlyTheCoordinationExportsAndAnOddWordIsExplained() {
    kring.say(BERT, ROOM, "log export");
    assertThat(words(onlyTo(sent(), BERT))).contains("coordinator or the backup");

    kring.say(ANNA, ROOM, "log everything");
    assertThat(words(onlyTo(sent(), ANNA))).contains("log export");
  }
}
