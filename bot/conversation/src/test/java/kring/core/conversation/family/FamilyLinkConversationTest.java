package kring.core.conversation.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.consent.ConsentRecord;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.KringConversation;
import kring.core.conversation.RunningCasePromptsTest;
import kring.core.conversation.Schedule;
import kring.core.conversation.Speaker;
import kring.core.conversation.reflection.Rounds;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.Partner;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.scheduler.planning.Planner;
import kring.testing.InMemoryCases;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The family's own voice in the conversation: only the representative gets a link, privately; its
 * page's answers reach them privately, consent lands in the register as given by the family, and
 * the view reaches the partners only when the representative shares it.
 */
class FamilyLinkConversationTest {

  static final ChannelRef ROOM = FamilyWorld.ROOM;
  static final ChannelRef BERTS_CHAT = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");
  static final CaseCode CODE = FamilyWorld.CODE;
  static final Speaker ANNA = FamilyWorld.ANNA;
  static final Speaker BERT = FamilyWorld.BERT;
  static final Speaker CARL = FamilyWorld.CARL;
  static final Pattern LINK = FamilyWorld.LINK;

  FamilyWorld world;
  MovableClock clock;
  InMemoryCases cases;
  RecordingOutbox outbox;
  KringConversation kring;
  int mother;

  @BeforeEach
  void setUp() {
    world = new FamilyWorld();
    clock = world.clock;
    cases = world.cases;
    outbox = world.outbox;
    kring = world.kring;
    mother = world.mother;
  }

  Case theCase() {
    return world.theCase();
  }

  String linkFor(Speaker who, String command) {
    outbox.clear();
    kring.say(who, ROOM, command);
    List<OutboundMessage> said = outbox.messages();
    assertThat(said).allMatch(m -> m.to().isPrivate());
    Matcher found = LINK.matcher(said.toString());
    assertThat(found.find()).as("a link in %s", said).isTrue();
    return found.group(1);
  }

  FamilyAnswers parentSays(String message) {
    return new FamilyAnswers(false, 4, 2, "", message, clock.instant());
  }

  @Test
  void onlyTheRepresentativeGetsALinkPrivatelyAndItRevealsNothing() {
    kring.say(CARL, ROOM, "voicelink P" + mother);
    assertThat(outbox.messages().toString()).contains("Only the partner who represents them");
    assertThat(outbox.messages()).allMatch(m -> m.to().isPrivate());
    assertThat(LINK.matcher(outbox.messages().toString()).find()).isFalse();

    String token = linkFor(BERT, "stemlink P" + mother + " welbevinden");

    assertThat(token).hasSize(43).doesNotContain(CODE.value()).doesNotContainIgnoringCase("mother");
    FamilyPage page = kring.family().page(token).orElseThrow();
    assertThat(page.pupil()).isFalse();
    assertThat(page.questions()).isNotEmpty().allMatch(q -> q.kind() == InfoKind.WELLBEING);
    assertThat(page.until()).isEqualTo(LocalDate.parse("2026-06-30"));
    assertThat(page.toString()).doesNotContain(CODE.value()).doesNotContain("Bert");
    assertThat(theCase().audit())
        .anyMatch(l -> l.event() == AuditEvent.FAMILY_LINK_GIVEN && l.actorSeq() == 2);
  }

  @Test
  void aNewLinkRevokesTheOldRevokingStopsItAndItExpiresAfterFourteenDays() {
    String first = linkFor(BERT, "voicelink P" + mother);
    String second = linkFor(BERT, "voicelink P" + mother);

    assertThat(kring.family().page(first)).isEmpty();
    assertThat(kring.family().page(second)).isPresent();

    kring.say(BERT, ROOM, "voicelink P" + mother + " revoke");
    assertThat(kring.family().page(second)).isEmpty();

    String third = linkFor(BERT, "voicelink P" + mother);
    clock.advance(Duration.ofDays(14).minusMinutes(1));
    assertThat(kring.family().page(third)).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(kring.family().page(third)).isEmpty();
  }

  @Test
  void aLinkStopsWorkingWhenSomeoneElseComesToRepresentThem() {
    String token = linkFor(BERT, "voicelink P" + mother);
    assertThat(kring.family().page(token)).isPresent();

    kring.say(BERT, ROOM, "leave");

    assertThat(theCase().partner(mother).orElseThrow().representedBy()).isNotEqualTo(BERT.user());
    assertThat(kring.family().page(token)).isEmpty();
  }

  @Test
  void removingTheRepresentedPersonDeletesTheirLinkAndWaitingAnswersAtOnce() {
    String token = linkFor(BERT, "voicelink P" + mother);
    kring.family().answer(token, parentSays("We want more calm at home."), Map.of());
    assertThat(world.links.answers(CODE, mother)).isPresent();
    String hash = FamilyTokens.sha256(token);
    assertThat(world.links.find(hash, clock.instant())).isPresent();

    outbox.clear();
    kring.say(ANNA, ROOM, "remove P" + mother);

    assertThat(theCase().partner(mother).orElseThrow().active()).isFalse();
    assertThat(outbox.messages().toString()).contains("left the case");
    assertThat(world.links.answers(CODE, mother)).isEmpty();
    assertThat(world.links.find(hash, clock.instant())).isEmpty();
    // The pupil, still in the case, keeps what is theirs.
    String pupils = linkFor(BERT, "voicelink P" + world.pupil);
    kring.say(ANNA, ROOM, "remove P" + mother);
    assertThat(kring.family().page(pupils)).isPresent();
  }

  @Test
  void theShortCodeOpensTheSamePage() {
    kring.say(BERT, ROOM, "voicelink P" + mother);
    Matcher code =
        Pattern.compile("short code to read out: ([A-Z0-9]{4}-[A-Z0-9]{4})")
            .matcher(outbox.messages().toString());
    assertThat(code.find()).isTrue();

    assertThat(kring.family().page(code.group(1).toLowerCase().replace("-", ""))).isPresent();
    assertThat(kring.family().page("AAAA-AAAA")).isEmpty();
  }

  @Test
  void answersReachTheRepresentativePrivatelyAndConsentIsTheFamilysOwn() {
    String token = linkFor(BERT, "voicelink P" + mother + " wellbeing");
    FamilyPage page = kring.family().page(token).orElseThrow();
    FamilyPage.Question asked = page.questions().get(0);
    outbox.clear();

    boolean taken =
        kring
            .family()
            .answer(
                token,
                parentSays("We want more calm at home."),
                Map.of(asked.id(), "May the school share how your child feels? Until 30 June."));

    assertThat(taken).isTrue();
    assertThat(outbox.messages()).hasSize(1);
    OutboundMessage toBert = outbox.messages().get(0);
    assertThat(toBert.to().isPrivate()).isTrue();
    assertThat(toBert.to().person()).isEqualTo(BERT.user());
    assertThat(toBert.reply().blocks().toString())
        .contains("We want more calm at home.")
        .contains("4 out of 5");
    ConsentRecord record = theCase().consents().records().get(0);
    assertThat(record.terms().givenBy()).isEqualTo(GivenBy.PARENTS);
    assertThat(record.recordedBySeq()).isEqualTo(mother);
    assertThat(record.terms().purpose()).startsWith("May the school share how your child feels?");
    assertThat(record.terms().informedOn()).isEqualTo(LocalDate.parse("2026-03-12"));
    assertThat(record.terms().towardsPartners()).containsExactly(asked.towardsSeq());
    // The trail says that they answered, never what.
    assertThat(theCase().audit().stream().map(AuditEntry::args).toList().toString())
        .doesNotContain("calm");
    assertThat(theCase().partner(mother).orElseThrow().voice()).isNull();

    outbox.clear();
    Buttons.Button share = RunningCasePromptsTest.button(toBert, FamilyFlow.SHARE, CODE.value());
    kring.press(BERT, BERTS_CHAT, share.action(), share.value());

    Partner heard = theCase().partner(mother).orElseThrow();
    assertThat(heard.voice().onGoal()).isEqualTo("We want more calm at home.");
    assertThat(heard.voice().recordedBySeq()).isEqualTo(mother);
    assertThat(outbox.messages())
        .anyMatch(
            m ->
                !m.to().isPrivate()
                    && m.reply().blocks().toString().contains("View of the parents, 12 March"));
    outbox.clear();
    kring.say(ANNA, ROOM, "card");
    assertThat(outbox.messages().toString()).contains("View of the parents, 12 March");

    // Shared once: pressing again shares nothing more.
    outbox.clear();
    kring.press(BERT, BERTS_CHAT, share.action(), share.value());
    assertThat(outbox.messages().toString()).contains("no longer here");
  }

  /** The mother answers through a new link, and Bert shares only a summary he writes. */
  void answerAndShareASummary(String answered, String summary) {
    String token = linkFor(BERT, "voicelink P" + mother);
    outbox.clear();
    kring.family().answer(token, parentSays(answered), Map.of());
    OutboundMessage toBert = outbox.messages().get(0);
    Buttons.Button write =
        RunningCasePromptsTest.button(toBert, Actions.OPEN_FORM, FamilyFlow.SUMMARY);
    Form form = kring.press(BERT, BERTS_CHAT, write.action(), write.value()).form();
    Map<String, String> values = new HashMap<>(form.hidden());
    values.put("summary", summary);
    outbox.clear();
    kring.submit(BERT, BERTS_CHAT, form.id(), values);
  }

  @Test
  void theRepresentativeMayShareAShortSummaryInstead() {
    answerAndShareASummary("Long story about the family.", "Mother feels more heard since March.");

    Partner heard = theCase().partner(mother).orElseThrow();
    assertThat(heard.voice().onCollaboration()).isEqualTo("Mother feels more heard since March.");
    String channel =
        outbox.messages().stream().filter(m -> !m.to().isPrivate()).toList().toString();
    assertThat(channel).contains("Mother feels more heard").doesNotContain("Long story");
  }

  @Test
  void theNextRoundsSummaryShowsTheSharedViewBesideThePartnersResultsOnce() {
    cases.update(Samples.afterOneRound(theCase(), clock.instant().minus(Duration.ofDays(20))));
    answerAndShareASummary("Long story about the family.", "Mother feels more heard since March.");
    Rounds rounds =
        new Rounds(
            new Cards(FamilyWorld.BRUSSELS),
            new Planner(FamilyWorld.BRUSSELS, Schedule.NONE.anonymity()));

    Case second = Samples.afterOneRound(theCase(), clock.instant().plus(Duration.ofDays(1)));
    String summary = rounds.summary(second, 2, u -> Language.EN, false).toString();
    assertThat(summary)
        .contains("View of the parents (12 March): Mother feels more heard since March.")
        .contains("partners took part")
        .doesNotContain("Long story");
    // Not again in the round after: the view is older than the round before it.
    Case third = Samples.afterOneRound(second, clock.instant().plus(Duration.ofDays(30)));
    assertThat(rounds.summary(third, 3, u -> Language.EN, false).toString())
        .doesNotContain("View of the parents");
  }

  @Test
  void theRepresentativeWritesTheGoalInPlainWordsAndThePageShowsOnlyThat() {
    String token = linkFor(BERT, "voicelink P" + mother);
    // Without words of the representative the page shows no goal, never the partners' own.
    assertThat(kring.family().page(token).orElseThrow().goal()).isEmpty();
    assertThat(theCase().currentAgreement().orElseThrow().goal()).isEqualTo("Back in class");
    assertThat(kring.family().page(token).orElseThrow().toString()).doesNotContain("Back in class");

    outbox.clear();
    kring.say(BERT, ROOM, "familygoal P" + mother + " Jonas likes going to school again.");

    assertThat(outbox.messages()).allMatch(m -> m.to().isPrivate());
    assertThat(outbox.messages().toString()).contains("now shows this goal");
    assertThat(kring.family().page(token).orElseThrow().goal())
        .isEqualTo("Jonas likes going to school again.");
    assertThat(theCase().audit().stream().map(AuditEntry::args).toList().toString())
        .doesNotContain("Jonas");

    outbox.clear();
    kring.say(CARL, ROOM, "familygoal P" + mother + " Something the CLB wrote.");
    assertThat(outbox.messages().toString()).contains("Only the partner who represents them");
    assertThat(kring.family().page(token).orElseThrow().goal()).startsWith("Jonas");

    outbox.clear();
    kring.say(BERT, ROOM, "gezinsdoel P" + mother);
    assertThat(outbox.messages().toString()).contains("Jonas likes going to school again.");

    outbox.clear();
    kring.say(BERT, ROOM, "familygoal P" + mother + " " + "y".repeat(Partner.FAMILY_GOAL_MAX + 1));
    assertThat(outbox.messages().toString()).contains("too long");
    assertThat(kring.family().page(token).orElseThrow().goal()).startsWith("Jonas");

    kring.say(BERT, ROOM, "familygoal P" + mother + " clear");
    assertThat(kring.family().page(token).orElseThrow().goal()).isEmpty();
    kring.say(BERT, ROOM, "familygoal");
    assertThat(theCase().partner(mother).orElseThrow().familyGoal()).isNull();
  }

  @Test
  void theGoalGoesWhenTheRepresentedPersonIsRemoved() {
    kring.say(BERT, ROOM, "familygoal P" + mother + " Jonas likes going to school again.");
    assertThat(theCase().partner(mother).orElseThrow().familyGoal()).isNotNull();

    kring.say(ANNA, ROOM, "remove P" + mother);

    assertThat(theCase().partner(mother).orElseThrow().familyGoal()).isNull();
    assertThat(theCase().toString()).doesNotContain("Jonas likes");
  }

  @Test
  void aNewLinkShowsTheEarlierChoicesAndANoWithdrawsTheConsentAsTheFamilysOwn() {
    String first = linkFor(BERT, "voicelink P" + mother + " wellbeing health");
    List<FamilyPage.Question> asked = kring.family().page(first).orElseThrow().questions();
    FamilyPage.Question yes = asked.get(0);
    FamilyPage.Question no =
        asked.stream().filter(q -> q.kind() == InfoKind.HEALTH).findFirst().orElseThrow();
    assertThat(asked).allMatch(q -> q.before().isEmpty());
    kring
        .family()
        .answer(
            first,
            parentSays(""),
            Map.of(yes.id(), "A teacher may know how your child feels."),
            java.util.Set.of(no.id()));
    int number = theCase().consents().records().get(0).number();
    assertThat(theCase().consents().records()).hasSize(1);

    clock.advance(Duration.ofDays(30));
    // A later link that asks nothing new still shows what they chose, to change it.
    String second = linkFor(BERT, "voicelink P" + mother);
    List<FamilyPage.Question> shown = kring.family().page(second).orElseThrow().questions();
    assertThat(shown)
        .filteredOn(q -> q.id().equals(yes.id()))
        .singleElement()
        .extracting(FamilyPage.Question::before)
        .isEqualTo("yes");
    assertThat(shown)
        .filteredOn(q -> q.id().equals(no.id()))
        .singleElement()
        .extracting(FamilyPage.Question::before)
        .isEqualTo("no");
    assertThat(shown)
        .filteredOn(q -> !q.id().equals(yes.id()) && !q.id().equals(no.id()))
        .allMatch(q -> q.before().isEmpty());

    outbox.clear();
    kring.family().answer(second, parentSays(""), Map.of(), java.util.Set.of(yes.id()));

    ConsentRecord record = theCase().consents().record(number).orElseThrow();
    assertThat(record.withdrawn()).isTrue();
    assertThat(record.withdrawal().bySeq()).isEqualTo(mother);
    assertThat(record.withdrawal().at()).isEqualTo(clock.instant());
    assertThat(theCase().audit())
        .anyMatch(l -> l.event() == AuditEvent.FAMILY_CONSENT_WITHDRAWN && l.actorSeq() == mother);
    // The channel hears it as any withdrawal: who changed the register, and no details.
    String channel =
        outbox.messages().stream().filter(m -> !m.to().isPrivate()).toList().toString();
    assertThat(channel)
        .contains("mother updated the consent register")
        .doesNotContain("feels")
        .doesNotContain("#" + number);
    assertThat(outbox.messages().stream().filter(m -> m.to().isPrivate()).toList().toString())
        .contains("They withdrew 1 consent themselves");
    String third = linkFor(BERT, "voicelink P" + mother);
    assertThat(kring.family().page(third).orElseThrow().questions())
        .filteredOn(q -> q.id().equals(yes.id()))
        .singleElement()
        .extracting(FamilyPage.Question::before)
        .isEqualTo("no");
  }

  @Test
  void aLinkWorksOnlyForAnOpenCase() {
    String token = linkFor(BERT, "voicelink P" + mother);
    cases.update(theCase().close(ANNA.user(), clock.instant(), new java.util.Random(1)));

    assertThat(kring.family().page(token)).isEmpty();
    assertThat(kring.family().answer(token, parentSays("hello"), Map.of())).isFalse();
  }

  @Test
  void guessedOrMalformedTokensFindNothing() {
    linkFor(BERT, "voicelink P" + mother);
    assertThat(kring.family().page("x".repeat(43))).isEmpty();
    assertThat(kring.family().page("")).isEmpty();
    assertThat(kring.family().page("../../etc")).isEmpty();
    assertThat(kring.family().page("y".repeat(5000))).isEmpty();
  }
}
