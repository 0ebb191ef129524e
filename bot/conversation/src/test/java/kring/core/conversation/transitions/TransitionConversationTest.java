package kring.core.conversation.transitions;

import static kring.core.conversation.KringConversationTest.filled;
import static kring.core.conversation.KringConversationTest.inChannel;
import static kring.core.conversation.KringConversationTest.onlyTo;
import static kring.core.conversation.KringConversationTest.words;
import static kring.core.conversation.RunningCasePromptsTest.ANNA;
import static kring.core.conversation.RunningCasePromptsTest.BERT;
import static kring.core.conversation.RunningCasePromptsTest.BRUSSELS;
import static kring.core.conversation.RunningCasePromptsTest.CARL;
import static kring.core.conversation.RunningCasePromptsTest.CODE;
import static kring.core.conversation.RunningCasePromptsTest.DEE;
import static kring.core.conversation.RunningCasePromptsTest.ROOM;
import static kring.core.conversation.RunningCasePromptsTest.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.TransitionKind;
import kring.core.conversation.Actions;
import kring.core.conversation.KringConversation;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Form;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Known transitions through the conversation, and the reflection round Kring plans before one. */
class TransitionConversationTest {

  static final Speaker EVA = KringConversationTest.speaker("eva", "Eva");
  static final Speaker STRANGER = KringConversationTest.speaker("someone", "Someone");

  MovableClock clock;
  ScheduledKring world;
  KringConversation kring;
  final List<OutboundMessage> sent = new ArrayList<>();

  @BeforeEach
  void setUp() {
    // Monday 12 January 2026, 09:00: four partners who collaborate agreed; Eva follows only.
    clock = new MovableClock(local("2026-01-12T09:00"), BRUSSELS);
    world = new ScheduledKring(clock, 3);
    kring = world.kring;
    List<UserRef> people = List.of(ANNA.user(), BERT.user(), CARL.user(), DEE.user());
    Case c =
        Samples.activeCase(CODE, ROOM, people, CollaborationLevel.COLLABORATION, clock.instant())
            .askToJoin(
                new JoinRequest(
                    EVA.user(), "Eva", null, Sector.FAMILY, Role.PARENT, true, clock.instant()))
            .acceptJoin(ANNA.user(), EVA.user(), clock.instant());
    world.cases.create(c);
    world.prompts.replan(c);
  }

  Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  /** Moves time in half hours until {@code until}, running the poller as every node would. */
  void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      world.prompts.runDue();
      sent.addAll(world.said());
    }
  }

  @Test
  void aPartnerRecordsATransitionEveryoneSeesItAndCanListIt() {
    kring.say(BERT, ROOM, "transition 2026-02-23 exams");

    assertThat(words(inChannel(world.said())))
        .contains("Partner 2 recorded a known transition: exams on Mon 23 Feb 2026")
        .contains("reflection round about two school weeks before it");
    assertThat(theCase().settings().transitions())
        .singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(TransitionKind.EXAMS));

    kring.say(CARL, ROOM, "overgang 15/6/2026 stage begint");
    kring.say(EVA, ROOM, "transition");
    String list = words(onlyTo(world.said(), EVA));
    assertThat(list)
        .contains("1. exams on Mon 23 Feb 2026")
        .contains("2. stage begint on Mon 15 Jun 2026")
        .contains("transition remove 1");

    kring.say(DEE, ROOM, "card");
    assertThat(words(onlyTo(world.said(), DEE)))
        .contains("Known transitions ahead")
        .contains("stage begint on Mon 15 Jun 2026");
  }

  @Test
  void aTransitionIsRemovedByItsNumber() {
    kring.say(BERT, ROOM, "transition 2026-02-23 exams");
    kring.say(BERT, ROOM, "transition 2026-06-15 new-school");
    world.said();

    kring.say(ANNA, ROOM, "overgang weg 1");

    assertThat(words(inChannel(world.said())))
        .contains("Partner 1 removed the known transition exams on Mon 23 Feb 2026");
    assertThat(theCase().settings().transitions())
        .singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(TransitionKind.SCHOOL_CHANGE));
  }

  @Test
  void aDayAndMonthWithoutAYearIsTheFirstSuchDayAhead() {
    kring.say(BERT, ROOM, "transition 15/6 exams");
    kring.say(BERT, ROOM, "overgang 5/1 nieuwe-school");
    world.said();

    assertThat(theCase().settings().transitions())
        .extracting(t -> t.on().toString())
        .containsExactlyInAnyOrder("2026-06-15", "2027-01-05");

    Case before = theCase();
    for (String typed :
        List.of("transition 31/4 exams", "transition 29/2 exams", "transition 6/13 exams")) {
      kring.say(BERT, ROOM, typed);
      assertThat(words(onlyTo(world.said(), BERT))).as(typed).contains("as a date");
    }
    assertThat(theCase()).isEqualTo(before);
  }

  @Test
  void badTransitionsAreRefusedPolitelyAndChangeNothing() {
    kring.say(BERT, ROOM, "transition 2026-03-02 exams");
    world.said();
    Case before = theCase();

    Map<String, String> refused =
        Map.of(
            "transition 2026-02-30 exams",
            "I cannot read “2026-02-30” as a date",
            "transition exams",
            "I cannot read “exams” as a date",
            "transition 2026-01-12 exams",
            "is not after today",
            "transition 2027-08-01 exams",
            "more than 18 months ahead",
            "transition 2026-05-04 " + "x".repeat(61),
            "at most 60 characters",
            "transition 2026-05-04",
            "What kind of transition is it?",
            "transition remove 4",
            "There is no transition 4",
            "transition remove exams",
            "Which one?");
    refused.forEach(
        (typed, answer) -> {
          kring.say(BERT, ROOM, typed);
          List<OutboundMessage> messages = world.said();
          assertThat(messages).as(typed).allMatch(m -> BERT.user().equals(m.to().person()));
          assertThat(words(onlyTo(messages, BERT))).as(typed).contains(answer);
        });
    kring.say(EVA, ROOM, "transition 2026-05-04 exams");
    assertThat(words(onlyTo(world.said(), EVA))).contains("Only partners who act in this case");
    kring.say(STRANGER, ROOM, "transition 2026-05-04 exams");
    assertThat(words(onlyTo(world.said(), STRANGER))).contains("Only partners of this case");

    assertThat(theCase()).isEqualTo(before);
  }

  @Test
  void atMostTenTransitionsAhead() {
    for (int week = 1; week <= 10; week++) {
      kring.say(
          BERT,
          ROOM,
          "transition 2026-0" + (week < 8 ? 3 : 4) + "-1" + (week % 8) + " step " + week);
    }
    world.said();
    Case before = theCase();
    assertThat(before.settings().transitions()).hasSize(10);

    kring.say(CARL, ROOM, "transition 2026-05-04 exams");

    assertThat(words(onlyTo(world.said(), CARL))).contains("at most 10 transitions");
    assertThat(theCase()).isEqualTo(before);
  }

  @Test
  void theRoundBeforeATransitionOpensTenSchoolDaysAheadAndSaysWhatItPreparesFor() {
    kring.say(BERT, ROOM, "transition 2026-02-23 exams");
    world.said();

    live(local("2026-02-02T11:00"));

    ReflectionRound round = theCase().openReflection().orElseThrow();
    assertThat(round.openedAt()).isEqualTo(local("2026-02-02T10:00"));
    assertThat(round.startedBy()).isZero();
    String post = words(inChannel(sent));
    assertThat(post)
        .contains("Time for a reflection round")
        .contains("This round prepares for a known transition: exams on Mon 23 Feb 2026");
    OutboundMessage invitation = onlyTo(sent, CARL);
    assertThat(words(invitation)).contains("prepares for a known transition: exams");

    for (Speaker who : List.of(ANNA, BERT, CARL, DEE)) {
      Form form = kring.press(who, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").form();
      kring.submit(who, ROOM, form.id(), filled(form, Map.of("q.info-in-time", "4")));
    }
    String summary = words(inChannel(world.said()));
    assertThat(summary)
        .contains("4 of 4 partners took part")
        .contains("This round prepares for a known transition: exams on Mon 23 Feb 2026");

    sent.clear();
    live(local("2026-02-27T18:00"));
    assertThat(theCase().reflections().rounds()).as("no second round before the exams").hasSize(1);
  }
}
