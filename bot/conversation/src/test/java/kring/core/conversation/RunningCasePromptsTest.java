package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.checkin.CheckInRound;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.InMemoryPromptBudget;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A running case's rhythm: update prompts, feedback follow-ups and check-ins, end to end. */
public class RunningCasePromptsTest {

  public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  public static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room");
  public static final CaseCode CODE = new CaseCode("K-7F3Q");
  public static final Speaker ANNA = KringConversationTest.speaker("anna", "Anna");
  public static final Speaker BERT = KringConversationTest.speaker("bert", "Bert");
  public static final Speaker CARL = KringConversationTest.speaker("carl", "Carl");
  public static final Speaker DEE = KringConversationTest.speaker("dee", "Dee");

  MovableClock clock;
  InMemoryCases cases;
  InMemoryDuePrompts due;
  RecordingOutbox outbox;
  InMemoryPromptBudget budget;
  KringConversation kring;
  ScheduledPrompts prompts;
  final List<OutboundMessage> sent = new ArrayList<>();

  @BeforeEach
  void setUp() {
    // Monday 12 January 2026, 09:00 in Brussels: a school day.
    clock = new MovableClock(local("2026-01-12T09:00"), BRUSSELS);
    ScheduledKring world = new ScheduledKring(clock, 3);
    cases = world.cases;
    due = world.due;
    outbox = world.outbox;
    budget = world.budget;
    prompts = world.prompts;
    kring = world.kring;
  }

  public static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  void activeCase(Speaker... people) {
    List<UserRef> users = java.util.Arrays.stream(people).map(Speaker::user).toList();
    Case c =
        Samples.activeCase(CODE, ROOM, users, CollaborationLevel.COORDINATION, clock.instant());
    cases.create(c);
    prompts.replan(c);
  }

  Case theCase() {
    return cases.find(CODE).orElseThrow();
  }

  /** Moves time in half hours until {@code until}, running the poller as every node would. */
  void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      sent.addAll(outbox.messages());
      outbox.clear();
      prompts.runDue();
      sent.addAll(outbox.messages());
      outbox.clear();
    }
  }

  List<String> remindedAt(Speaker person) {
    return sent.stream()
        .filter(m -> m.kind() == MessageKind.REMINDER && person.user().equals(m.to().person()))
        .map(m -> ZonedDateTime.ofInstant(m.createdAt(), BRUSSELS).toLocalDateTime().toString())
        .toList();
  }

  List<OutboundMessage> toChannel() {
    return sent.stream().filter(m -> !m.to().isPrivate()).toList();
  }

  public static Buttons.Button button(OutboundMessage message, String action) {
    return button(message, action, "");
  }

  /** The first button with this action whose value starts so; a combined message has several. */
  public static Buttons.Button button(OutboundMessage message, String action, String valueStart) {
    return message.reply().blocks().stream()
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .filter(b -> b.action().equals(action) && b.value().startsWith(valueStart))
        .findFirst()
        .orElseThrow();
  }

  OutboundMessage lastReminderTo(Speaker person) {
    return sent.stream()
        .filter(m -> m.kind() == MessageKind.REMINDER && person.user().equals(m.to().person()))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  Map<String, String> filled(Form form, Map<String, String> answers) {
    Map<String, String> values = new HashMap<>(form.hidden());
    form.inputs().forEach(i -> values.put(i.name(), i.value()));
    values.putAll(answers);
    return values;
  }

  void postUpdate(Speaker who, String text, String feedbackFrom) {
    Form form = kring.say(who, ROOM, "update").form();
    kring.submit(
        who, ROOM, form.id(), filled(form, Map.of("text", text, "feedback", feedbackFrom)));
  }

  String lastAnswerTo(Speaker person) {
    return outbox.messages().stream()
        .filter(m -> person.user().equals(m.to().person()))
        .reduce((a, b) -> b)
        .orElseThrow()
        .reply()
        .blocks()
        .toString();
  }

  @Test
  void anOverdueUpdateIsAskedOnlyOfThePartnersWhoseNewsIsOverdue() {
    activeCase(ANNA, BERT, CARL);
    live(local("2026-01-20T11:00"));
    postUpdate(ANNA, "The pupil came to school three days this week.", "nobody");

    live(local("2026-01-27T18:00"));

    // Coordination level: news every 10 school days after 12 January, so Monday 26 January.
    assertThat(remindedAt(BERT)).containsExactly("2026-01-26T10:00");
    assertThat(remindedAt(CARL)).containsExactly("2026-01-26T10:00");
    assertThat(remindedAt(ANNA)).isEmpty();
    assertThat(theCase().activity().lastUpdate(1)).isPresent();
    assertThat(theCase().toString()).doesNotContain("three days");
    assertThat(toChannel().get(0).reply().blocks().toString()).contains("three days");
  }

  @Test
  void nothingNewEndsTheWaitAndRemindMeTomorrowBringsThePromptBackTheNextSchoolDay() {
    activeCase(ANNA, BERT, CARL);
    live(local("2026-01-26T10:00"));
    OutboundMessage toBert = lastReminderTo(BERT);
    OutboundMessage toCarl = lastReminderTo(CARL);

    Buttons.Button later = button(toBert, Actions.PROMPT_LATER);
    kring.press(BERT, ROOM, later.action(), later.value());
    assertThat(lastAnswerTo(BERT)).contains("27 Jan 2026 10:00");
    Buttons.Button nothing = button(toCarl, Actions.NOTHING_NEW);
    kring.press(CARL, ROOM, nothing.action(), nothing.value());
    assertThat(theCase().activity().lastUpdate(3).orElseThrow().nothingNew()).isTrue();

    live(local("2026-01-27T18:00"));

    assertThat(remindedAt(BERT)).containsExactly("2026-01-26T10:00", "2026-01-27T10:00");
    assertThat(remindedAt(CARL)).containsExactly("2026-01-26T10:00");
    // Carl's wait starts over from his "nothing new"; his next nudge belongs to that new wait.
    assertThat(due.planned(CODE))
        .filteredOn(p -> p.person().equals(CARL.user()) && p.kind() == PromptKind.UPDATE_DUE)
        .extracting(DuePrompt::round)
        .containsOnly(LocalDate.parse("2026-01-26").toEpochDay());
  }

  @Test
  void aPartnerCountedUnreachableWhoAsksToBeRemindedTomorrowIsReachableAndRemindedAgain() {
    activeCase(ANNA, BERT, CARL);
    live(local("2026-01-26T10:00"));
    Buttons.Button later = button(lastReminderTo(BERT), Actions.PROMPT_LATER);
    // The platform could not reach Bert meanwhile: his press changes the case as well.
    cases.update(theCase().unreachable(BERT.user(), local("2026-01-26T10:30")));

    kring.press(BERT, ROOM, later.action(), later.value());

    assertThat(lastAnswerTo(BERT)).contains("27 Jan 2026 10:00");
    assertThat(theCase().partner(BERT.user()).orElseThrow().unreachable()).isFalse();
    live(local("2026-01-27T18:00"));
    assertThat(remindedAt(BERT)).containsExactly("2026-01-26T10:00", "2026-01-27T10:00");
  }

  @Test
  void somebodyElsesRemindMeTomorrowButtonIsRefused() {
    activeCase(ANNA, BERT, CARL);
    live(local("2026-01-26T10:00"));
    Buttons.Button bertsLater = button(lastReminderTo(BERT), Actions.PROMPT_LATER);
    outbox.clear();

    kring.press(CARL, ROOM, bertsLater.action(), bertsLater.value());

    assertThat(lastAnswerTo(CARL)).contains("not yours");
    live(local("2026-01-27T18:00"));
    assertThat(remindedAt(BERT)).containsExactly("2026-01-26T10:00");
  }

  @Test
  void feedbackAskedIsFollowedUpOnlyWithTheAddressedWhoHaveNotAnswered() {
    activeCase(ANNA, BERT, CARL);
    clock.advance(Duration.ofHours(1));
    postUpdate(ANNA, "Meeting with the parents went well.", "everyone");
    OutboundMessage post =
        toChannel().isEmpty()
            ? outbox.messages().stream().filter(m -> !m.to().isPrivate()).findFirst().orElseThrow()
            : toChannel().get(0);
    assertThat(post.reply().blocks().toString()).contains("would like feedback from");
    Buttons.Button seen = button(post, Actions.FEEDBACK_SEEN);

    kring.press(BERT, ROOM, seen.action(), seen.value());
    assertThat(lastAnswerTo(BERT)).contains("saw it");
    outbox.clear();
    kring.press(ANNA, ROOM, seen.action(), seen.value());
    assertThat(lastAnswerTo(ANNA)).contains("Only the partners asked");

    live(local("2026-01-15T18:00"));

    // The agreed answer time is 2 school days: Wednesday 14 January, 10:00.
    assertThat(remindedAt(CARL)).containsExactly("2026-01-14T10:00");
    assertThat(lastReminderTo(CARL).reply().blocks().toString())
        .contains("asked for your feedback");
    assertThat(remindedAt(BERT)).isEmpty();
  }

  @Test
  void aButtonInAPrivateChatActsOnTheCaseItNamesOnlyForItsPartners() {
    activeCase(ANNA, BERT, CARL);
    live(local("2026-01-26T10:00"));
    Buttons.Button nothing = button(lastReminderTo(BERT), Actions.NOTHING_NEW);
    ChannelRef bertsChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");
    ChannelRef evesChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-eve");
    Speaker eve = KringConversationTest.speaker("eve", "Eve");

    kring.press(BERT, bertsChat, nothing.action(), nothing.value());
    kring.press(eve, evesChat, nothing.action(), nothing.value());

    assertThat(theCase().activity().lastUpdate(2)).isPresent();
    assertThat(lastAnswerTo(eve)).contains("andere casus");
    assertThat(outbox.messages())
        .noneMatch(m -> evesChat.equals(m.to().channel()) && !m.to().isPrivate());
  }

  /** Answers a check-in from its card, one click per question; an empty answer is left out. */
  void answerCheckIn(Speaker who, String goal, String needed, String roles) {
    OutboundMessage card = lastReminderTo(who);
    Map<String, String> answers = new java.util.LinkedHashMap<>();
    answers.put("goal-on-track", goal);
    answers.put("got-what-needed", needed);
    answers.put("clear-who-does-what", roles);
    answers.forEach(
        (question, answer) -> {
          if (!answer.isEmpty()) {
            Buttons.Button pick = pick(card, question, answer);
            kring.press(who, ROOM, pick.action(), pick.value());
          }
        });
  }

  static Buttons.Button pick(OutboundMessage card, String question, String answer) {
    return card.reply().blocks().stream()
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .filter(
            b ->
                b.action().equals(Actions.PICK_CHECK_IN)
                    && b.value().contains(":" + question + ":" + answer))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCheckInAsksPrivatelyRemindsOnceAndShowsOnlyTotalsWhenClosed() {
    activeCase(ANNA, BERT, CARL, DEE);
    live(local("2026-02-09T09:00"));
    // Four school weeks after 12 January: Monday 9 February, together with the update nudges.
    live(local("2026-02-09T10:00"));
    assertThat(theCase().activity().lastCheckIn()).map(CheckInRound::number).contains(1);
    assertThat(remindedAt(DEE)).endsWith("2026-02-09T10:00");
    String combined = lastReminderTo(DEE).reply().blocks().toString();
    assertThat(combined).contains("2 things from Kring").contains("Check-in 1").contains("news");

    live(local("2026-02-10T09:00"));
    answerCheckIn(ANNA, "yes", "partly", "yes");
    answerCheckIn(BERT, "yes", "no", "");
    answerCheckIn(CARL, "partly", "yes", "yes");
    assertThat(lastAnswerTo(CARL)).contains("your answers are in").contains("✓ Partly");
    live(local("2026-02-13T18:00"));

    // Only Dee had not answered: one reminder, on the second school day.
    assertThat(remindedAt(DEE))
        .containsExactly("2026-01-26T10:00", "2026-02-09T10:00", "2026-02-11T10:00");
    assertThat(remindedAt(CARL)).containsExactly("2026-01-26T10:00", "2026-02-09T10:00");
    CheckInRound closed = theCase().activity().checkIn(1).orElseThrow();
    assertThat(closed.open()).isFalse();
    assertThat(closed.answers()).isEmpty();
    String summary = toChannel().get(toChannel().size() - 1).reply().blocks().toString();
    assertThat(summary)
        .contains("3 of 4 partners answered")
        .contains("2 yes · 1 partly · 0 no")
        .contains("Questions with fewer than 3 answers are not shown")
        .doesNotContain("Anna")
        .doesNotContain("Partner");
    assertThat(
            ZonedDateTime.ofInstant(toChannel().get(toChannel().size() - 1).createdAt(), BRUSSELS)
                .toLocalDateTime()
                .toString())
        .isEqualTo("2026-02-13T12:00");
  }

  @Test
  void aCheckInClosesAtOnceWhenEveryoneAnsweredOrSkippedAndLateAnswersAreRefused() {
    activeCase(ANNA, BERT, CARL);
    live(local("2026-02-09T10:00"));
    Buttons.Button skip = button(lastReminderTo(CARL), Actions.SKIP_CHECK_IN);
    Buttons.Button annasPick = pick(lastReminderTo(ANNA), "goal-on-track", "yes");

    kring.press(CARL, ROOM, skip.action(), skip.value());
    answerCheckIn(BERT, "no", "no", "yes");
    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isTrue();
    answerCheckIn(ANNA, "no", "", "");
    assertThat(theCase().activity().checkIn(1).orElseThrow().open())
        .as("one click of three does not end Anna's check-in")
        .isTrue();
    answerCheckIn(ANNA, "no", "yes", "yes");

    assertThat(theCase().activity().checkIn(1).orElseThrow().open()).isFalse();
    String summary = toChannelNow().get(toChannelNow().size() - 1).reply().blocks().toString();
    assertThat(summary).contains("2 of 3 partners answered").doesNotContain("yes ·");
    outbox.clear();
    kring.press(ANNA, ROOM, annasPick.action(), annasPick.value());
    assertThat(lastAnswerTo(ANNA)).contains("check-in is closed");
    live(local("2026-02-13T18:00"));
    assertThat(remindedAt(CARL)).doesNotContain("2026-02-11T10:00");
  }

  @Test
  void aCadenceTheCoordinatorSetsMovesTheNextCheckIn() {
    activeCase(ANNA, BERT, CARL);

    kring.say(ANNA, ROOM, "cadence 2");
    live(local("2026-01-26T18:00"));

    // Two school weeks after 12 January instead of the agreement's four.
    assertThat(theCase().activity().lastCheckIn())
        .map(CheckInRound::openedAt)
        .contains(local("2026-01-26T10:00"));
  }

  /** Check-ins far apart, a reflection round every three school weeks. */
  void reflectionEveryThreeWeeks(Speaker... people) {
    activeCase(people);
    kring.say(ANNA, ROOM, "cadence 8 reflection 3");
    outbox.clear();
  }

  @Test
  void aReflectionRoundOpensOnTheCaseRhythmAndAsksEachPartnerPrivately() {
    reflectionEveryThreeWeeks(ANNA, BERT, CARL, DEE);

    live(local("2026-02-02T11:00"));

    // Fifteen school days after 12 January: Monday 2 February, 10:00; five school days to answer.
    ReflectionRound round = theCase().reflections().round(1).orElseThrow();
    assertThat(round.isOpen()).isTrue();
    assertThat(round.startedBy()).isZero();
    assertThat(round.openedAt()).isEqualTo(local("2026-02-02T10:00"));
    assertThat(round.closesAt()).isEqualTo(local("2026-02-09T16:00"));
    assertThat(round.questions())
        .isEqualTo(QuestionBank.round(Optional.empty(), Optional.empty(), false));
    assertThat(round.invited()).containsExactly(1, 2, 3, 4);
    OutboundMessage started = toChannel().get(toChannel().size() - 1);
    assertThat(started.reply().blocks().toString())
        .contains("Reflection round 1")
        .contains("Time for a reflection round")
        .contains("9 Feb 2026");
    for (Speaker partner : List.of(ANNA, BERT, CARL, DEE)) {
      // The news nudges of 26 January came before; nothing else in between.
      assertThat(remindedAt(partner)).containsExactly("2026-01-26T10:00", "2026-02-02T10:00");
      OutboundMessage invitation = lastReminderTo(partner);
      assertThat(invitation.reply().blocks().toString()).contains("Reflection round 1 — case");
      assertThat(button(invitation, Actions.ROUND_ANSWER).value()).isEqualTo("K-7F3Q:1");
      assertThat(button(invitation, Actions.PROMPT_LATER).value()).contains("reflection_invite");
    }
  }

  @Test
  void aScheduledInvitationWaitsForThePersonsNextTurnAndIsDroppedOnceTheyAnswered() {
    reflectionEveryThreeWeeks(ANNA, BERT, CARL, DEE);
    live(local("2026-02-02T09:00"));
    // Carl and Dee already had their prompt message of the day when the round opens.
    LocalDate monday = LocalDate.parse("2026-02-02");
    budget.take(Set.of(CARL.user(), DEE.user()), monday, monday);

    live(local("2026-02-02T11:00"));
    // Carl answers from the channel's post before his invitation's turn comes.
    Form form = kring.press(CARL, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").form();
    kring.submit(CARL, ROOM, form.id(), filled(form, Map.of("q.info-in-time", "4")));
    live(local("2026-02-04T18:00"));

    assertThat(remindedAt(ANNA)).containsExactly("2026-01-26T10:00", "2026-02-02T10:00");
    assertThat(remindedAt(DEE)).containsExactly("2026-01-26T10:00", "2026-02-03T10:00");
    assertThat(lastReminderTo(DEE).reply().blocks().toString()).contains("Reflection round 1");
    assertThat(remindedAt(CARL)).containsExactly("2026-01-26T10:00");
  }

  @Test
  void noScheduledRoundWhileOneIsOpenAndTheNextCountsFromTheLastRound() {
    reflectionEveryThreeWeeks(ANNA, BERT, CARL, DEE);
    live(local("2026-01-26T09:00"));
    kring.say(ANNA, ROOM, "reflect 5");
    assertThat(theCase().reflections().round(1).orElseThrow().closesAt())
        .isEqualTo(local("2026-02-02T16:00"));

    live(local("2026-02-20T18:00"));

    assertThat(theCase().reflections().rounds()).hasSize(1);
    assertThat(theCase().openReflection()).isEmpty();
    // Fifteen school days after 26 January, with the carnival holiday of 16-20 February skipped.
    assertThat(due.planned(CODE))
        .filteredOn(p -> p.kind() == PromptKind.REFLECTION_OPEN)
        .singleElement()
        .satisfies(p -> assertThat(p.round()).isEqualTo(2))
        .satisfies(p -> assertThat(p.dueAt()).isEqualTo(local("2026-02-23T10:00")));
    live(local("2026-02-23T11:00"));
    assertThat(theCase().reflections().round(2).map(ReflectionRound::startedBy)).contains(0);
  }

  @Test
  void noScheduledRoundWithoutAReflectionRhythm() {
    activeCase(ANNA, BERT, CARL);
    kring.say(ANNA, ROOM, "cadence 4 reflection 0");

    live(local("2026-04-30T18:00"));

    assertThat(theCase().reflections().rounds()).isEmpty();
    assertThat(due.planned(CODE)).noneMatch(p -> p.kind() == PromptKind.REFLECTION_OPEN);
  }

  @Test
  void noScheduledRoundWhileTooFewPartnersTakePartForAnonymity() {
    activeCase(ANNA, BERT);
    kring.say(ANNA, ROOM, "cadence 4 reflection 1");
    live(local("2026-06-30T18:00"));
    assertThat(theCase().reflections().rounds()).isEmpty();
    assertThat(due.planned(CODE)).noneMatch(p -> p.kind() == PromptKind.REFLECTION_OPEN);
  }

  List<OutboundMessage> toChannelNow() {
    List<OutboundMessage> all = new ArrayList<>(sent);
    all.addAll(outbox.messages());
    return all.stream().filter(m -> !m.to().isPrivate()).toList();
  }
}
