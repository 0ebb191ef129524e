package kring.core.conversation.reflection;

import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.inChannel;
import static kring.core.conversation.KringConversationTest.onlyTo;
import static kring.core.conversation.KringConversationTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.Cases;
import kring.core.conversation.Actions;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.ScheduledPrompts;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Place;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Improvement;
import kring.core.reflection.Question;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.scheduler.planning.Planner;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.InMemoryPeople;
import kring.testing.InMemoryPromptBudget;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reflection round through the conversation, as people on any platform drive it. */
public class ReflectionConversationTest {

  public static final CaseCode CODE = new CaseCode("K-7F3Q");
  public static final ChannelRef ROOM = Samples.slackChannel("C1");
  public static final Speaker P1 = new Speaker(Samples.partnerUser(1), "Partner 1");
  public static final Speaker P2 = new Speaker(Samples.partnerUser(2), "Partner 2");
  public static final Speaker P3 = new Speaker(Samples.partnerUser(3), "Partner 3");
  public static final Speaker P4 = new Speaker(Samples.partnerUser(4), "Partner 4");
  public static final Speaker STRANGER = new Speaker(Samples.slackUser("U999"), "Someone");

  Cases cases;
  RecordingOutbox outbox;
  MovableClock clock;
  KringConversation kring;
  InMemoryDuePrompts due;
  ScheduledPrompts prompts;

  Cases newCases() {
    return new InMemoryCases();
  }

  /** The same stored cases as a Kring that just started again would read them. */
  Cases restarted(Cases before) {
    return before;
  }

  @BeforeEach
  void setUp() {
    cases = newCases();
    outbox = new RecordingOutbox();
    clock = new MovableClock(Samples.T0, ZoneId.of("Europe/Brussels"));
    due = new InMemoryDuePrompts();
    kring = kring(cases);
    cases.create(Samples.caseAwaitingConfirmations(CODE, ROOM, 4));
  }

  KringConversation kring(Cases on) {
    return kring(on, Anonymity.DEFAULT);
  }

  /** Kring on these cases, with the installation's anonymity threshold. */
  KringConversation kring(Cases on, Anonymity anonymity) {
    InMemoryPeople people = new InMemoryPeople();
    prompts =
        new ScheduledPrompts(
            on,
            people,
            due,
            outbox,
            new Planner(clock.getZone(), anonymity),
            new InMemoryPromptBudget(),
            clock,
            () -> {});
    return new KringConversation(
        on, people, outbox, new CaseCodes(new SplittableRandom(7)), clock, () -> {}, prompts);
  }

  /** Moves time in half hours until {@code until}, running the poller as every node would. */
  List<OutboundMessage> live(Instant until) {
    List<OutboundMessage> all = new ArrayList<>();
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      prompts.runDue();
      all.addAll(sent());
    }
    return all;
  }

  public static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(ZoneId.of("Europe/Brussels")).toInstant();
  }

  @Test
  void partnersWhoHaveNotAnsweredGetOnePrivateReminderTheSchoolDayBeforeTheDeadline() {
    startRound();
    answer(P1, Map.of("q.info-in-time", "4"));
    answer(P2, Map.of());
    sent();

    List<OutboundMessage> reminders =
        live(local("2026-03-09T09:00")).stream()
            .filter(m -> words(m).contains("Reflection round"))
            .toList();

    assertThat(reminders).hasSize(2);
    assertThat(reminders).allMatch(m -> m.kind() == MessageKind.REMINDER && m.to().isPrivate());
    assertThat(reminders)
        .extracting(m -> m.to().person())
        .containsExactlyInAnyOrder(P3.user(), P4.user());
    assertThat(reminders.get(0).createdAt())
        .isBetween(local("2026-03-06T10:00"), local("2026-03-06T10:30"));
    assertThat(words(reminders.get(0))).contains("Reflection round 1 closes soon");
    assertThat(button(reminders.get(0), Actions.ROUND_ANSWER).value()).isEqualTo("K-7F3Q:1");
  }

  @Test
  void theRoundClosesAtItsDeadlineAndLaterAnswersAreRefused() {
    startRound();
    answer(P1, Map.of("q.info-in-time", "4", "q.goal-achievable", "no"));
    answer(P2, Map.of("q.info-in-time", "2", "q.goal-achievable", "no"));
    answer(P3, Map.of("q.info-in-time", "4", "q.goal-achievable", "yes"));
    sent();

    List<OutboundMessage> messages =
        live(local("2026-03-09T16:30")).stream()
            .filter(m -> !words(m).contains("A gentle reminder"))
            .toList();

    assertThat(theCase().openReflection()).isEmpty();
    OutboundMessage summary = inChannel(messages);
    assertThat(summary.createdAt()).isBetween(local("2026-03-09T16:00"), local("2026-03-09T16:30"));
    assertThat(words(summary)).contains("3 of 4 partners took part.");
    assertThat(words(summary)).contains("yes: 1 · partly: 0 · no: 2");
    assertThat(words(onlyTo(messages, P1)))
        .contains("The shared goal of case K-7F3Q")
        .contains("may need another look");
    assertThat(messages)
        .as("P2 answered: only their invitation loses its button")
        .filteredOn(m -> P2.user().equals(m.to().person()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.place())
                  .isEqualTo(new Place("reflection:1", m.place().version(), Place.Mode.RETIRE));
              assertThat(words(m)).contains("Reflection round 1 is closed");
              assertThat(m.reply().blocks()).noneMatch(Buttons.class::isInstance);
            });
    assertThat(messages)
        .as("the channel's post of the round loses its button too")
        .filteredOn(m -> !m.to().isPrivate() && m.place() != null)
        .extracting(m -> m.place().name() + " " + m.place().mode())
        .containsExactly("reflection:1 RETIRE");

    kring.press(P4, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1");
    assertThat(words(onlyTo(sent(), P4))).contains("has closed");
    assertThat(live(local("2026-03-20T17:00")))
        .noneMatch(m -> words(m).contains("Reflection round"));
  }

  Case theCase() {
    return cases.find(CODE).orElseThrow();
  }

  List<OutboundMessage> sent() {
    List<OutboundMessage> all = outbox.messages();
    outbox.clear();
    return all;
  }

  public static Map<String, String> filled(Form form, Map<String, String> answers) {
    Map<String, String> values = new HashMap<>(form.hidden());
    for (Form.Input input : form.inputs()) {
      values.put(input.name(), input.value());
    }
    values.putAll(answers);
    return values;
  }

  /**
   * The coordinator starts a round with the form's defaults; the poller's next run, a minute later,
   * sends the other partners' invitations.
   */
  void startRound() {
    submitRoundStart();
    clock.advance(Duration.ofMinutes(1));
    prompts.runDue();
  }

  void submitRoundStart() {
    Outcome opened = kring.say(P1, ROOM, "reflect");
    Form form = opened.formToShow().orElseThrow();
    assertThat(form.id()).isEqualTo(Forms.ROUND_START);
    kring.submit(P1, ROOM, form.id(), filled(form, Map.of()));
  }

  Outcome answer(Speaker who, Map<String, String> answers) {
    int number = theCase().openReflection().map(ReflectionRound::number).orElse(1);
    Form form =
        kring
            .press(who, ROOM, Actions.ROUND_ANSWER, CODE.value() + ":" + number)
            .formToShow()
            .orElseThrow(() -> new AssertionError("no form: " + words(onlyTo(sent(), who))));
    assertThat(form.id()).isEqualTo(Forms.ROUND_ANSWERS);
    return kring.submit(who, ROOM, form.id(), filled(form, answers));
  }

  @Test
  void theCoordinatorStartsARoundAndEveryPartnerIsAskedPrivatelyWithTheNextPrompts() {
    submitRoundStart();

    List<OutboundMessage> atOnce = sent();
    String post = words(inChannel(atOnce));
    assertThat(post)
        .contains("Reflection round 1")
        .contains("Partner 1 started a reflection round");
    assertThat(post).contains("9 Mar 2026 16:00").contains("at least 3 partners");
    // The coordinator who started it is asked in answer; the others with the poller's next run,
    // within their school days and hours and their share of messages.
    assertThat(atOnce.stream().filter(m -> m.to().isPrivate()))
        .extracting(m -> m.to().person())
        .containsExactly(P1.user());
    List<OutboundMessage> next = live(clock.instant().plus(Duration.ofMinutes(30)));
    for (Speaker partner : List.of(P1, P2, P3, P4)) {
      OutboundMessage invite = onlyTo(partner == P1 ? atOnce : next, partner);
      assertThat(button(invite, Actions.ROUND_ANSWER).value()).isEqualTo("K-7F3Q:1");
    }
    assertThat(next).allMatch(m -> m.kind() == MessageKind.REMINDER);
    assertThat(theCase().openReflection()).isPresent();
  }

  @Test
  void theRoundClosesWhenEveryoneAnsweredAndTheSummaryNamesNobody() {
    startRound();
    sent();

    answer(P1, Map.of("q.info-in-time", "4", "q.change", "meet every month"));
    answer(P2, Map.of("q.info-in-time", "1", "q.change", "shorter notes"));
    answer(P2, Map.of("q.info-in-time", "5", "q.change", "shorter notes"));
    answer(P3, Map.of("q.info-in-time", "4", "q.change", "answer faster"));
    assertThat(theCase().openReflection()).isPresent();
    assertThat(onlyTo(sent(), P3).reply().summary()).contains("your answers are saved");

    answer(P4, Map.of());

    List<OutboundMessage> messages = sent();
    // Handed out in the order written: "everyone answered" comes before the summary.
    assertThat(messages).extracting(OutboundMessage::id).isSorted();
    Case after = theCase();
    assertThat(after.openReflection()).isEmpty();
    assertThat(after.reflections().round(1).orElseThrow().answers()).isEmpty();
    String summary = words(inChannel(messages));
    assertThat(summary).contains("3 of 4 partners took part.");
    assertThat(summary).contains("1: 0 · 2: 0 · 3: 0 · 4: 2 · 5: 1 (average 4.3)");
    assertThat(summary)
        .contains("“meet every month”")
        .contains("“shorter notes”")
        .contains("“answer faster”");
    assertThat(summary).doesNotContain("Partner 1").doesNotContain("Partner 2");
    assertThat(summary).contains("Trend over 1 round").contains("Communication: ▇  4.3");
  }

  @Test
  void theCoordinatorTurnsTheChangeAnswersIntoAgreedChangesThatTheNextRoundAsksAbout() {
    startRound();
    answer(P1, Map.of("q.change", "meet every month"));
    answer(P2, Map.of("q.change", "shorter notes"));
    answer(P3, Map.of("q.change", "answer faster"));
    answer(P4, Map.of());
    OutboundMessage summary = inChannel(sent());
    Buttons.Button improve = button(summary, Actions.ROUND_IMPROVE);
    assertThat(improve.value()).isEqualTo("K-7F3Q:1");

    kring.press(P2, ROOM, improve.action(), improve.value());
    assertThat(words(onlyTo(sent(), P2))).contains("Only the coordinator or the backup records");
    Form form = kring.press(P1, ROOM, improve.action(), improve.value()).formToShow().orElseThrow();
    assertThat(form.id()).isEqualTo(Forms.ROUND_IMPROVEMENTS);
    assertThat(form.inputs()).hasSize(ReflectionRound.IMPROVEMENTS_MAX);
    assertThat(form.inputs().stream().map(Form.Input::value).filter(v -> !v.isEmpty()))
        .containsExactlyInAnyOrder("meet every month", "shorter notes", "answer faster");

    Map<String, String> agreed = new HashMap<>(form.hidden());
    agreed.put("change.1", "  a fixed meeting day   every month ");
    agreed.put("change.2", "shorter notes");
    kring.submit(P1, ROOM, form.id(), agreed);

    assertThat(theCase().reflections().round(1).orElseThrow().improvements())
        .extracting(Improvement::text)
        .containsExactly("a fixed meeting day every month", "shorter notes");
    String announced = words(inChannel(sent()));
    assertThat(announced)
        .contains("What we change after reflection round 1")
        .contains("• a fixed meeting day every month")
        .contains("whether these changes happened");
    kring.submit(P1, ROOM, form.id(), agreed);
    assertThat(words(onlyTo(sent(), P1))).contains("already recorded");

    clock.advance(Duration.ofDays(7));
    startRound();
    assertThat(theCase().openReflection().orElseThrow().questions())
        .extracting(Question::id)
        .contains(QuestionBank.IMPROVEMENTS_DONE);
  }

  @Test
  void theInstallationsAnonymityThresholdDecidesWhetherACaseHoldsARound() {
    KringConversation fivePlease = kring(cases, new Anonymity(5));

    assertThat(fivePlease.say(P1, ROOM, "reflect").formToShow()).isEmpty();

    assertThat(words(onlyTo(sent(), P1)))
        .contains("This case has 4 partners who can answer")
        .contains("fewer than 5 answers");
    assertThat(kring.say(P1, ROOM, "reflect").formToShow()).isPresent();
  }

  @Test
  void changesWaitUntilTheRoundHasClosed() {
    startRound();
    sent();

    kring.press(P1, ROOM, Actions.ROUND_IMPROVE, "K-7F3Q:1");

    assertThat(words(onlyTo(sent(), P1))).contains("still open");
    assertThat(theCase().reflections().round(1).orElseThrow().improvements()).isEmpty();
  }

  @Test
  void aPartnerProposesAndTheCoordinatorStartsWithOneClick() {
    kring.say(P2, ROOM, "reflectie");

    List<OutboundMessage> messages = sent();
    OutboundMessage proposal = inChannel(messages);
    assertThat(words(proposal)).contains("Partner 2 proposes a reflection round");
    assertThat(theCase().openReflection()).isEmpty();

    kring.press(P3, ROOM, Actions.ROUND_START, CODE.value());
    assertThat(theCase().openReflection()).isEmpty();
    assertThat(onlyTo(sent(), P3).reply().summary()).contains("Only the coordinator or the backup");

    kring.press(P1, ROOM, Actions.ROUND_START, button(proposal, Actions.ROUND_START).value());
    assertThat(theCase().openReflection()).isPresent();
  }

  @Test
  void lateAnswersAreRefusedPolitelyAndChangeNothing() {
    startRound();
    answer(P1, Map.of("q.info-in-time", "4"));
    Form form = kring.press(P2, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").formToShow().orElseThrow();
    sent();
    Case before = theCase();

    clock.advance(Duration.ofDays(8));
    kring.submit(P2, ROOM, form.id(), filled(form, Map.of("q.info-in-time", "2")));

    assertThat(onlyTo(sent(), P2).reply().summary())
        .contains("Reflection round 1 has closed")
        .contains("Thank you all the same");
    assertThat(theCase()).isEqualTo(before);
  }

  @Test
  void anOpenAnswerOfTenThousandCharactersComesBackWithAFriendlyLimit() {
    startRound();
    sent();

    Outcome outcome = answer(P2, Map.of("q.change", "x".repeat(10_000)));

    Form again = outcome.formToShow().orElseThrow();
    assertThat(again.inputs())
        .filteredOn(i -> i.name().equals("q.change"))
        .singleElement()
        .satisfies(i -> assertThat(i.error()).contains("500").contains("10,000"));
    assertThat(theCase().openReflection().orElseThrow().answers()).isEmpty();
  }

  @Test
  void someoneWhoIsNotAPartnerCannotAnswerOrStart() {
    startRound();
    Form form = kring.press(P2, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").formToShow().orElseThrow();
    sent();
    Case before = theCase();

    kring.submit(STRANGER, ROOM, form.id(), filled(form, Map.of("q.info-in-time", "1")));
    kring.say(STRANGER, ROOM, "reflect");

    List<OutboundMessage> messages = sent();
    assertThat(messages).allMatch(m -> STRANGER.user().equals(m.to().person()));
    assertThat(messages).hasSize(2);
    assertThat(messages).allMatch(m -> words(m).contains("Only partners of this case"));
    assertThat(theCase()).isEqualTo(before);
  }

  @Test
  void answersForARoundOfAnotherCaseAreRefused() {
    startRound();
    Form form = kring.press(P2, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").formToShow().orElseThrow();
    sent();
    Map<String, String> values = filled(form, Map.of("q.info-in-time", "3"));
    values.put(Forms.CASE, "K-2222");

    kring.submit(P2, ROOM, form.id(), values);

    assertThat(words(onlyTo(sent(), P2))).contains("belongs to another case");
    assertThat(theCase().openReflection().orElseThrow().answers()).isEmpty();
  }

  @Test
  void aTeamTooSmallForAnonymityIsOfferedANamedDiscussionInstead() {
    ChannelRef small = Samples.slackChannel("C2");
    CaseCode code = new CaseCode("K-2222");
    cases.create(Samples.caseAwaitingConfirmations(code, small, 2));

    Outcome outcome = kring.say(P1, small, "reflect");

    assertThat(outcome.formToShow()).isEmpty();
    OutboundMessage offer = onlyTo(sent(), P1);
    assertThat(words(offer)).contains("2 partners who can answer").contains("by name");

    kring.press(P1, small, Actions.ROUND_DISCUSS, button(offer, Actions.ROUND_DISCUSS).value());

    assertThat(words(inChannel(sent())))
        .contains("Let’s look at how we work together")
        .contains("Is our shared goal still achievable?");
    assertThat(cases.find(code).orElseThrow().reflections().rounds()).isEmpty();
  }

  @Test
  void aRestartInTheMiddleOfARoundLosesNoAnswer() {
    startRound();
    answer(P1, Map.of("q.info-in-time", "4", "q.keep", "the weekly call"));
    answer(P2, Map.of("q.info-in-time", "5"));
    sent();

    cases = restarted(cases);
    kring = kring(cases);
    answer(P3, Map.of("q.info-in-time", "4", "q.keep", "clear notes"));
    answer(P4, Map.of("q.info-in-time", "3", "q.keep", "quick answers"));

    String summary = words(inChannel(sent()));
    assertThat(summary).contains("4 of 4 partners took part.");
    assertThat(summary).contains("3: 1 · 4: 2 · 5: 1 (average 4.0)");
    assertThat(summary).contains("“the weekly call”").contains("“clear notes”");
  }
}
