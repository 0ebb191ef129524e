package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCodes;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Place;
import kring.core.outbox.Recipient;
import kring.core.partners.CaseRole;
import kring.core.reply.Buttons;
import kring.core.reply.Fields;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.store.ShortDigest;
import kring.core.store.Sighting;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryPeople;
import kring.testing.RecordingOutbox;
import kring.testing.Replies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class KringConversationTest {

  public static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room-1");
  public static final ChannelRef OTHER_ROOM =
      new ChannelRef(Platform.PLAYGROUND, "local", "room-2");
  public static final Speaker ANNA = speaker("anna", "Anna");
  public static final Speaker BERT = speaker("bert", "Bert");
  public static final Speaker CARO = speaker("caro", "Caro");

  Cases cases;
  RecordingOutbox outbox;
  KringConversation kring;
  int wakeUps;

  /** The cases the conversation works on; a subclass runs every test on Redis. */
  Cases newCases() {
    return new InMemoryCases();
  }

  public static Speaker speaker(String id, String name) {
    return new Speaker(new UserRef(Platform.PLAYGROUND, "local", id), name);
  }

  @BeforeEach
  void setUp() {
    cases = newCases();
    outbox = new RecordingOutbox();
    kring = kring(cases, outbox, () -> wakeUps++);
  }

  /** Kring on these cases and this outbox, on Monday 30 November 2026 at 10:00 in Brussels. */
  static KringConversation kring(Cases cases, RecordingOutbox outbox, Runnable outboxWritten) {
    Clock clock = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneId.of("Europe/Brussels"));
    return new KringConversation(
        cases,
        new InMemoryPeople(),
        outbox,
        new CaseCodes(new SplittableRandom(7)),
        clock,
        outboxWritten);
  }

  @Test
  void aTurnOfADeliveryThePlatformSendsAgainIsCommittedOnce() {
    kring.say(ANNA, ROOM, "start AB");
    sent();
    String delivery = ShortDigest.of("playground|room|delivery-7");
    kring.delivery(delivery, () -> kring.say(ANNA, ROOM, "represent mother"));
    long revision = theCase().revision();
    assertThat(sent()).isNotEmpty();

    // Delivered again (the node that took it first died before answering the platform): even a
    // turn that would change the case, made again, stores nothing and says nothing.
    kring.delivery(delivery, () -> kring.say(ANNA, ROOM, "represent father"));
    assertThat(theCase().revision()).isEqualTo(revision);
    assertThat(sent()).isEmpty();

    kring.say(ANNA, ROOM, "represent father");
    assertThat(theCase().revision()).isEqualTo(revision + 1);
  }

  @Test
  void aRequestThePlatformSentBeforeDoesNothingNotEvenItsSafetyCardOrALaterTurn() {
    kring.say(ANNA, ROOM, "start AB");
    sent();
    long revision = theCase().revision();
    Sighting request =
        Sighting.of(Sighting.Mark.of("slack-request", "signature-1", Duration.ofMinutes(15)));
    // Work of two turns: words that also bring the safety card, privately, then a change.
    Supplier<Outcome> work =
        () -> {
          kring.say(ANNA, ROOM, "ze wil dood");
          return kring.say(ANNA, ROOM, "represent mother");
        };

    kring.firstSight(request, work);
    assertThat(theCase().revision()).isEqualTo(revision + 1);
    assertThat(sent()).hasSizeGreaterThan(2);

    // The very same request again: no turn of the work is made, none says anything.
    Outcome again = kring.firstSight(request, work);

    assertThat(again).isEqualTo(Outcome.NOTHING);
    assertThat(theCase().revision()).isEqualTo(revision + 1);
    assertThat(sent()).isEmpty();
    // Another request with the same words is made.
    Sighting next =
        Sighting.of(Sighting.Mark.of("slack-request", "signature-2", Duration.ofMinutes(15)));
    kring.firstSight(next, () -> kring.say(ANNA, ROOM, "represent father"));
    assertThat(theCase().revision()).isEqualTo(revision + 2);
  }

  @Test
  void speaksToAPersonInTheirLanguageElseTheirCasesElseDutch() {
    assertThat(kring.languageOf(ANNA.user(), ROOM)).isEqualTo(Language.NL);
    kring.say(ANNA, ROOM, "start AB en");
    assertThat(kring.languageOf(BERT.user(), ROOM)).isEqualTo(Language.EN);
    assertThat(kring.languageOf(BERT.user(), OTHER_ROOM)).isEqualTo(Language.NL);
    assertThat(kring.languageOf(BERT.user(), null)).isEqualTo(Language.NL);

    kring.say(BERT, ROOM, "taal nl");

    assertThat(kring.languageOf(BERT.user(), ROOM)).isEqualTo(Language.NL);
  }

  @Test
  void theWelcomeAndTheHelpShowCommandsAsTheirPlatformSaysTheyAreTyped() {
    kring.added(ANNA, ROOM);
    kring.say(ANNA, ROOM, "help");
    assertThat(sent().stream().map(KringConversationTest::words))
        .anyMatch(w -> w.contains("“start AB”"))
        .noneMatch(w -> w.contains("@"));

    kring.commandsTyped(Platform.SLACK, (channel, command) -> "/kring " + command);
    kring.say(ANNA, ROOM, "help");
    assertThat(sent().stream().map(KringConversationTest::words))
        .noneMatch(w -> w.contains("/kring"));

    kring.commandsTyped(Platform.PLAYGROUND, (channel, command) -> "@Kring " + command);
    kring.added(ANNA, ROOM);
    kring.say(ANNA, ROOM, "help");
    List<String> shown = sent().stream().map(KringConversationTest::words).toList();
    assertThat(shown)
        .anyMatch(w -> w.contains("“@Kring start”") && w.contains("“@Kring start AB”"));
    assertThat(shown).anyMatch(w -> w.contains("“@Kring st"));
  }

  @Test
  void theHelpListsTheCommandsFromACasesFirstStepsToItsEnd() {
    kring.say(ANNA, ROOM, "hulp");
    List<OutboundMessage> help = sent();
    // The few sector words Kring keeps are explained once, here.
    assertThat(words(help.get(0)))
        .contains("Casus: de samenwerking rond één leerling.")
        .contains("Regiehouder: ")
        .contains("Check-in: ");
    List<String> labels =
        help.stream()
            .flatMap(m -> m.reply().blocks().stream())
            .filter(b -> b instanceof Fields)
            .flatMap(b -> ((Fields) b).fields().stream())
            .map(Fields.Field::label)
            .toList();
    assertThat(labels)
        .containsExactly(
            "start",
            "hulp",
            "overzicht",
            "aansluiten",
            "voorstellen",
            "doel",
            "taken",
            "akkoord",
            "stand",
            "kaart",
            "logboek",
            "taal",
            "planning",
            "werkuren",
            "vrije dag",
            "vakanties",
            "ritme",
            "overgang",
            "pauzeer",
            "hervat",
            "nieuws",
            "reflectie",
            "toestemming",
            "vertegenwoordig",
            "stemlink",
            "gezinsdoel",
            "stem",
            "vertrek",
            "verhuis",
            "verwijder",
            "afsluiten",
            "wis",
            "vergeet mij");
  }

  Case theCase() {
    return cases.findByChannel(ROOM).orElseThrow();
  }

  List<OutboundMessage> sent() {
    List<OutboundMessage> all = outbox.messages();
    outbox.clear();
    return all;
  }

  public static String words(OutboundMessage message) {
    return Replies.words(message.reply());
  }

  public static Buttons.Button button(OutboundMessage message, String action) {
    return message.reply().blocks().stream()
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .filter(b -> b.action().equals(action))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button " + action + " in " + words(message)));
  }

  public static OutboundMessage onlyTo(List<OutboundMessage> messages, Speaker person) {
    return messages.stream()
        .filter(m -> person.user().equals(m.to().person()))
        .filter(KringConversationTest::newPost)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("nothing private to " + person.displayName()));
  }

  /**
   * Whether a message posts something new, rather than taking the buttons off an earlier post that
   * no longer apply (which notifies nobody).
   */
  public static boolean newPost(OutboundMessage message) {
    return message.place() == null || message.place().mode() != Place.Mode.RETIRE;
  }

  public static OutboundMessage inChannel(List<OutboundMessage> messages) {
    return messages.stream()
        .filter(m -> !m.to().isPrivate())
        .filter(KringConversationTest::newPost)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("nothing in the channel: " + messages));
  }

  public static Map<String, String> filled(Form form, Map<String, String> answers) {
    Map<String, String> values = new HashMap<>(form.hidden());
    for (Form.Input input : form.inputs()) {
      values.put(input.name(), input.value());
    }
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      Form.Input input =
          form.inputs().stream()
              .filter(i -> i.name().equals(answer.getKey()))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no input " + answer.getKey() + " in " + form.id()));
      if (input.kind() == Form.Kind.CHOICE) {
        assertThat(input.options()).extracting(Form.Option::value).contains(answer.getValue());
      }
      values.put(answer.getKey(), answer.getValue());
    }
    return values;
  }

  void startAndJoinBert() {
    kring.say(ANNA, ROOM, "start AB");
    Form intro = kring.press(ANNA, ROOM, Actions.OPEN_FORM, Forms.INTRODUCE).form();
    kring.submit(
        ANNA,
        ROOM,
        intro.id(),
        filled(intro, Map.of("role", "care-coordinator", "organisation", "School")));
    Form join = kring.say(BERT, ROOM, "join").form();
    kring.submit(
        BERT, ROOM, join.id(), filled(join, Map.of("role", "clb", "organisation", "CLB Noord")));
    OutboundMessage ask = inChannel(sent());
    kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, button(ask, Actions.ACCEPT_JOIN).value());
    sent();
  }

  @Test
  void aHandledRequestToJoinShowsWhoHandledItInPlaceAndLosesItsButtons() {
    kring.say(ANNA, ROOM, "start AB");
    Form join = kring.say(BERT, ROOM, "join").form();
    kring.submit(
        BERT, ROOM, join.id(), filled(join, Map.of("role", "clb", "organisation", "CLB Noord")));
    OutboundMessage ask = inChannel(sent());
    assertThat(ask.place().name()).startsWith("join:").doesNotContain(BERT.user().user());

    kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, button(ask, Actions.ACCEPT_JOIN).value());

    OutboundMessage handled =
        sent().stream()
            .filter(m -> m.place() != null && m.place().name().equals(ask.place().name()))
            .findFirst()
            .orElseThrow();
    assertThat(handled.to()).isEqualTo(ask.to());
    assertThat(handled.place().version()).isGreaterThan(ask.place().version());
    assertThat(words(handled)).contains("vraagt om aan te sluiten").contains("Aanvaard door Anna");
    assertThat(handled.reply().blocks()).noneMatch(Buttons.class::isInstance);
  }

  void proposeCompleteAgreement() {
    Form goal = kring.say(ANNA, ROOM, "goal").form();
    kring.submit(
        ANNA, ROOM, goal.id(), filled(goal, Map.of("goal", "Back in class full-time by Easter")));
    Form roles = kring.say(ANNA, ROOM, "taken").form();
    kring.submit(
        ANNA,
        ROOM,
        roles.id(),
        filled(
            roles,
            Map.of("does.P1", "Runs the care meetings", "does.P2", "Talks with the parents")));
  }

  @Test
  void startingACaseWelcomesTheChannelAndMakesTheStarterInterimCoordinator() {
    Outcome outcome = kring.say(ANNA, ROOM, "@kring start AB");

    assertThat(outcome.form()).isNull();
    Case c = theCase();
    assertThat(c.initials().value()).isEqualTo("AB");
    assertThat(c.roleOf(ANNA.user())).isEqualTo(CaseRole.COORDINATOR);
    OutboundMessage welcome = inChannel(sent());
    assertThat(words(welcome)).contains(c.code().value()).contains("Anna");
    assertThat(welcome.kind()).isEqualTo(MessageKind.ANNOUNCEMENT);
    assertThat(wakeUps).isPositive();
  }

  @Test
  void aSecondCaseInTheSameChannelIsRefusedAndChangesNothing() {
    kring.say(ANNA, ROOM, "start");
    Case first = theCase();
    sent();

    kring.say(BERT, ROOM, "begin");

    assertThat(theCase()).isEqualTo(first);
    OutboundMessage answer = onlyTo(sent(), BERT);
    assertThat(words(answer)).contains(first.code().value());
    assertThat(answer.kind()).isEqualTo(MessageKind.ANSWER);
  }

  @Test
  void initialsThatLookLikeANameAreRefused() {
    kring.say(ANNA, ROOM, "start Anna");

    assertThat(cases.findByChannel(ROOM)).isEmpty();
    assertThat(words(onlyTo(sent(), ANNA))).contains("Anna").contains("initialen");
  }

  @Test
  void anUnknownCommandGetsAFriendlySuggestionPrivately() {
    kring.say(ANNA, ROOM, "stauts");

    List<OutboundMessage> messages = sent();
    assertThat(messages).hasSize(1);
    assertThat(words(onlyTo(messages, ANNA))).contains("stauts").contains("status");
  }

  @Test
  void aPartnerCannotAcceptAJoinRequestButTheCoordinatorCan() {
    startAndJoinBert();
    Form join = kring.say(CARO, ROOM, "aansluiten").form();
    kring.submit(CARO, ROOM, join.id(), filled(join, Map.of("role", "naft-coach")));
    String value = button(inChannel(sent()), Actions.ACCEPT_JOIN).value();

    kring.press(BERT, ROOM, Actions.ACCEPT_JOIN, value);
    assertThat(theCase().roleOf(CARO.user())).isEqualTo(CaseRole.NON_MEMBER);
    assertThat(words(onlyTo(sent(), BERT))).contains("regiehouder");

    kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, value);
    assertThat(theCase().roleOf(CARO.user())).isEqualTo(CaseRole.PARTNER);
    List<OutboundMessage> messages = sent();
    assertThat(words(onlyTo(messages, CARO))).contains("Wie doet wat");
    assertThat(words(inChannel(messages))).contains("Caro");
  }

  @Test
  void theCaseCardIsOnlyForPeopleInTheCase() {
    startAndJoinBert();

    kring.say(CARO, ROOM, "card");
    assertThat(words(onlyTo(sent(), CARO))).doesNotContain("Anna").contains("aansluiten");

    kring.say(BERT, ROOM, "wie");
    String card = words(onlyTo(sent(), BERT));
    assertThat(card)
        .contains("Anna — Zorgcoördinator, School")
        .contains("Bert — CLB-medewerker, CLB Noord");
  }

  @Test
  void anEmptyOrOverlongGoalShowsTheFormAgainWithErrorsAndStoresNothing() {
    startAndJoinBert();
    Form goal = kring.say(ANNA, ROOM, "goal").form();

    Outcome empty = kring.submit(ANNA, ROOM, goal.id(), filled(goal, Map.of("goal", "  ")));
    assertThat(error(empty.form(), "goal")).isEqualTo("Vul dit in, alsjeblieft.");

    Outcome tooLong =
        kring.submit(ANNA, ROOM, goal.id(), filled(goal, Map.of("goal", "x".repeat(10_000))));
    assertThat(error(tooLong.form(), "goal")).contains("1.000").contains("10.000");
    assertThat(theCase().agreements().versions()).isEmpty();
  }

  public static String error(Form form, String input) {
    return form.inputs().stream()
        .filter(i -> i.name().equals(input))
        .findFirst()
        .orElseThrow()
        .error();
  }

  @Test
  void twoPartnersAgreeAndTheCaseBecomesActive() {
    startAndJoinBert();
    proposeCompleteAgreement();
    List<OutboundMessage> proposals = sent();
    OutboundMessage latest = inChannel(proposals);
    assertThat(words(latest)).contains("versie 2");
    Buttons.Button confirm = button(latest, Actions.CONFIRM);

    kring.press(ANNA, ROOM, confirm.action(), confirm.value());
    assertThat(theCase().status()).isEqualTo(CaseStatus.INTAKE);
    assertThat(words(inChannel(sent())))
        .contains("bevestigd door 1 van 2 partners")
        .doesNotContain("Bert");

    kring.press(BERT, ROOM, confirm.action(), confirm.value());
    assertThat(theCase().status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(words(inChannel(sent()))).contains("actief");
  }

  @Test
  void aVersionWithoutARoleSplitSaysThatIsWhatItLacks() {
    startAndJoinBert();
    Form goal = kring.say(ANNA, ROOM, "doel").form();
    kring.submit(
        ANNA, ROOM, goal.id(), filled(goal, Map.of("goal", "Back in class full-time by Easter")));
    OutboundMessage proposal = inChannel(sent());
    assertThat(words(proposal))
        .contains("Er ontbreekt nog een taakverdeling.")
        .doesNotContain("een doel, een taakverdeling of een regiehouder");
    Buttons.Button confirm = button(proposal, Actions.CONFIRM);

    kring.press(ANNA, ROOM, confirm.action(), confirm.value());

    OutboundMessage counted = inChannel(sent());
    assertThat(words(counted))
        .contains("bevestigd door 1 van 2 partners.")
        .contains("Er ontbreekt nog een taakverdeling.");
    assertThat(counted.place().name())
        .as("the count is the version's post, updated in place")
        .isEqualTo(proposal.place().name())
        .isEqualTo("agreement:1");
    assertThat(counted.place().version()).isGreaterThan(proposal.place().version());
    Buttons.Button read = button(proposal, Actions.READ_AGREEMENT);
    kring.press(BERT, ROOM, read.action(), read.value());
    assertThat(words(onlyTo(sent(), BERT))).contains("Deze versie mist nog een taakverdeling.");
  }

  @Test
  void aDoubleClickOnConfirmCountsOnce() {
    startAndJoinBert();
    proposeCompleteAgreement();
    Buttons.Button confirm = button(inChannel(sent()), Actions.CONFIRM);

    kring.press(BERT, ROOM, confirm.action(), confirm.value());
    sent();
    kring.press(BERT, ROOM, confirm.action(), confirm.value());

    assertThat(theCase().currentAgreement().orElseThrow().confirmations()).hasSize(1);
    List<OutboundMessage> second = sent();
    assertThat(second).hasSize(1);
    assertThat(words(onlyTo(second, BERT))).contains("al");
  }

  @Test
  void theSameFormSubmittedTwiceMakesOneVersion() {
    startAndJoinBert();
    Form goal = kring.say(ANNA, ROOM, "goal").form();
    Map<String, String> values = filled(goal, Map.of("goal", "Back in class"));

    kring.submit(ANNA, ROOM, goal.id(), values);
    kring.submit(ANNA, ROOM, goal.id(), values);

    assertThat(theCase().agreements().versions()).hasSize(1);
  }

  @Test
  void confirmingAVersionThatIsNoLongerCurrentIsRefused() {
    startAndJoinBert();
    proposeCompleteAgreement();

    kring.press(BERT, ROOM, Actions.CONFIRM, theCase().code().value() + ":1");

    assertThat(theCase().agreements().versions().get(0).confirmations()).isEmpty();
    assertThat(words(onlyTo(sent(), BERT))).contains("Versie 1 is niet meer de huidige");
  }

  @Test
  void aNonPartnerPressingConfirmChangesNothing() {
    startAndJoinBert();
    proposeCompleteAgreement();
    Buttons.Button confirm = button(inChannel(sent()), Actions.CONFIRM);

    kring.press(CARO, ROOM, confirm.action(), confirm.value());

    assertThat(theCase().currentAgreement().orElseThrow().confirmations()).isEmpty();
    assertThat(words(onlyTo(sent(), CARO))).contains("Alleen partners");
  }

  @Test
  void aButtonFromAnotherCaseDoesNothingHere() {
    startAndJoinBert();
    proposeCompleteAgreement();
    Buttons.Button confirm = button(inChannel(sent()), Actions.CONFIRM);
    kring.say(CARO, OTHER_ROOM, "start");
    sent();

    kring.press(CARO, OTHER_ROOM, confirm.action(), confirm.value());

    assertThat(theCase().currentAgreement().orElseThrow().confirmations()).isEmpty();
    assertThat(words(onlyTo(sent(), CARO))).contains("andere casus");
  }

  @Test
  void aFormWithAMissingFieldIsShownAgainWithTheError() {
    kring.say(ANNA, ROOM, "start");
    Form join = kring.say(BERT, ROOM, "join").form();
    Map<String, String> values = filled(join, Map.of());
    values.remove("role");

    Outcome outcome = kring.submit(BERT, ROOM, join.id(), values);

    assertThat(error(outcome.form(), "role")).isNotBlank();
    assertThat(theCase().team().joinRequests()).isEmpty();
  }

  @Test
  void aPersonWhoChoseEnglishIsAnsweredInEnglishWhileTheChannelStaysDutch() {
    kring.say(ANNA, ROOM, "start");
    sent();
    kring.say(BERT, ROOM, "language en");
    assertThat(words(onlyTo(sent(), BERT))).contains("English");

    kring.say(BERT, ROOM, "card");
    assertThat(words(onlyTo(sent(), BERT))).contains("Type “join”");
  }

  @Test
  void everyMessageIsInTheOutboxBeforeTheCallReturns() {
    List<Integer> seenAtWakeUp = new ArrayList<>();
    kring =
        new KringConversation(
            cases,
            new InMemoryPeople(),
            outbox,
            CaseCodes.secure(),
            Clock.systemUTC(),
            () -> seenAtWakeUp.add(outbox.messages().size()));

    kring.say(ANNA, ROOM, "start");

    assertThat(seenAtWakeUp).containsExactly(1);
  }

  @Test
  void someoneJoiningTheChannelHearsPrivatelyHowToJoinButSeesNoCaseCard() {
    startAndJoinBert();

    kring.memberJoined(CARO, ROOM);

    List<OutboundMessage> messages = sent();
    assertThat(messages).hasSize(1);
    OutboundMessage told = onlyTo(messages, CARO);
    assertThat(words(told))
        .contains(theCase().code().value())
        .doesNotContain("Anna")
        .doesNotContain("Bert");
    // Pressed in the private chat, so it names the case.
    assertThat(button(told, Actions.OPEN_FORM).value()).startsWith(Forms.JOIN + " K-");

    kring.memberJoined(BERT, ROOM);
    assertThat(sent()).isEmpty();
  }

  @Test
  void aPartnerLeavingTheChannelLeavesTheCaseAndANonMemberLeavingChangesNothing() {
    startAndJoinBert();
    int before = theCase().audit().size();

    kring.memberLeft(CARO.user(), ROOM);
    assertThat(theCase().audit()).hasSize(before);

    kring.memberLeft(BERT.user(), ROOM);
    assertThat(theCase().audit().get(before).event()).isEqualTo(AuditEvent.PARTNER_LEFT);
    assertThat(theCase().audit().get(before).actorSeq()).isEqualTo(2);
    assertThat(theCase().partner(BERT.user())).isEmpty();
  }

  @Test
  void losingTheChannelPausesTheCaseUntilTheCoordinatorResumesIt() {
    startAndJoinBert();

    kring.channelLost(ROOM, "channel_archive");

    var audit = theCase().audit();
    var lost = audit.get(audit.size() - 2);
    assertThat(lost.event()).isEqualTo(AuditEvent.CHANNEL_LOST);
    assertThat(lost.args()).containsExactly("channel_archive");
    assertThat(audit.get(audit.size() - 1).event()).isEqualTo(AuditEvent.CASE_PAUSED);
    assertThat(theCase().paused()).isTrue();

    kring.say(ANNA, ROOM, "resume");
    assertThat(theCase().paused()).isFalse();
  }

  @Test
  void theOverviewShowsEachPersonWhatIsWaitingForThemOnly() {
    startAndJoinBert();
    proposeCompleteAgreement();
    Form join = kring.say(CARO, ROOM, "join").form();
    kring.submit(CARO, ROOM, join.id(), filled(join, Map.of("role", "naft-coach")));

    String anna = String.join("\n", words(kring.overview(ANNA.user())));
    assertThat(anna).contains("Bevestig versie 2").contains("1 persoon vraagt om aan te sluiten");
    String bert = String.join("\n", words(kring.overview(BERT.user())));
    assertThat(bert).contains("Bevestig versie 2").doesNotContain("vraagt om aan te sluiten");
    assertThat(words(kring.overview(CARO.user()))).contains("wacht op de regiehouder");
    assertThat(words(kring.overview(speaker("dirk", "Dirk").user()))).contains("nog geen deel");
  }

  @Test
  void aFormThatCouldNotOpenIsOfferedPrivatelyBehindAButton() {
    kring.say(ANNA, ROOM, "start");
    Form goal = kring.say(ANNA, ROOM, "goal").form();
    sent();

    kring.offerForm(ANNA, ROOM, goal);

    OutboundMessage offer = onlyTo(sent(), ANNA);
    Buttons.Button open = button(offer, Actions.OPEN_FORM);
    // The button names its case, so it also opens the form in a private chat with Kring.
    assertThat(open.value()).isEqualTo(goal.id() + " " + goal.hidden().get(Forms.CASE));
    assertThat(kring.press(ANNA, ROOM, open.action(), open.value()).form().id())
        .isEqualTo(goal.id());
  }

  @Test
  void aPartnerMarkedUnreachableIsShownSoAndIsReachableAgainOnceTheyAct() {
    startAndJoinBert();
    cases.update(theCase().unreachable(BERT.user(), Instant.parse("2026-11-30T09:00:00Z")));

    kring.say(ANNA, ROOM, "card");
    assertThat(words(onlyTo(sent(), ANNA)))
        .contains("Bert — CLB-medewerker, CLB Noord (niet bereikbaar");

    kring.say(BERT, ROOM, "status");
    assertThat(theCase().partner(BERT.user()).orElseThrow().unreachable()).isFalse();
  }

  public static String words(Reply reply) {
    return words(
        new OutboundMessage(
            "x", Recipient.channel(ROOM), reply, MessageKind.ANSWER, null, Instant.EPOCH));
  }
}
