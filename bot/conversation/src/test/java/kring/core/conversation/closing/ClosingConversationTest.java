package kring.core.conversation.closing;

import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.inChannel;
import static kring.core.conversation.KringConversationTest.onlyTo;
import static kring.core.conversation.KringConversationTest.words;
import static kring.core.conversation.reflection.ReflectionConversationTest.CODE;
import static kring.core.conversation.reflection.ReflectionConversationTest.P1;
import static kring.core.conversation.reflection.ReflectionConversationTest.P2;
import static kring.core.conversation.reflection.ReflectionConversationTest.P3;
import static kring.core.conversation.reflection.ReflectionConversationTest.P4;
import static kring.core.conversation.reflection.ReflectionConversationTest.ROOM;
import static kring.core.conversation.reflection.ReflectionConversationTest.STRANGER;
import static kring.core.conversation.reflection.ReflectionConversationTest.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.conversation.Actions;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.ScheduledPrompts;
import kring.core.conversation.Speaker;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.InMemoryPeople;
import kring.testing.InMemoryPromptBudget;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a case through the conversation and the prompt sender: the choice, the final evaluation,
 * its summary, the case closing by itself, and the export for the coordinator's own file.
 */
class ClosingConversationTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  Cases cases;
  RecordingOutbox outbox;
  MovableClock clock;
  InMemoryDuePrompts due;
  ScheduledPrompts prompts;
  KringConversation kring;
  final Map<CaseCode, Instant> retentionClosed = new HashMap<>();

  @BeforeEach
  void setUp() {
    cases = newCases();
    outbox = new RecordingOutbox();
    clock = new MovableClock(Samples.T0, BRUSSELS);
    due = new InMemoryDuePrompts();
    InMemoryPeople people = new InMemoryPeople();
    RetentionIndex retention = recordingRetention();
    prompts =
        new ScheduledPrompts(
            cases,
            people,
            due,
            outbox,
            new Planner(BRUSSELS),
            new InMemoryPromptBudget(),
            clock,
            () -> {},
            retention);
    kring =
        new KringConversation(
            cases,
            people,
            outbox,
            new CaseCodes(new SplittableRandom(7)),
            clock,
            () -> {},
            prompts,
            Erasure.NONE,
            retention);
  }

  Cases newCases() {
    return new InMemoryCases();
  }

  /** An active case of {@code count} partners; P1 coordinates. */
  void activeCase(int count) {
    List<UserRef> people = IntStream.rangeClosed(1, count).mapToObj(Samples::partnerUser).toList();
    cases.create(
        Samples.activeCase(CODE, ROOM, people, CollaborationLevel.COLLABORATION, Samples.T0));
    prompts.replan(theCase());
  }

  // ---- the whole close

  @Test
  void closeOffersTheCoordinatorAFinalEvaluationFirstOrClosingNowAndChangesNothingYet() {
    activeCase(4);

    kring.say(P1, ROOM, "close");

    List<OutboundMessage> messages = sent();
    assertThat(messages).allMatch(m -> m.to().isPrivate());
    OutboundMessage offer = onlyTo(messages, P1);
    assertThat(words(offer))
        .contains("Closing case K-7F3Q")
        .contains("4 questions")
        .contains("5 school days")
        .contains("Or close now");
    assertThat(button(offer, Actions.CLOSE_FINAL).value()).isEqualTo(CODE.value());
    assertThat(button(offer, Actions.CLOSE_NOW).value()).isEqualTo(CODE.value());
    assertThat(theCase().status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(theCase().openReflection()).isEmpty();
  }

  @Test
  void theFinalEvaluationRunsToItsDeadlineThenKringPostsItsSummaryClosesTheCaseAndExportsIt() {
    activeCase(4);
    kring.say(P1, ROOM, "close");
    OutboundMessage offer = onlyTo(sent(), P1);

    kring.press(P1, ROOM, Actions.CLOSE_FINAL, button(offer, Actions.CLOSE_FINAL).value());
    // The other partners' invitations go out with the poller's next run.
    clock.advance(Duration.ofMinutes(1));
    prompts.runDue();

    List<OutboundMessage> started = sent();
    assertThat(words(inChannel(started)))
        .contains("Final evaluation (round 1)")
        .contains("Partner 1 is closing the case")
        .contains("4 questions")
        .contains("9 Mar 2026 16:00");
    for (Speaker partner : List.of(P1, P2, P3, P4)) {
      OutboundMessage invite = onlyTo(started, partner);
      assertThat(words(invite)).contains("Final evaluation — case K-7F3Q");
      assertThat(button(invite, Actions.ROUND_ANSWER).value()).isEqualTo("K-7F3Q:1");
    }
    ReflectionRound round = theCase().openReflection().orElseThrow();
    assertThat(round.kind()).isEqualTo(RoundKind.FINAL);
    assertThat(round.questions()).isEqualTo(QuestionBank.FINAL);
    assertThat(theCase().closing()).isTrue();
    // Its form is titled as what the channel calls it, not as a numbered reflection round.
    Form answers =
        kring.press(P2, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").formToShow().orElseThrow();
    assertThat(answers.title()).isEqualTo("Final evaluation");
    sent();

    // While it runs the case is closing: the card says so, nothing new starts.
    kring.say(P2, ROOM, "card");
    assertThat(words(onlyTo(sent(), P2)))
        .contains("Closing: final evaluation until 9 Mar 2026 16:00");
    kring.say(P1, ROOM, "reflect");
    assertThat(words(onlyTo(sent(), P1))).contains("The case is closing");
    kring.say(P2, ROOM, "reflectie");
    List<OutboundMessage> proposed = sent();
    assertThat(words(onlyTo(proposed, P2))).contains("The case is closing");
    assertThat(proposed).allMatch(m -> m.to().isPrivate());
    assertThat(due.planned(CODE))
        .extracting(DuePrompt::kind)
        .doesNotContain(
            PromptKind.CHECK_IN_OPEN,
            PromptKind.UPDATE_DUE,
            PromptKind.REFLECTION_OPEN,
            PromptKind.TEAM_CHECK)
        .contains(PromptKind.REFLECTION_CLOSE, PromptKind.REFLECTION_REMINDER);

    answer(P1, Map.of("q.final-goal", "yes", "q.final-together", "4", "q.keep", "weekly call"));
    answer(P2, Map.of("q.final-goal", "partly", "q.final-together", "5", "q.keep", "short notes"));
    answer(P3, Map.of("q.final-goal", "yes", "q.final-together", "4", "q.keep", "the card"));
    answer(P3, Map.of("q.final-goal", "yes", "q.final-together", "3", "q.keep", "the card"));
    sent();

    List<OutboundMessage> lived = live(local("2026-03-09T16:30"));

    List<OutboundMessage> reminders =
        lived.stream()
            .filter(m -> m.to().isPrivate())
            .filter(KringConversationTest::newPost)
            .toList();
    assertThat(reminders).extracting(m -> m.to().person()).containsExactly(P4.user());
    assertThat(words(reminders.get(0))).contains("The final evaluation closes soon");
    List<OutboundMessage> posts =
        lived.stream()
            .filter(m -> !m.to().isPrivate())
            .filter(KringConversationTest::newPost)
            .toList();
    assertThat(posts).hasSize(2);
    String summary = words(posts.get(0));
    assertThat(summary)
        .contains("Final evaluation — case K-7F3Q")
        .contains("3 of 4 partners took part.")
        .contains("yes: 2 · partly: 1 · no: 0")
        .contains("“weekly call”")
        .contains("“the card”")
        .contains("“short notes”")
        .doesNotContain("Partner 1")
        .doesNotContain("Partner 3")
        .doesNotContain("A point for your next meeting");
    assertThat(button(posts.get(0), Actions.CLOSE_EXPORT).value()).isEqualTo(CODE.value());
    assertThat(words(posts.get(1))).contains("case K-7F3Q is now closed").contains("log export");

    Case closed = theCase();
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.reflections().round(1).orElseThrow().answers()).isEmpty();
    AuditEntry last = closed.audit().get(closed.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.CASE_CLOSED_FINAL);
    assertThat(last.actorSeq()).isZero();
    assertThat(retentionClosed).containsKey(CODE);
    assertThat(retentionClosed.get(CODE)).isAfterOrEqualTo(local("2026-03-09T16:00"));
    assertThat(due.planned(CODE)).isEmpty();

    // Too late now, and closing again changes nothing.
    kring.press(P4, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1");
    assertThat(words(onlyTo(sent(), P4))).contains("The final evaluation has closed");
    kring.say(P1, ROOM, "close");
    assertThat(words(onlyTo(sent(), P1))).contains("already closed");
    assertThat(theCase()).isEqualTo(closed);

    // The export: privately to the coordinator only, the final results and nobody's answers.
    kring.press(P2, ROOM, Actions.CLOSE_EXPORT, CODE.value());
    assertThat(words(onlyTo(sent(), P2))).contains("for the coordinator or the backup");
    kring.press(P1, ROOM, Actions.CLOSE_EXPORT, CODE.value());
    List<OutboundMessage> export = sent();
    assertThat(export).isNotEmpty().allMatch(m -> P1.user().equals(m.to().person()));
    String markdown = export.stream().map(KringConversationTest::words).reduce("", String::concat);
    assertThat(markdown)
        .contains("# Case K-7F3Q")
        .contains("**Closed**: 9 Mar 2026")
        .contains("## Reflection rounds")
        .contains("### Final evaluation — case K-7F3Q")
        .contains("3 of 4 partners took part.")
        .contains("yes: 2 · partly: 1 · no: 0")
        .contains("“weekly call”")
        .contains("closed the case after its final evaluation");
    assertThat(
            markdown
                .lines()
                .filter(
                    l -> Stream.of("weekly call", "the card", "short notes").anyMatch(l::contains)))
        .noneMatch(l -> l.contains("Partner"));
    kring.say(P1, ROOM, "log export");
    assertThat(sent().stream().map(KringConversationTest::words).reduce("", String::concat))
        .isEqualTo(markdown);
    assertThat(theCase()).isEqualTo(closed);
  }

  @Test
  void theCaseClosesAsSoonAsEveryoneAnsweredTheFinalEvaluation() {
    activeCase(3);
    kring.say(P1, ROOM, "close final 3");
    assertThat(theCase().openReflection().orElseThrow().closesAt())
        .isEqualTo(local("2026-03-05T16:00"));
    sent();

    answer(P1, Map.of("q.final-together", "5", "q.final-lesson", "ask the pupil"));
    answer(P2, Map.of("q.final-together", "4", "q.final-lesson", "fewer meetings"));
    assertThat(theCase().status()).isEqualTo(CaseStatus.ACTIVE);
    answer(P3, Map.of("q.final-together", "4", "q.final-lesson", "start sooner"));

    List<OutboundMessage> messages = sent();
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);
    List<String> posts =
        messages.stream()
            .filter(m -> !m.to().isPrivate())
            .map(KringConversationTest::words)
            .toList();
    assertThat(String.join("\n", posts))
        .contains("3 of 3 partners took part.")
        .contains("“start sooner”")
        .contains("is now closed");
    assertThat(retentionClosed).containsKey(CODE);
  }

  @Test
  void closingNowDuringTheFinalEvaluationClosesItWithTheAnswersGivenSoFar() {
    activeCase(4);
    kring.say(P1, ROOM, "afsluiten slotevaluatie");
    answer(P2, Map.of("q.final-goal", "no"));
    answer(P3, Map.of("q.final-goal", "no"));
    answer(P4, Map.of("q.final-goal", "partly"));
    sent();

    kring.say(P1, ROOM, "close");
    OutboundMessage choice = onlyTo(sent(), P1);
    assertThat(words(choice)).contains("The case is closing").contains("9 Mar 2026 16:00");
    kring.press(P1, ROOM, Actions.CLOSE_NOW, button(choice, Actions.CLOSE_NOW).value());

    List<OutboundMessage> posts =
        sent().stream()
            .filter(m -> !m.to().isPrivate())
            .filter(KringConversationTest::newPost)
            .toList();
    assertThat(words(posts.get(0)))
        .contains("Final evaluation — case K-7F3Q")
        .contains("3 of 4 partners took part.")
        .contains("yes: 0 · partly: 1 · no: 2");
    assertThat(words(posts.get(posts.size() - 1))).contains("Case K-7F3Q is closed");
    Case closed = theCase();
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.reflections().round(1).orElseThrow().isOpen()).isFalse();
    assertThat(closed.reflections().round(1).orElseThrow().answers()).isEmpty();
    AuditEntry last = closed.audit().get(closed.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.CASE_CLOSED);
    assertThat(last.actorSeq()).isEqualTo(1);
    assertThat(live(local("2026-03-10T12:00"))).isEmpty();
  }

  // ---- too few partners for anonymous answers

  @Test
  void aTeamTooSmallForAnonymityIsOfferedANamedClosingDiscussionOrClosingNow() {
    activeCase(2);

    kring.say(P1, ROOM, "close");

    OutboundMessage offer = onlyTo(sent(), P1);
    assertThat(words(offer))
        .contains("This case has 2 partners who can answer")
        .contains("look back together, by name");
    assertThat(offer.reply().blocks().toString()).doesNotContain(Actions.CLOSE_FINAL);
    Case before = theCase();

    kring.press(P1, ROOM, Actions.CLOSE_FINAL, CODE.value());
    assertThat(words(onlyTo(sent(), P1))).contains("nobody’s answers could stay anonymous");
    assertThat(theCase()).isEqualTo(before);

    kring.press(P1, ROOM, Actions.CLOSE_DISCUSS, button(offer, Actions.CLOSE_DISCUSS).value());
    String discussion = words(inChannel(sent()));
    assertThat(discussion)
        .contains("Looking back before we close")
        .contains("Did we reach our shared goal")
        .contains("What would you do differently in a next case?");
    assertThat(theCase()).isEqualTo(before);

    kring.press(P1, ROOM, Actions.CLOSE_NOW, button(offer, Actions.CLOSE_NOW).value());
    assertThat(words(inChannel(sent()))).contains("Case K-7F3Q is closed");
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(retentionClosed).containsKey(CODE);
  }

  // ---- bad input

  @Test
  void onlyTheCoordinatorOrBackupClosesStartsTheFinalEvaluationOrExportsAndNothingChanges() {
    activeCase(4);
    Case before = theCase();

    kring.say(P2, ROOM, "close");
    assertThat(words(onlyTo(sent(), P2))).contains("Only the coordinator or the backup can close");
    kring.press(P2, ROOM, Actions.CLOSE_FINAL, CODE.value());
    assertThat(words(onlyTo(sent(), P2))).contains("Only the coordinator or the backup can close");
    kring.press(P3, ROOM, Actions.CLOSE_NOW, CODE.value());
    assertThat(words(onlyTo(sent(), P3))).contains("Only the coordinator or the backup can close");
    kring.say(P2, ROOM, "log export");
    assertThat(words(onlyTo(sent(), P2))).contains("for the coordinator or the backup");
    kring.say(STRANGER, ROOM, "close now");
    assertThat(words(onlyTo(sent(), STRANGER))).doesNotContain("is closed");
    kring.press(P1, ROOM, Actions.CLOSE_NOW, "K-ZZZZ");
    assertThat(words(onlyTo(sent(), P1))).doesNotContain("is closed");
    kring.say(P1, ROOM, "close tomorrow");
    assertThat(words(onlyTo(sent(), P1))).contains("“close now”");
    kring.say(P1, ROOM, "close final 0");
    assertThat(words(onlyTo(sent(), P1))).contains("“close now”");

    assertThat(theCase()).isEqualTo(before);
  }

  @Test
  void aFinalEvaluationRefusedForAnOpenRoundNamesItsEndAndOffersToCloseItFirst() {
    activeCase(4);
    kring.say(P1, ROOM, "reflect 5");
    answer(P2, Map.of("q.goal-achievable", "yes"));
    sent();
    Case before = theCase();

    kring.say(P1, ROOM, "afsluiten slotevaluatie 3");

    List<OutboundMessage> refused = sent();
    assertThat(refused).allMatch(m -> m.to().isPrivate());
    OutboundMessage answer = onlyTo(refused, P1);
    assertThat(words(answer))
        .contains("Reflection round 1 is open until 9 Mar 2026 16:00")
        .contains("close the round now");
    Buttons.Button closeRound = button(answer, Actions.ROUND_CLOSE);
    assertThat(closeRound.value()).isEqualTo("K-7F3Q:1:3");
    button(answer, Actions.CLOSE_NOW);
    assertThat(theCase()).isEqualTo(before);
    // Typed without a number, the same answer offers the default final evaluation afterwards.
    kring.say(P1, ROOM, "close");
    assertThat(button(onlyTo(sent(), P1), Actions.ROUND_CLOSE).value()).isEqualTo("K-7F3Q:1:5");

    // Only whoever may close a round early can press it: not a partner, not someone outside.
    kring.press(P2, ROOM, Actions.ROUND_CLOSE, closeRound.value());
    assertThat(words(onlyTo(sent(), P2)))
        .contains("Only the coordinator or the backup can close a reflection round early");
    kring.press(STRANGER, ROOM, Actions.ROUND_CLOSE, closeRound.value());
    assertThat(sent()).allMatch(m -> m.to().isPrivate());
    assertThat(theCase()).isEqualTo(before);

    kring.press(P1, ROOM, Actions.ROUND_CLOSE, closeRound.value());

    List<OutboundMessage> closing = sent();
    List<String> posts =
        closing.stream()
            .filter(m -> !m.to().isPrivate())
            .filter(KringConversationTest::newPost)
            .map(KringConversationTest::words)
            .toList();
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0)).contains("Partner 1 closed reflection round 1 before its deadline");
    assertThat(posts.get(1))
        .contains("Reflection round 1 — case K-7F3Q")
        .contains("1 of 4 partners took part.");
    ReflectionRound round = theCase().reflections().round(1).orElseThrow();
    assertThat(round.isOpen()).isFalse();
    assertThat(round.answers()).isEmpty();
    assertThat(theCase().closing()).isFalse();
    assertThat(due.planned(CODE)).noneMatch(p -> p.kind() == PromptKind.REFLECTION_CLOSE);
    OutboundMessage offer = onlyTo(closing, P1);
    assertThat(words(offer)).contains("Reflection round 1 is closed");
    Buttons.Button startFinal = button(offer, Actions.CLOSE_FINAL);
    assertThat(startFinal.value()).isEqualTo("K-7F3Q 3");

    // Pressed again, the round's button closes nothing twice and still offers the evaluation.
    Case closedRound = theCase();
    kring.press(P1, ROOM, Actions.ROUND_CLOSE, closeRound.value());
    List<OutboundMessage> again = sent();
    assertThat(again).allMatch(m -> m.to().isPrivate());
    button(onlyTo(again, P1), Actions.CLOSE_FINAL);
    assertThat(theCase()).isEqualTo(closedRound);

    kring.press(P1, ROOM, Actions.CLOSE_FINAL, startFinal.value());

    ReflectionRound last = theCase().openReflection().orElseThrow();
    assertThat(last.kind()).isEqualTo(RoundKind.FINAL);
    assertThat(last.closesAt()).isEqualTo(local("2026-03-05T16:00"));
    assertThat(theCase().closing()).isTrue();
    int rounds = theCase().reflections().rounds().size();
    sent();
    kring.say(P1, ROOM, "close final");
    assertThat(words(onlyTo(sent(), P1))).contains("The case is closing");
    assertThat(theCase().reflections().rounds()).hasSize(rounds);
  }

  // ---- pausing closes what closing would

  @Test
  void aPauseClosesAnOpenCheckInAndRoundWithTheirSummariesSoNoAnswersWaitThroughIt() {
    activeCase(4);
    // Two school weeks after the partners agreed, the first check-in opens.
    live(local("2026-03-16T10:30"));
    assertThat(theCase().activity().lastCheckIn().orElseThrow().open()).isTrue();
    Form checkIn = kring.press(P2, ROOM, Actions.OPEN_FORM, Forms.CHECK_IN).form();
    kring.submit(
        P2,
        ROOM,
        checkIn.id(),
        KringConversationTest.filled(checkIn, Map.of("goal-on-track", "yes")));
    kring.say(P1, ROOM, "reflect 5");
    answer(P3, Map.of("q.goal-achievable", "partly"));
    sent();

    kring.say(P1, ROOM, "pause");

    List<OutboundMessage> paused = sent();
    List<String> posts =
        paused.stream()
            .filter(m -> !m.to().isPrivate())
            .filter(KringConversationTest::newPost)
            .map(KringConversationTest::words)
            .toList();
    assertThat(posts).hasSize(4);
    assertThat(posts.get(0)).contains("Partner 1 paused this case");
    assertThat(posts.get(1)).contains("no answers are kept during the pause");
    assertThat(posts.get(2))
        .contains("Check-in 1 — case K-7F3Q")
        .contains("1 of 4 partners answered");
    assertThat(posts.get(3))
        .contains("Reflection round 1 — case K-7F3Q")
        .contains("1 of 4 partners took part.");
    Case c = theCase();
    assertThat(c.paused()).isTrue();
    assertThat(c.activity().lastCheckIn().orElseThrow().open()).isFalse();
    assertThat(c.activity().lastCheckIn().orElseThrow().answers()).isEmpty();
    assertThat(c.openReflection()).isEmpty();
    assertThat(c.reflections().round(1).orElseThrow().answers()).isEmpty();
    assertThat(due.planned(CODE)).isEmpty();

    // Nothing more comes of them while the case is paused.
    assertThat(live(local("2026-04-02T17:00"))).isEmpty();
    assertThat(theCase()).isEqualTo(c);
  }

  @Test
  void aClosingCaseIsNotPausedAndAPauseWithNothingOpenPostsNoSummary() {
    activeCase(4);
    kring.say(P1, ROOM, "pause");
    assertThat(sent().stream().filter(m -> !m.to().isPrivate())).hasSize(1);
    kring.say(P1, ROOM, "resume");
    kring.say(P1, ROOM, "close final");
    sent();
    Case closing = theCase();

    kring.say(P1, ROOM, "pause");

    assertThat(words(onlyTo(sent(), P1))).contains("it cannot be paused").contains("close now");
    assertThat(theCase()).isEqualTo(closing);
  }

  @Test
  void aCaseStillStartingUpClosesAtOnce() {
    cases.create(Samples.caseAwaitingConfirmations(CODE, ROOM, 3));

    kring.say(P1, ROOM, "close");

    assertThat(words(inChannel(sent()))).contains("Case K-7F3Q is closed");
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);
  }

  // ---- helpers

  Case theCase() {
    return cases.find(CODE).orElseThrow();
  }

  List<OutboundMessage> sent() {
    List<OutboundMessage> all = outbox.messages();
    outbox.clear();
    return all;
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

  void answer(Speaker who, Map<String, String> answers) {
    Form form =
        kring
            .press(who, ROOM, Actions.ROUND_ANSWER, CODE.value() + ":1")
            .formToShow()
            .orElseThrow(() -> new AssertionError("no form: " + words(onlyTo(sent(), who))));
    kring.submit(who, ROOM, form.id(), KringConversationTest.filled(form, answers));
  }

  /** Remembers when each case was recorded as closed, as the retention index would. */
  RetentionIndex recordingRetention() {
    return (RetentionIndex)
        Proxy.newProxyInstance(
            RetentionIndex.class.getClassLoader(),
            new Class<?>[] {RetentionIndex.class},
            (proxy, method, args) ->
                method.getName().equals("closed")
                    ? retentionClosed.putIfAbsent((CaseCode) args[0], (Instant) args[1]) == null
                    : method.invoke(RetentionIndex.NONE, args));
  }
}
