package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static kring.teams.Activities.EVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.checkin.CheckInRound;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.scheduler.planning.DuePrompt;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduler's private prompts on Teams: a check-in reaches each partner's personal chat with
 * Kring as an Adaptive Card, and its buttons and its dialog work from that personal chat; without
 * one, the case channel gets only a mention that something is waiting. The check-in card is updated
 * in place as it is answered and shows no buttons once the round closed. And a whole reflection
 * round, from the coordinator's command to the summary with its chart in the channel.
 */
class TeamsScheduledPromptsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  /** Monday 12 January 2026, 09:00: the case became active on a school day. */
  static final Instant ACTIVE = local("2026-01-12T09:00");

  static final MovableClock clock = new MovableClock(ACTIVE, BRUSSELS);
  static final ChannelRef CASE_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);
  static final ChannelRef OTHER_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, "19:case-two@thread.tacv2");
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final String ROUND = CODE.value() + ":1:";

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, clock);
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @AfterEach
  void everyCardKeepsToTheAdaptiveCardsSchema() {
    CardSchema.assertKeptBy(teams);
  }

  /** Kring is in the case's team channel and installed for each partner; the case runs. */
  @BeforeEach
  void aCaseRunsSinceTwelveJanuary() {
    clock.set(ACTIVE);
    teams.post(teams.activities.botAdded(ANNA));
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      teams.post(teams.activities.installedForPerson(partner));
    }
    Case c =
        Samples.activeCase(
            CODE,
            CASE_CHANNEL,
            List.of(user(ANNA), user(BERT), user(CARL)),
            CollaborationLevel.COORDINATION,
            ACTIVE);
    teams.cases.create(c);
    teams.prompts.replan(c);
    teams.drain();
    teams.connector.clear();
  }

  @Test
  void aCheckInReachesEachPartnersPersonalChatAsACardWithItsActions() {
    checkInOpens();

    assertThat(theCase().activity().lastCheckIn()).map(CheckInRound::number).contains(1);
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      List<FakeConnector.Posted> posts = postedTo(Activities.personalChat(partner));
      assertThat(posts).hasSize(1);
      JsonNode attachment = posts.get(0).activity().path("attachments").get(0);
      assertThat(attachment.path("contentType").asText())
          .isEqualTo("application/vnd.microsoft.card.adaptive");
      assertThat(attachment.path("content").toString())
          .contains("Check-in 1 for case " + CODE.value())
          .contains("Is our shared goal still on track?")
          .contains("Skip this one")
          .contains("Remind me tomorrow");
      // One click per answer, each naming its case and round, not a channel.
      ObjectNode answer = button(partner, "check-in.pick", ROUND + "goal-on-track:yes");
      assertThat(answer.path("kring").has("c")).isFalse();
      assertThat(button(partner, "check-in.pick", ROUND + "clear-who-does-what:no")).isNotNull();
      assertThat(button(partner, "check-in.skip", "").path("kring").path("v").asText())
          .startsWith(CODE.value() + ":1");
      assertThat(button(partner, "prompt.later", CODE.value() + "/check_in_invite/")).isNotNull();
    }
    // Nothing private is posted in the case channel.
    assertThat(postedTo(Activities.CHANNEL)).isEmpty();
  }

  @Test
  void theCheckInIsAnsweredInADialogFromThePersonalChatAndTheChannelGetsTheTotals() {
    checkInOpens();

    answer(ANNA, "yes", "partly", "yes");

    CheckInRound round = theCase().activity().checkIn(1).orElseThrow();
    assertThat(round.open()).isTrue();
    assertThat(round.answers()).singleElement().satisfies(a -> assertThat(a.partnerSeq()).isOne());
    assertThat(shownIn(Activities.personalChat(ANNA)))
        .anyMatch(activity -> activity.contains("your answers are in"));

    answer(BERT, "yes", "no", "yes");
    answer(CARL, "partly", "yes", "yes");
    teams.drain();

    List<FakeConnector.Posted> toChannel = postedTo(Activities.CHANNEL);
    assertThat(toChannel).hasSize(1);
    assertThat(toChannel.get(0).activity().toString())
        .contains("3 of 3 partners answered")
        .contains("2 yes · 1 partly · 0 no")
        .contains("1 yes · 1 partly · 1 no")
        .contains("3 yes · 0 partly · 0 no")
        .doesNotContain("Anna")
        .doesNotContain("Partner 1");
    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isFalse();
  }

  @Test
  void aMessageCombiningPromptsOfTwoCasesOpensEachCasesOwnCheckIn() {
    CaseCode other = new CaseCode("K-8G4R");
    ObjectNode addedToTheOtherChannel =
        teams.activities.base("conversationUpdate", ANNA, OTHER_CHANNEL.channel(), "channel");
    addedToTheOtherChannel.putArray("membersAdded").addObject().put("id", Activities.BOT);
    teams.post(addedToTheOtherChannel);
    Case second =
        Samples.activeCase(
            other,
            OTHER_CHANNEL,
            List.of(user(BERT), user(ANNA)),
            CollaborationLevel.COORDINATION,
            ACTIVE);
    teams.cases.create(second);
    teams.prompts.replan(second);

    checkInOpens();

    List<FakeConnector.Posted> toAnna = postedTo(Activities.personalChat(ANNA));
    assertThat(toAnna).hasSize(1);
    assertThat(toAnna.get(0).activity().toString())
        .contains("4 things from Kring for you")
        .contains("Check-in 1 for case " + CODE.value())
        .contains("Check-in 1 for case " + other.value());
    List<ObjectNode> picks = new ArrayList<>();
    for (CaseCode code : List.of(CODE, other)) {
      picks.add(button(ANNA, "check-in.pick", code.value() + ":1:goal-on-track:yes"));
    }
    for (int i = 0; i < picks.size(); i++) {
      CaseCode code = List.of(CODE, other).get(i);
      teams.pressInPersonalChat(ANNA, picks.get(i));
      assertThat(teams.cases.find(code).orElseThrow().activity().checkIn(1).orElseThrow().answers())
          .as("Anna's answer in " + code.value())
          .hasSize(1);
    }
  }

  @Test
  void remindMeTomorrowFromThePersonalChatBringsTheCheckInBackTheNextSchoolDay() {
    checkInOpens();
    String invite = CODE.value() + "/check_in_invite/";

    JsonNode pressed = teams.pressInPersonalChat(BERT, button(BERT, "prompt.later", invite));

    assertThat(pressed.path("task").path("type").asText()).isEqualTo("message");
    teams.drain();
    assertThat(postedTo(Activities.personalChat(BERT)))
        .anyMatch(p -> p.activity().toString().contains("Kring brings it back on 10 Feb 2026"));
    assertThat(teams.prompts.planned(CODE))
        .filteredOn(p -> p.id().startsWith(invite) && p.person().equals(user(BERT)))
        .extracting(DuePrompt::dueAt)
        .containsExactly(local("2026-02-10T10:00"));

    teams.connector.clear();
    live(local("2026-02-10T11:00"));

    assertThat(postedTo(Activities.personalChat(BERT)))
        .singleElement()
        .satisfies(p -> assertThat(p.activity().toString()).contains("Check-in 1"));
  }

  @Test
  void withoutAPersonalChatTheCheckInWaitsBehindAMentionAndIsAnsweredInADialog() {
    ObjectNode uninstalled =
        teams.activities.base(
            "installationUpdate", CARL, Activities.personalChat(CARL), "personal");
    uninstalled.put("action", "remove");
    teams.post(uninstalled);

    checkInOpens();

    assertThat(postedTo(Activities.personalChat(CARL))).isEmpty();
    // Carl's one waiting post of the day in the channel: posted, or updated in place when an
    // earlier private message of the day posted it already.
    List<JsonNode> toChannel = new ArrayList<>();
    postedTo(Activities.CHANNEL).forEach(p -> toChannel.add(p.activity()));
    teams.connector.updated().stream()
        .filter(u -> u.conversationId().equals(Activities.CHANNEL))
        .forEach(u -> toChannel.add(u.activity()));
    assertThat(toChannel).hasSize(1);
    String mention = toChannel.get(0).toString();
    assertThat(mention).contains("<at>Carl Janssens</at>").doesNotContain("Check-in");
    ObjectNode open = TeamsHarness.find(toChannel.get(0), TeamsMessenger.OPEN_WAITING, "");
    JsonNode waiting = TeamsHarness.dialogCard(teams.press(CARL, open));
    assertThat(waiting.toString()).contains("Check-in 1").contains("Is it clear who does what?");
    ObjectNode answer = TeamsHarness.find(waiting, "check-in.pick", ROUND + "goal-on-track:no");
    assertThat(answer).isNotNull();
    // Inside a dialog, Action.Submit comes back as task/submit.
    teams.answer(teams.activities.invoke(CARL, "task/submit", answer));

    assertThat(theCase().activity().checkIn(1).orElseThrow().answers())
        .singleElement()
        .satisfies(a -> assertThat(a.partnerSeq()).isEqualTo(3));
  }

  @Test
  void someoneWhoIsNotAPartnerPressingTheCasesButtonsInTheirPersonalChatIsRefused() {
    checkInOpens();
    teams.post(teams.activities.installedForPerson(EVE));
    teams.drain();
    ObjectNode annasAnswer = button(ANNA, "check-in.pick", ROUND);
    ObjectNode annasLater = button(ANNA, "prompt.later", CODE.value() + "/check_in_invite/");
    ObjectNode annasSkip = button(ANNA, "check-in.skip", "");
    Case before = theCase();
    List<DuePrompt> planned = teams.prompts.planned(CODE);
    teams.connector.clear();

    // Eve sends Anna's buttons from her own personal chat with Kring.
    JsonNode form = teams.pressInPersonalChat(EVE, annasAnswer);
    JsonNode later = teams.pressInPersonalChat(EVE, annasLater);
    JsonNode skip = teams.pressInPersonalChat(EVE, annasSkip);
    teams.drain();

    for (JsonNode answer : List.of(form, later, skip)) {
      assertThat(answer.path("task").path("type").asText()).isEqualTo("message");
    }
    assertThat(theCase()).isEqualTo(before);
    assertThat(teams.prompts.planned(CODE)).isEqualTo(planned);
    assertThat(teams.connector.posted())
        .hasSize(3)
        .allMatch(p -> p.conversationId().equals(Activities.personalChat(EVE)))
        .allMatch(p -> p.activity().toString().contains("andere casus"));
  }

  @Test
  void aWholeReflectionRoundEndsWithItsSummaryAndTrendChartInTheChannel() throws Exception {
    // The partners held a first round in January, so the second one has a trend to chart.
    clock.set(local("2026-02-02T09:00"));
    CaseChanges.change(teams.cases, CODE, c -> Samples.afterOneRound(c, local("2026-01-19T10:00")));

    teams.post(teams.activities.mention(ANNA, "reflect"));
    teams.drain();
    JsonNode start =
        TeamsHarness.dialogCard(teams.press(ANNA, teams.button(TeamsMessenger.OPEN_WAITING)));
    assertThat(inputs(start)).contains("days", "focus", "own");
    teams.submit(ANNA, start, Map.of());
    teams.drain();
    // Anna is asked at once; Bert and Carl with the poller's next run.
    live(clock.instant().plus(Duration.ofMinutes(30)));

    assertThat(postedTo(Activities.CHANNEL))
        .anyMatch(p -> p.activity().toString().contains("Reflection round 2"));
    String round = CODE.value() + ":2";
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      assertThat(postedTo(Activities.personalChat(partner)))
          .anyMatch(p -> p.activity().toString().contains("Reflection round 2 — case K-7F3Q"));
    }
    JsonNode form =
        TeamsHarness.dialogCard(
            teams.pressInPersonalChat(ANNA, button(ANNA, "round.answer", round)));
    // Eight questions of the default round and whether to sign the open answers, each optional.
    assertThat(inputs(form)).hasSize(9).contains("q.info-in-time", "q.keep", "q.change", "sign");
    List<String> types = new ArrayList<>();
    for (JsonNode element : form.path("body")) {
      if (element.path("type").asText().startsWith("Input.")) {
        types.add(element.path("type").asText());
        assertThat(element.path("isRequired").asBoolean()).isFalse();
      }
    }
    assertThat(types).containsOnly("Input.ChoiceSet", "Input.Text");
    teams.submitInPersonalChat(
        ANNA, form, Map.of("q.info-in-time", "4", "q.keep", "the weekly call"));
    answerRound(BERT, round, Map.of("q.info-in-time", "5", "q.keep", "shared notes"));
    answerRound(CARL, round, Map.of("q.info-in-time", "4", "q.keep", "quick answers"));
    teams.drain();

    FakeConnector.Posted summary =
        postedTo(Activities.CHANNEL).stream()
            .filter(p -> p.activity().toString().contains("3 of 3 partners took part"))
            .findFirst()
            .orElseThrow();
    String words = summary.activity().toString();
    assertThat(words)
        .contains("Trend over 2 rounds")
        .contains("“shared notes”")
        .doesNotContain("Anna")
        .doesNotContain("Partner 1");
    assertThat(words.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThan(28 * 1024);
    JsonNode image = null;
    for (JsonNode element :
        summary.activity().path("attachments").get(0).path("content").path("body")) {
      if (element.path("type").asText().equals("Image")) {
        image = element;
      }
    }
    assertThat(image).as("the chart in the summary card").isNotNull();
    assertThat(image.path("altText").asText()).contains("over the last 2 rounds");
    assertThat(AdaptiveCardsTest.picture(image).getWidth()).isGreaterThanOrEqualTo(400);
    assertThat(theCase().openReflection()).isEmpty();
  }

  @Test
  void closingWithAFinalEvaluationEndsWithItsSummaryTheCaseClosedAndTheExportInPrivate() {
    teams.post(teams.activities.mention(ANNA, "close"));
    teams.drain();
    ObjectNode finalFirst = button(ANNA, "case.close-final", CODE.value());
    assertThat(button(ANNA, "case.close-now", CODE.value())).isNotNull();
    teams.pressInPersonalChat(ANNA, finalFirst);
    teams.drain();
    live(clock.instant().plus(Duration.ofMinutes(30)));

    assertThat(postedTo(Activities.CHANNEL))
        .anyMatch(p -> p.activity().toString().contains("Final evaluation (round 1)"));
    String round = CODE.value() + ":1";
    JsonNode form =
        TeamsHarness.dialogCard(
            teams.pressInPersonalChat(ANNA, button(ANNA, "round.answer", round)));
    assertThat(inputs(form))
        .containsExactly("q.final-goal", "q.final-together", "q.keep", "q.final-lesson", "sign");
    teams.submitInPersonalChat(ANNA, form, Map.of("q.final-goal", "yes", "q.keep", "the card"));
    answerRound(BERT, round, Map.of("q.final-goal", "yes", "q.keep", "short notes"));
    answerRound(CARL, round, Map.of("q.final-goal", "partly", "q.keep", "weekly call"));
    teams.drain();

    FakeConnector.Posted summary =
        postedTo(Activities.CHANNEL).stream()
            .filter(p -> p.activity().toString().contains("Final evaluation — case K-7F3Q"))
            .findFirst()
            .orElseThrow();
    assertThat(summary.activity().toString())
        .contains("3 of 3 partners took part")
        .contains("“short notes”")
        .doesNotContain("Anna");
    assertThat(postedTo(Activities.CHANNEL))
        .anyMatch(p -> p.activity().toString().contains("is now closed"));
    assertThat(theCase().status()).isEqualTo(kring.core.cases.CaseStatus.CLOSED);

    ObjectNode export = TeamsHarness.find(summary.activity(), "case.export", CODE.value());
    teams.connector.clear();
    teams.press(ANNA, export);
    teams.drain();
    // The export comes as a file in the personal chat: its words, and Teams' file consent card.
    List<FakeConnector.Posted> offered = postedTo(Activities.personalChat(ANNA));
    assertThat(offered).hasSize(1);
    JsonNode attachments = offered.get(0).activity().path("attachments");
    assertThat(attachments.get(0).path("content").toString())
        .contains("Your export of case K-7F3Q")
        .doesNotContain("“weekly call”");
    JsonNode consent = attachments.get(1);
    assertThat(consent.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.teams.card.file.consent");
    assertThat(consent.path("name").asText()).matches("kring-K-7F3Q-\\d{4}-\\d{2}-\\d{2}\\.md");
    int size = consent.path("content").path("sizeInBytes").asInt();
    assertThat(postedTo(Activities.CHANNEL)).isEmpty();

    // Anna accepts: Kring puts the file at the upload address Teams made in her OneDrive.
    teams.connector.clear();
    String upload = teams.connector.url() + FakeConnector.UPLOADS + "export.md";
    JsonNode accepted = consent.path("content").path("acceptContext");
    teams.post(teams.activities.fileConsent(ANNA, "accept", accepted, upload));
    teams.drain();
    byte[] bytes = teams.connector.uploaded(FakeConnector.UPLOADS + "export.md");
    assertThat(bytes).hasSize(size);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .contains("Reflection rounds")
        .contains("“weekly call”");
    assertThat(postedTo(Activities.personalChat(ANNA)))
        .singleElement()
        .satisfies(p -> assertThat(p.activity().toString()).contains("OneDrive"));
    // The file was parked for her until she answered; a second answer finds nothing.
    teams.post(teams.activities.fileConsent(ANNA, "accept", accepted, upload + "2"));
    teams.drain();
    assertThat(teams.connector.uploaded(FakeConnector.UPLOADS + "export.md2")).isNull();
  }

  @Test
  void aCheckInCardIsUpdatedInPlaceAsItIsAnsweredAndLosesItsButtonsWhenTheRoundCloses() {
    // Everyone gave news on 27 January, so that the check-in comes alone, as its card.
    live(local("2026-01-27T11:00"));
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      pressInPersonalChat(partner, button(partner, "update.nothing-new", CODE.value()));
    }
    live(local("2026-02-09T10:00"));
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      assertThat(card(partner).toString()).contains("Check-in 1");
      assertThat(ShownButtons.of(card(partner), "check-in.pick")).hasSize(9);
      assertThat(ShownButtons.of(card(partner), "check-in.skip")).hasSize(1);
    }

    pick(ANNA, "goal-on-track", "yes");
    pick(ANNA, "got-what-needed", "partly");
    pick(ANNA, "clear-who-does-what", "yes");

    // One post, updated three times in place.
    String annas = cardOf(ANNA);
    assertThat(cardsPostedTo(ANNA)).hasSize(1);
    assertThat(teams.connector.updated())
        .filteredOn(u -> u.conversationId().equals(Activities.personalChat(ANNA)))
        .hasSize(3)
        .allSatisfy(u -> assertThat(u.conversationId() + "/" + u.id()).isEqualTo(annas));
    // Her answers can still change; skipping no longer applies, nor does a reminder.
    assertThat(ShownButtons.of(card(ANNA), "check-in.pick")).hasSize(9);
    assertThat(ShownButtons.of(card(ANNA), "check-in.skip")).isEmpty();
    assertThat(ShownButtons.of(card(ANNA), "prompt.later")).isEmpty();

    pick(BERT, "goal-on-track", "no");
    pick(BERT, "got-what-needed", "yes");
    pick(BERT, "clear-who-does-what", "partly");
    pressInPersonalChat(CARL, ShownButtons.of(card(CARL), "check-in.skip").get(0));

    assertThat(postedTo(Activities.CHANNEL))
        .anyMatch(p -> p.activity().toString().contains("2 of 3 partners"));
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      assertThat(card(partner).toString()).as(partner.name()).contains("Check-in 1 is closed");
      assertThat(ShownButtons.of(card(partner), null)).as(partner.name()).isEmpty();
      assertThat(cardsPostedTo(partner)).as("posted once for " + partner.name()).hasSize(1);
    }
    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isFalse();
    ShownButtons.assertEachAccepted(
        teams, List.of(ANNA, BERT, CARL), () -> clock.advance(Duration.ofSeconds(1)));
  }

  /** Picks one answer on the partner's check-in card, and lets the card show it. */
  static void pick(Activities.Member who, String question, String answer) {
    String value = CODE.value() + ":1:" + question + ":" + answer;
    ObjectNode button =
        ShownButtons.of(card(who), "check-in.pick").stream()
            .filter(b -> b.path("kring").path("v").asText().equals(value))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No button " + value + " in " + card(who)));
    int updates = teams.connector.updated().size();
    pressInPersonalChat(who, button);
    assertThat(teams.connector.updated()).hasSizeGreaterThan(updates);
  }

  /**
   * Presses a button in the person's personal chat and lets the relay deliver what it changed, past
   * the pace of the conversation.
   */
  static void pressInPersonalChat(Activities.Member who, ObjectNode button) {
    clock.advance(Duration.ofSeconds(1));
    teams.pressInPersonalChat(who, button);
    teams.drain();
  }

  /** The one activity in a partner's personal chat that shows the check-in: its card. */
  static String cardOf(Activities.Member who) {
    List<String> held =
        teams.connector.showing().entrySet().stream()
            .filter(a -> a.getKey().startsWith(Activities.personalChat(who) + "/"))
            .filter(a -> a.getValue().toString().contains("Check-in 1"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(held).as("check-in cards in the personal chat of " + who.name()).hasSize(1);
    return held.get(0);
  }

  /** What the partner's check-in card shows now. */
  static JsonNode card(Activities.Member who) {
    return teams.connector.showing().get(cardOf(who));
  }

  /** The check-in cards posted in a partner's personal chat. */
  static List<FakeConnector.Posted> cardsPostedTo(Activities.Member who) {
    return postedTo(Activities.personalChat(who)).stream()
        .filter(p -> p.activity().toString().contains("Check-in 1"))
        .toList();
  }

  /** A partner answers the open reflection round in a dialog from their personal chat. */
  static void answerRound(Activities.Member who, String round, Map<String, String> answers) {
    JsonNode form =
        TeamsHarness.dialogCard(teams.pressInPersonalChat(who, button(who, "round.answer", round)));
    teams.submitInPersonalChat(who, form, answers);
  }

  /**
   * Lives until the first check-in opens, four school weeks after the start (Monday 9 February,
   * 10:00), forgetting what was posted before that morning.
   */
  static void checkInOpens() {
    live(local("2026-02-09T09:00"));
    teams.connector.clear();
    live(local("2026-02-09T10:00"));
  }

  /**
   * Moves time in half hours until {@code until}, running the prompt sender as every node's poller
   * would, and lets the relay deliver what it wrote.
   */
  static void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      teams.prompts.runDue();
    }
    teams.drain();
  }

  /** A partner answers the check-in from their personal chat: one click per question. */
  static void answer(Activities.Member who, String goal, String needed, String roles) {
    List<ObjectNode> picks =
        List.of(
            button(who, "check-in.pick", ROUND + "goal-on-track:" + goal),
            button(who, "check-in.pick", ROUND + "got-what-needed:" + needed),
            button(who, "check-in.pick", ROUND + "clear-who-does-what:" + roles));
    for (ObjectNode pick : picks) {
      teams.pressInPersonalChat(who, pick);
    }
    teams.drain();
  }

  /** Everything posted in a conversation, and every update of a post there, as text. */
  static List<String> shownIn(String conversationId) {
    List<String> shown = new ArrayList<>();
    postedTo(conversationId).forEach(p -> shown.add(p.activity().toString()));
    teams.connector.updated().stream()
        .filter(u -> u.conversationId().equals(conversationId))
        .forEach(u -> shown.add(u.activity().toString()));
    return shown;
  }

  /** A button of the newest card in the person's personal chat. */
  static ObjectNode button(Activities.Member who, String action, String valueStart) {
    String chat = Activities.personalChat(who);
    return teams.button(p -> p.conversationId().equals(chat), action, valueStart);
  }

  static List<FakeConnector.Posted> postedTo(String conversationId) {
    return teams.connector.posted().stream()
        .filter(p -> p.conversationId().equals(conversationId))
        .toList();
  }

  static List<String> inputs(JsonNode card) {
    List<String> ids = new ArrayList<>();
    for (JsonNode element : card.path("body")) {
      if (element.path("type").asText().startsWith("Input.")) {
        ids.add(element.path("id").asText());
      }
    }
    return ids;
  }

  static UserRef user(Activities.Member who) {
    return new UserRef(Platform.TEAMS, Activities.TENANT, who.aadObjectId());
  }

  static Case theCase() {
    return teams.cases.find(CODE).orElseThrow();
  }

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }
}
