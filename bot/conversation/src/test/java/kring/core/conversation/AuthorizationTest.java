package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.reply.Form;
import kring.testing.EntryPoints;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command, button and form, tried by someone who may not: a person outside the case, and a
 * partner of another case using that case's code. Nothing changes in either case, and nothing is
 * posted in a channel; the person only gets a private answer.
 */
class AuthorizationTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final ChannelRef ROOM_A = new ChannelRef(Platform.PLAYGROUND, "local", "room-a");
  static final ChannelRef ROOM_B = new ChannelRef(Platform.PLAYGROUND, "local", "room-b");
  static final ChannelRef EVES_CHAT = new ChannelRef(Platform.PLAYGROUND, "local", "dm-eve");
  static final CaseCode A = new CaseCode("K-AAAA");
  static final CaseCode B = new CaseCode("K-BBBB");
  static final Speaker ANNA = KringConversationTest.speaker("anna", "Anna");
  static final Speaker BERT = KringConversationTest.speaker("bert", "Bert");
  static final Speaker CARL = KringConversationTest.speaker("carl", "Carl");
  static final Speaker EVE = KringConversationTest.speaker("eve", "Eve");

  static final Speaker DAN = KringConversationTest.speaker("dan", "Dan");

  ScheduledKring world;
  KringConversation kring;
  Case storedA;
  Case storedB;

  @BeforeEach
  void setUp() {
    MovableClock clock =
        new MovableClock(
            LocalDateTime.parse("2026-03-02T10:00").atZone(BRUSSELS).toInstant(), BRUSSELS);
    world = new ScheduledKring(clock, 11);
    kring = world.kring;
    // Case A has something waiting for every kind of button: Dan's request to join among them.
    Case a =
        EntryPoints.busyCase(
            A, ROOM_A, List.of(ANNA.user(), BERT.user()), DAN.user(), clock.instant());
    Case b =
        Samples.activeCase(
            B,
            ROOM_B,
            List.of(CARL.user(), EVE.user()),
            CollaborationLevel.COORDINATION,
            clock.instant());
    world.cases.create(a);
    world.cases.create(b);
    storedA = world.cases.find(A).orElseThrow();
    storedB = world.cases.find(B).orElseThrow();
    // Eve is a partner of B only; to case A she is nobody.
  }

  /** Nothing changed, and the only form someone outside a case may see is the one to join it. */
  void assertNothingHappened(String what, Outcome outcome) {
    assertThat(outcome.formToShow().map(Form::id).orElse(EntryPoints.JOIN_FORM))
        .as(what + " showed a form of the case")
        .isEqualTo(EntryPoints.JOIN_FORM);
    assertThat(world.cases.find(A)).as(what + " changed case A").contains(storedA);
    assertThat(world.cases.find(B)).as(what + " changed case B").contains(storedB);
    assertThat(world.outbox.messages())
        .as(what + " posted in a channel")
        .allMatch(m -> m.to().isPrivate());
    world.outbox.clear();
  }

  @Test
  void everyCommandFromSomeoneOutsideTheCaseChangesNothingThere() {
    for (Command command : EntryPoints.caseCommands()) {
      for (String args : EntryPoints.commandArguments(B)) {
        Outcome outcome = kring.say(EVE, ROOM_A, command.englishWord() + " " + args);
        assertNothingHappened(command + " " + args, outcome);
      }
    }
  }

  @Test
  void everyButtonOfAnotherCaseOrPressedBySomeoneOutsideItChangesNothing() {
    List<String> values = new ArrayList<>(EntryPoints.formButtons(A));
    for (CaseCode code : List.of(A, B)) {
      values.addAll(EntryPoints.codeShaped(code, EVE.user(), DAN.user()));
      values.addAll(EntryPoints.codeShaped(code, ANNA.user(), DAN.user()));
    }
    for (String action : EntryPoints.actions()) {
      for (String value : values) {
        // Eve in case A's channel, and in her own private chat naming case A.
        Outcome outcome = kring.press(EVE, ROOM_A, action, value);
        assertNothingHappened(action + " " + value + " in A's channel", outcome);
        if (value.contains(A.value())) {
          outcome = kring.press(EVE, EVES_CHAT, action, value);
          assertNothingHappened(action + " " + value + " in Eve's chat", outcome);
          // In the channel of her own case, a button naming case A does nothing in either.
          outcome = kring.press(EVE, ROOM_B, action, value);
          assertNothingHappened(action + " " + value + " in B's channel", outcome);
        }
      }
    }
  }

  @Test
  void everyFormSentForACaseBySomeoneOutsideItChangesNothing() {
    for (String form : EntryPoints.forms()) {
      for (ChannelRef where : List.of(ROOM_A, EVES_CHAT)) {
        if (EntryPoints.openToOutsiders(form, where.equals(ROOM_A))) {
          continue;
        }
        Outcome outcome = kring.submit(EVE, where, form, EntryPoints.formValues(A));
        assertNothingHappened(form + " in " + where.channel(), outcome);
      }
    }
  }

  @Test
  void aFormNamingAnotherCaseIsRefusedInTheChannelOfTheSendersOwnCase() {
    for (String form : EntryPoints.forms()) {
      Outcome outcome = kring.submit(EVE, ROOM_B, form, EntryPoints.formValues(A));
      assertNothingHappened(form + " naming case A in B's channel", outcome);
    }
  }
}
