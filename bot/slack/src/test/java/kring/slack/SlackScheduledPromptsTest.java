package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.checkin.CheckInRound;
import kring.core.outbox.Retractor;
import kring.scheduler.planning.DuePrompt;
import kring.testing.Eventually;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The scheduler's private prompts on Slack: a check-in reaches each partner as a direct message,
 * and its buttons and its modal work from that direct message, where Slack reports the IM channel
 * and not the case's channel; the check-in card is updated in place as it is answered and shows no
 * buttons once the round closed; and a whole reflection round, from the coordinator's command to
 * the summary with its chart in the channel.
 */
class SlackScheduledPromptsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  /** Monday 12 January 2026, 09:00: the case became active on a school day. */
  static final Instant ACTIVE = local("2026-01-12T09:00");

  static final MovableClock clock = new MovableClock(ACTIVE, BRUSSELS);

  @RegisterExtension static final SlackRunning running = new SlackRunning(redis, clock);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0KRING04";
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final String ANNA = "UANNA";
  static final String BERT = "UBERT";
  static final String CARL = "UCARL";
  static final Duration SOON = Duration.ofSeconds(10);

  @BeforeEach
  void aCaseRunsSinceTwelveJanuary() {
    clock.set(ACTIVE);
    Case c =
        Samples.activeCase(
            CODE,
            Samples.slackChannel(CHANNEL),
            List.of(Samples.slackUser(ANNA), Samples.slackUser(BERT), Samples.slackUser(CARL)),
            CollaborationLevel.COORDINATION,
            ACTIVE);
    kring().cases.create(c);
    kring().prompts.replan(c);
  }

  @Test
  void aCheckInReachesEveryPartnerAsOneDirectMessageWithItsButtons() {
    Map<String, FakeSlack.Call> dms = checkInOpens();

    assertThat(theCase().activity().lastCheckIn()).map(CheckInRound::number).contains(1);
    for (String partner : List.of(ANNA, BERT, CARL)) {
      assertThat(slack().calls("conversations.open"))
          .filteredOn(c -> c.param("users").equals(partner))
          .hasSize(1);
      assertThat(dmsTo(partner)).hasSize(1);
      FakeSlack.Call dm = dms.get(partner);
      assertThat(dm.authorization()).isEqualTo("Bearer " + SlackHarness.TOKEN);
      assertThat(dm.words()).contains("Check-in 1 for case " + CODE.value());
      // One click per answer: three questions, three answers each.
      assertThat(dm.buttons("check-in.pick"))
          .hasSize(9)
          .allSatisfy(b -> assertThat(b.path("value").asString()).startsWith(CODE.value() + ":1:"));
      assertThat(dm.buttons("check-in.pick"))
          .extracting(b -> b.path("text").path("text").asString())
          .containsOnly("Yes", "Partly", "No");
      assertThat(dm.buttons("check-in.skip"))
          .extracting(b -> b.path("value").asString())
          .singleElement()
          .satisfies(v -> assertThat(v).startsWith(CODE.value() + ":1"));
      assertThat(dm.buttons("prompt.later")).isNotEmpty();
    }
    // Nothing private is posted in the case's channel.
    assertThat(slack().posts(c -> c.param("channel").equals(CHANNEL))).isEmpty();
    assertThat(slack().calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void promptsDueTheSameMorningComeCombinedInOneMessageAndASinglePromptComesAlone() {
    // Everyone was asked for news on 26 January; Anna answers "nothing new" from her DM a day
    // later.
    live(local("2026-01-27T11:00"));
    FakeSlack.Call annasNudge = dmsTo(ANNA).get(0);
    assertThat(annasNudge.words()).contains("Any news for case " + CODE.value());
    press(ANNA, annasNudge, "update.nothing-new", CODE.value());
    answerTo(ANNA, "nothing new");

    Map<String, FakeSlack.Call> dms = checkInOpens();

    // Bert's news is due again the morning the check-in opens: both come in one message.
    FakeSlack.Call toBert = dms.get(BERT);
    assertThat(toBert.words()).contains("2 things from Kring for you").contains("Check-in 1");
    assertThat(toBert.buttons("update.nothing-new")).hasSize(1);
    assertThat(toBert.buttons("form.open")).hasSize(1);
    assertThat(toBert.buttons("check-in.pick")).hasSize(9);
    assertThat(toBert.buttons("prompt.later")).hasSize(2);
    assertThat(dmsTo(BERT)).hasSize(1);
    // Anna's news is not due yet: the check-in comes on its own.
    FakeSlack.Call toAnna = dms.get(ANNA);
    assertThat(toAnna.words()).contains("Check-in 1").doesNotContain("things from Kring");
    assertThat(toAnna.buttons("update.nothing-new")).isEmpty();
    assertThat(toAnna.buttons("prompt.later")).hasSize(1);
    assertThat(dmsTo(ANNA)).hasSize(1);
  }

  @Test
  void aReminderThatCombinesTwoCasesIsDeletedWhenTheSecondOfThemIsErased() {
    CaseCode other = new CaseCode("K-2B4D");
    Case second =
        Samples.activeCase(
            other,
            Samples.slackChannel("C0KRING05"),
            List.of(Samples.slackUser(CARL), Samples.slackUser(BERT)),
            CollaborationLevel.COORDINATION,
            ACTIVE);
    kring().cases.create(second);
    kring().prompts.replan(second);

    FakeSlack.Call toBert = checkInOpens().get(BERT);
    String words = toBert.words();
    assertThat(words).contains(CODE.value()).contains(other.value());
    CaseCode named2nd = words.indexOf(CODE.value()) < words.indexOf(other.value()) ? other : CODE;
    Set<String> bertsDms =
        slack().messages().stream()
            .filter(m -> m.startsWith(FakeSlack.im(BERT) + "/"))
            .collect(Collectors.toSet());
    assertThat(bertsDms).isNotEmpty();

    kring().erasure.erase(named2nd);
    new Retractor(
            kring().retractions,
            List.of(kring().messenger),
            clock,
            new SplittableRandom(3),
            () -> {})
        .retractDue();

    Set<String> deleted =
        slack().calls("chat.delete").stream()
            .map(c -> FakeSlack.message(c.param("channel"), c.param("ts")))
            .collect(Collectors.toSet());
    assertThat(deleted).containsAll(bertsDms);
  }

  @Test
  void theCheckInIsAnsweredFromTheDirectMessageAndTheChannelGetsTheTotals() {
    Map<String, FakeSlack.Call> dms = checkInOpens();

    assertThat(dms.get(ANNA).words()).contains("Is our shared goal still on track?");
    answer(ANNA, dms.get(ANNA), "yes", "partly", "yes");

    CheckInRound round = theCase().activity().checkIn(1).orElseThrow();
    assertThat(round.open()).isTrue();
    assertThat(round.answers()).singleElement().satisfies(a -> assertThat(a.partnerSeq()).isOne());
    assertThat(slack().calls("views.open")).as("no form to open").isEmpty();

    answer(BERT, dms.get(BERT), "yes", "no", "yes");
    answer(CARL, dms.get(CARL), "partly", "yes", "yes");

    FakeSlack.Call summary = channelPost("3 of 3 partners answered");
    assertThat(summary.words())
        .contains("Check-in 1")
        .contains("2 yes · 1 partly · 0 no")
        .contains("1 yes · 1 partly · 1 no")
        .contains("3 yes · 0 partly · 0 no")
        .doesNotContain("not shown")
        .doesNotContain("Partner 1")
        .doesNotContain(ANNA);
    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isFalse();
  }

  @Test
  void aCheckInSkippedByOneOfThreeClosesWithoutTotals() {
    Map<String, FakeSlack.Call> dms = checkInOpens();

    press(CARL, dms.get(CARL), "check-in.skip", "");
    shows(CARL, "you skip check-in 1");
    assertThat(theCase().activity().checkIn(1).orElseThrow().skipped()).containsExactly(3);
    answer(ANNA, dms.get(ANNA), "yes", "yes", "yes");
    answer(BERT, dms.get(BERT), "no", "yes", "partly");

    FakeSlack.Call summary = channelPost("2 of 3 partners answered");
    assertThat(summary.words())
        .contains("Questions with fewer than 3 answers are not shown")
        .doesNotContain(" yes · ");
    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isFalse();
  }

  @Test
  void remindMeTomorrowFromTheDirectMessageBringsTheCheckInBackTheNextSchoolDay() {
    Map<String, FakeSlack.Call> dms = checkInOpens();
    String invite = CODE.value() + "/check_in_invite/";

    press(BERT, dms.get(BERT), "prompt.later", invite);

    FakeSlack.Call answer = answerTo(BERT, "Kring brings it back on");
    assertThat(answer.param("channel")).isEqualTo(FakeSlack.im(BERT));
    assertThat(answer.words()).contains("10 Feb 2026 10:00");
    assertThat(kring().prompts.planned(CODE))
        .filteredOn(p -> p.id().startsWith(invite) && p.person().user().equals(BERT))
        .extracting(DuePrompt::dueAt)
        .containsExactly(local("2026-02-10T10:00"));

    slack().clear();
    live(local("2026-02-10T11:00"));

    List<FakeSlack.Call> again = dmsTo(BERT);
    assertThat(again).singleElement().satisfies(c -> assertThat(c.words()).contains("Check-in 1"));
    assertThat(again.get(0).buttons("check-in.pick")).hasSize(9);
  }

  @Test
  void someoneWhoIsNotAPartnerPressingTheCasesButtonsInTheirOwnDirectMessageIsRefused() {
    Map<String, FakeSlack.Call> dms = checkInOpens();
    slack().clear();
    Case before = theCase();
    List<DuePrompt> planned = kring().prompts.planned(CODE);
    // Eve copies Anna's buttons into a message of her own direct message with Kring.
    FakeSlack.Call evesDm = withChannel(dms.get(ANNA), FakeSlack.im("UEVE"));

    press("UEVE", evesDm, "check-in.pick", CODE.value());
    FakeSlack.Call refusal = answerTo("UEVE", "andere casus");
    press("UEVE", evesDm, "prompt.later", "");
    press("UEVE", evesDm, "check-in.skip", "");
    Eventually.eventually(
        SOON,
        () ->
            assertThat(slack().calls("chat.postEphemeral"))
                .filteredOn(c -> c.param("user").equals("UEVE"))
                .hasSize(3));

    assertThat(refusal.param("channel")).isEqualTo(FakeSlack.im("UEVE"));
    assertThat(slack().calls("views.open")).isEmpty();
    assertThat(theCase()).isEqualTo(before);
    assertThat(kring().prompts.planned(CODE)).isEqualTo(planned);
    assertThat(slack().posts(c -> !c.param("channel").equals(FakeSlack.im("UEVE")))).isEmpty();
  }

  @Test
  void aWholeReflectionRoundEndsWithItsSummaryAndTrendChartInTheChannel() throws Exception {
    // The partners held a first round in January, so the second one has a trend to chart.
    clock.set(local("2026-02-02T09:00"));
    CaseChanges.change(
        kring().cases, CODE, c -> Samples.afterOneRound(c, local("2026-01-19T10:00")));
    slack().clear();

    signed(SlackPayloads.command(TEAM, CHANNEL, ANNA, name(ANNA), "reflect"));
    JsonNode start = openedModal(0);
    assertThat(start.path("callback_id").asString()).isEqualTo("round.start-form");
    submit(ANNA, start, Map.of());

    FakeSlack.Call started = channelPost("Reflection round 2");
    assertThat(started.buttons("round.answer"))
        .extracting(b -> b.path("value").asString())
        .containsExactly(CODE.value() + ":2");
    // Anna is asked at once; Bert and Carl with the poller's next run.
    live(clock.instant().plus(Duration.ofMinutes(30)));
    Map<String, FakeSlack.Call> invitations =
        dmsSaying("Reflection round 2 — case " + CODE.value());

    JsonNode form = pressAndOpen(ANNA, invitations.get(ANNA), "round.answer", CODE.value());
    assertThat(form.path("callback_id").asString()).isEqualTo("round.answers");
    List<String> questions = inputs(form);
    // Eight questions of the default round and whether to sign the open answers, each optional.
    assertThat(questions).hasSize(9).contains("q.info-in-time", "q.keep", "q.change", "sign");
    assertThat(elementTypes(form)).containsOnly("static_select", "plain_text_input");
    for (JsonNode block : form.path("blocks")) {
      if (block.path("type").asString().equals("input")) {
        assertThat(block.path("optional").asBoolean()).as(block.toString()).isTrue();
      }
    }
    submit(
        ANNA,
        form,
        Map.of("q.info-in-time", "4", "q.goal-achievable", "yes", "q.keep", "the weekly call"));
    answerTo(ANNA, "answers are saved");
    answerRound(
        BERT,
        invitations.get(BERT),
        Map.of("q.info-in-time", "5", "q.goal-achievable", "partly", "q.keep", "shared notes"));
    answerRound(
        CARL,
        invitations.get(CARL),
        Map.of("q.info-in-time", "4", "q.voice-doubts", "2", "q.keep", "quick answers"));

    FakeSlack.Call summary = channelPost("3 of 3 partners took part");
    assertThat(summary.words())
        .contains("Reflection round 2")
        .contains("Trend over 2 rounds")
        .contains("“the weekly call”")
        .contains("“shared notes”")
        .contains("2 answers: too few to show")
        .doesNotContain(name(ANNA))
        .doesNotContain("Partner 1");
    FakeSlack.Call shared =
        slack()
            .await(
                "files.completeUploadExternal", c -> c.param("channel_id").equals(CHANNEL), SOON);
    List<String> order = FakeSlack.methods(slack().calls());
    assertThat(order.lastIndexOf("chat.postMessage"))
        .isLessThan(order.indexOf("files.getUploadURLExternal"));
    String file = SlackPayloads.array(shared.param("files")).get(0).path("id").asString();
    byte[] uploaded = slack().uploaded(file);
    int png = SlackMessengerTest.indexOf(uploaded, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    BufferedImage chart =
        ImageIO.read(new ByteArrayInputStream(uploaded, png, uploaded.length - png));
    assertThat(chart.getWidth()).isGreaterThanOrEqualTo(400);
    assertThat(slack().calls("files.getUploadURLExternal").get(0).param("alt_txt"))
        .contains("over the last 2 rounds");
    assertThat(theCase().openReflection()).isEmpty();
  }

  @Test
  void aRoundTheRhythmOpensInvitesEachPartnerByDirectMessage() {
    CaseChanges.change(
        kring().cases, CODE, c -> c.setCadence(Samples.slackUser(ANNA), new Cadence(8, 3), ACTIVE));
    kring().prompts.replan(theCase());

    live(local("2026-02-02T09:00"));
    slack().clear();
    live(local("2026-02-02T10:00"));

    channelPost("Time for a reflection round");
    for (FakeSlack.Call dm : dmsSaying("").values()) {
      assertThat(dm.words()).contains("Reflection round 1 — case " + CODE.value());
      assertThat(dm.buttons("round.answer")).hasSize(1);
      assertThat(dm.buttons("prompt.later")).hasSize(1);
    }
    JsonNode form = pressAndOpen(BERT, dmsTo(BERT).get(0), "round.answer", CODE.value());
    assertThat(inputs(form)).hasSize(9);
  }

  @Test
  void closingWithAFinalEvaluationEndsWithItsSummaryTheCaseClosedAndTheExportInPrivate() {
    signed(SlackPayloads.command(TEAM, CHANNEL, ANNA, name(ANNA), "close"));
    FakeSlack.Call offer = answerTo(ANNA, "Closing case " + CODE.value());
    assertThat(offer.buttons("case.close-now")).hasSize(1);
    signed(
        SlackPayloads.press(
            TEAM, CHANNEL, ANNA, name(ANNA), offer.buttons("case.close-final").get(0)));

    channelPost("Final evaluation (round 1)");
    live(clock.instant().plus(Duration.ofMinutes(30)));
    Map<String, FakeSlack.Call> invitations = dmsSaying("Final evaluation — case " + CODE.value());
    JsonNode form = pressAndOpen(ANNA, invitations.get(ANNA), "round.answer", CODE.value());
    assertThat(inputs(form))
        .containsExactly("q.final-goal", "q.final-together", "q.keep", "q.final-lesson", "sign");
    submit(ANNA, form, Map.of("q.final-goal", "yes", "q.keep", "the card"));
    answerTo(ANNA, "answers are saved");
    answerRound(BERT, invitations.get(BERT), Map.of("q.final-goal", "yes", "q.keep", "notes"));
    answerRound(CARL, invitations.get(CARL), Map.of("q.final-goal", "no", "q.keep", "weekly call"));

    FakeSlack.Call summary = channelPost("Final evaluation — case " + CODE.value());
    assertThat(summary.words())
        .contains("3 of 3 partners took part")
        .contains("“weekly call”")
        .doesNotContain(name(CARL));
    channelPost("is now closed");
    assertThat(theCase().status()).isEqualTo(kring.core.cases.CaseStatus.CLOSED);

    signed(
        SlackPayloads.press(
            TEAM, CHANNEL, BERT, name(BERT), summary.buttons("case.export").get(0)));
    answerTo(BERT, "for the coordinator or the backup");
    signed(
        SlackPayloads.press(
            TEAM, CHANNEL, ANNA, name(ANNA), summary.buttons("case.export").get(0)));
    // The export comes as a direct message that says what it holds, and the file after it.
    slack()
        .await(
            "chat.postMessage",
            c ->
                c.param("channel").equals(FakeSlack.im(ANNA))
                    && c.words().contains("Your export of case K-7F3Q"),
            SOON);
    FakeSlack.Call shared =
        slack()
            .await(
                "files.completeUploadExternal",
                c -> c.param("channel_id").equals(FakeSlack.im(ANNA)),
                SOON);
    JsonNode details = SlackPayloads.JSON.readTree(shared.param("files")).get(0);
    assertThat(details.path("title").asText()).matches("kring-K-7F3Q-\\d{4}-\\d{2}-\\d{2}\\.md");
    String file = details.path("id").asText();
    assertThat(new String(slack().uploaded(file), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Reflection rounds")
        .contains("“weekly call”");
  }

  /** A partner answers the open reflection round from their direct message. */
  static void answerRound(String user, FakeSlack.Call dm, Map<String, String> answers) {
    JsonNode form = pressAndOpen(user, dm, "round.answer", CODE.value());
    submit(user, form, answers);
    answerTo(user, "answers are saved");
  }

  /** The view of the {@code index}th modal Kring opened. */
  static JsonNode openedModal(int index) {
    Eventually.eventually(
        SOON, () -> assertThat(slack().calls("views.open")).hasSizeGreaterThan(index));
    return SlackPayloads.JSON.readTree(slack().calls("views.open").get(index).param("view"));
  }

  /** The element types of a modal's inputs. */
  static List<String> elementTypes(JsonNode modal) {
    List<String> types = new java.util.ArrayList<>();
    for (JsonNode block : modal.path("blocks")) {
      if (block.path("type").asString().equals("input")) {
        types.add(block.path("element").path("type").asString());
      }
    }
    return types;
  }

  /**
   * Lives until the first check-in opens, four school weeks after the start (Monday 9 February,
   * 10:00), and returns the direct message each partner got at that moment.
   */
  Map<String, FakeSlack.Call> checkInOpens() {
    live(local("2026-02-09T09:00"));
    slack().clear();
    live(local("2026-02-09T10:00"));
    return dmsSaying("");
  }

  @Test
  void aCheckInCardIsUpdatedInPlaceAsItIsAnsweredAndLosesItsButtonsWhenTheRoundCloses() {
    // Everyone gave news on 27 January, so that the check-in comes alone, as its card.
    live(local("2026-01-27T11:00"));
    for (String partner : List.of(ANNA, BERT, CARL)) {
      FakeSlack.Call nudge =
          slack().posts(c -> c.param("channel").equals(FakeSlack.im(partner))).get(0);
      press(partner, nudge, button(nudge, "update.nothing-new", CODE.value()));
      slack()
          .await(
              "chat.postEphemeral",
              c -> c.param("user").equals(partner) && c.words().contains("nothing new"),
              SOON);
    }
    live(local("2026-02-09T10:00"));
    for (String partner : List.of(ANNA, BERT, CARL)) {
      assertThat(card(partner).words()).contains("Check-in 1");
      assertThat(card(partner).buttons("check-in.pick")).hasSize(9);
      assertThat(card(partner).buttons("check-in.skip")).hasSize(1);
    }

    pick(ANNA, "goal-on-track", "yes");
    pick(ANNA, "got-what-needed", "partly");
    pick(ANNA, "clear-who-does-what", "yes");

    // One post, updated three times in place.
    String annas = cardOf(ANNA);
    assertThat(cardsPostedTo(ANNA)).hasSize(1);
    assertThat(slack().calls("chat.update"))
        .filteredOn(u -> u.param("channel").equals(FakeSlack.im(ANNA)))
        .hasSize(3)
        .allSatisfy(
            u -> assertThat(FakeSlack.message(u.param("channel"), u.param("ts"))).isEqualTo(annas));
    // Her answers can still change; skipping no longer applies, nor does a reminder.
    assertThat(card(ANNA).buttons("check-in.pick")).hasSize(9);
    assertThat(card(ANNA).buttons("check-in.skip")).isEmpty();
    assertThat(card(ANNA).buttons("prompt.later")).isEmpty();

    pick(BERT, "goal-on-track", "no");
    pick(BERT, "got-what-needed", "yes");
    pick(BERT, "clear-who-does-what", "partly");
    press(CARL, card(CARL), button(card(CARL), "check-in.skip", CODE.value() + ":1"));
    slack()
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals(CHANNEL) && c.words().contains("2 of 3 partners"),
            SOON);

    Eventually.eventually(
        SOON,
        () -> {
          for (String partner : List.of(ANNA, BERT, CARL)) {
            assertThat(card(partner).words()).as(partner).contains("Check-in 1 is closed");
            assertThat(ShownButtons.of(card(partner))).as(partner).isEmpty();
          }
        });
    for (String partner : List.of(ANNA, BERT, CARL)) {
      assertThat(cardsPostedTo(partner)).as("posted once for " + partner).hasSize(1);
    }
    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isFalse();
    ShownButtons.assertEachAccepted(
        kring(), List.of(ANNA, BERT, CARL), SlackScheduledPromptsTest::press);
  }

  /** Picks one answer on the partner's check-in card, and waits for the card to show it. */
  static void pick(String user, String question, String answer) {
    FakeSlack.Call card = card(user);
    int updates = slack().calls("chat.update").size();
    press(
        user, card, button(card, "check-in.pick", CODE.value() + ":1:" + question + ":" + answer));
    Eventually.eventually(
        SOON,
        () ->
            assertThat(slack().calls("chat.update"))
                .as("after the press: %s", FakeSlack.methods(slack().calls()))
                .hasSizeGreaterThan(updates));
  }

  static JsonNode button(FakeSlack.Call message, String action, String value) {
    return message.buttons(action).stream()
        .filter(b -> b.path("value").asString("").equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No button " + value + " in " + message.words()));
  }

  /**
   * Presses a button as Slack sends the press, signed; Kring acknowledges it. Past Slack's pace of
   * one post a second in a conversation, so that what the press changes goes out at once.
   */
  static void press(String user, FakeSlack.Call message, JsonNode button) {
    clock.advance(Duration.ofSeconds(2));
    ShownButtons.press(kring(), user, message, button);
  }

  /** The one message Slack holds in a partner's direct message for the check-in: its card. */
  static String cardOf(String user) {
    List<String> held =
        slack().showing().entrySet().stream()
            .filter(m -> m.getKey().startsWith(FakeSlack.im(user) + "/"))
            .filter(m -> m.getValue().words().contains("Check-in 1"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(held).as("check-in cards in the direct message of " + user).hasSize(1);
    return held.get(0);
  }

  /** What the partner's check-in card shows now. */
  static FakeSlack.Call card(String user) {
    return slack().showing().get(cardOf(user));
  }

  /** The check-in cards posted in a partner's direct message. */
  static List<FakeSlack.Call> cardsPostedTo(String user) {
    return slack().calls("chat.postMessage").stream()
        .filter(c -> c.param("channel").equals(FakeSlack.im(user)))
        .filter(c -> c.words().contains("Check-in 1"))
        .toList();
  }

  /** The first direct message to each partner that says {@code words}, once it arrived. */
  static Map<String, FakeSlack.Call> dmsSaying(String words) {
    Map<String, FakeSlack.Call> dms = new LinkedHashMap<>();
    for (String partner : List.of(ANNA, BERT, CARL)) {
      dms.put(
          partner,
          slack()
              .await(
                  "chat.postMessage",
                  c ->
                      c.param("channel").equals(FakeSlack.im(partner)) && c.words().contains(words),
                  SOON));
    }
    return dms;
  }

  /**
   * Moves time in half hours until {@code until}, running the prompt sender as every node's poller
   * would, and waits until the relay delivered what it wrote.
   */
  static void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      kring().prompts.runDue();
    }
    Eventually.eventually(SOON, () -> assertThat(kring().outbox.pending()).isZero());
  }

  /** A partner answers the check-in from their direct message: one click per question. */
  static void answer(String user, FakeSlack.Call dm, String goal, String needed, String roles) {
    String round = CODE.value() + ":1:";
    press(user, dm, "check-in.pick", round + "goal-on-track:" + goal);
    press(user, dm, "check-in.pick", round + "got-what-needed:" + needed);
    press(user, dm, "check-in.pick", round + "clear-who-does-what:" + roles);
    // The card thanks them; the last to answer sees it closed at once.
    shows(user, "your answers are in", "Check-in 1 is closed");
  }

  /** Waits until a message in the partner's direct message shows one of these sentences. */
  static void shows(String user, String... sentences) {
    Eventually.eventually(
        SOON,
        () ->
            assertThat(slack().showing().entrySet())
                .filteredOn(m -> m.getKey().startsWith(FakeSlack.im(user) + "/"))
                .anySatisfy(m -> assertThat(m.getValue().words()).containsAnyOf(sentences)));
  }

  static JsonNode pressAndOpen(String user, FakeSlack.Call dm, String action, String valueStart) {
    int before = slack().calls("views.open").size();
    press(user, dm, action, valueStart);
    Eventually.eventually(
        SOON, () -> assertThat(slack().calls("views.open")).hasSizeGreaterThan(before));
    FakeSlack.Call opened = slack().calls("views.open").get(before);
    assertThat(opened.param("trigger_id")).isNotBlank();
    return SlackPayloads.JSON.readTree(opened.param("view"));
  }

  /** Presses the first button of the message with this action whose value starts so. */
  static void press(String user, FakeSlack.Call dm, String action, String valueStart) {
    JsonNode button =
        dm.buttons(action).stream()
            .filter(b -> b.path("value").asString("").startsWith(valueStart))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No button " + action + " in " + dm.words()));
    signed(SlackPayloads.blockActionInDm(TEAM, user, name(user), dm, button));
  }

  static HttpResponse<String> submit(String user, JsonNode modal, Map<String, String> answers) {
    return signed(SlackPayloads.viewSubmission(TEAM, user, name(user), modal, answers));
  }

  /** Sends an interaction payload signed as Slack signs it; Kring acknowledges it. */
  static HttpResponse<String> signed(String form) {
    HttpResponse<String> response = kring().send(form, SlackPayloads.FORM);
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  /** What Kring posted to a person's direct message, oldest first. */
  static List<FakeSlack.Call> dmsTo(String user) {
    return slack().posts(c -> c.param("channel").equals(FakeSlack.im(user)));
  }

  /** The answer to a person's own action: ephemeral, for them alone. */
  static FakeSlack.Call answerTo(String user, String words) {
    return slack()
        .await(
            "chat.postEphemeral",
            c -> c.param("user").equals(user) && c.words().contains(words),
            SOON);
  }

  static FakeSlack.Call channelPost(String words) {
    return slack()
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals(CHANNEL) && c.words().contains(words),
            SOON);
  }

  /** The same message as it would stand in another conversation. */
  static FakeSlack.Call withChannel(FakeSlack.Call message, String channel) {
    Map<String, String> params = new LinkedHashMap<>(message.params());
    params.put("channel", channel);
    return new FakeSlack.Call(message.method(), params, message.authorization(), message.at());
  }

  /** The names of a modal's inputs, in their order. */
  static List<String> inputs(JsonNode modal) {
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode block : modal.path("blocks")) {
      if (block.path("type").asString().equals("input")) {
        names.add(block.path("block_id").asString());
      }
    }
    return names;
  }

  static String name(String user) {
    return user.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  static Case theCase() {
    return kring().cases.find(CODE).orElseThrow();
  }

  static SlackHarness kring() {
    return running.get();
  }

  static FakeSlack slack() {
    return kring().slack;
  }

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }
}
