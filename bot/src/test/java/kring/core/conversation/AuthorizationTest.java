package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
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

  ScheduledKring world;
  KringConversation kring;

  @BeforeEach
  void setUp() {
    MovableClock clock =
        new MovableClock(
            LocalDateTime.parse("2026-03-02T10:00").atZone(BRUSSELS).toInstant(), BRUSSELS);
    world = new ScheduledKring(clock, 11);
    kring = world.kring;
    Case a =
        Samples.activeCase(
            A,
            ROOM_A,
            List.of(ANNA.user(), BERT.user()),
            CollaborationLevel.COORDINATION,
            clock.instant());
    Case b =
        Samples.activeCase(
            B,
            ROOM_B,
            List.of(CARL.user(), EVE.user()),
            CollaborationLevel.COORDINATION,
            clock.instant());
    world.cases.create(a);
    world.cases.create(b);
    // Eve is a partner of B only; to case A she is nobody.
  }

  long revision(CaseCode code) {
    return world.cases.find(code).orElseThrow().revision();
  }

  void assertNothingHappened(String what) {
    assertThat(revision(A)).as(what + " changed case A").isZero();
    assertThat(revision(B)).as(what + " changed case B").isZero();
    assertThat(world.outbox.messages())
        .as(what + " posted in a channel")
        .allMatch(m -> m.to().isPrivate());
    world.outbox.clear();
  }

  static List<String> constants(Class<?> holder) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        field.setAccessible(true);
        values.add((String) field.get(null));
      }
    }
    return values;
  }

  @Test
  void everyCommandFromSomeoneOutsideTheCaseChangesNothingThere() {
    for (Command command : Command.values()) {
      if (command == Command.JOIN || command == Command.HELP || command == Command.LANGUAGE) {
        continue; // open to anyone in the channel: asking to join, help, one's own language
      }
      if (command == Command.HOURS) {
        continue; // one's own working hours, kept with the person, not the case
      }
      for (String args : List.of("", "P1", "3", B.value(), "mother P1", "2026-03-04")) {
        kring.say(EVE, ROOM_A, command.englishWord() + " " + args);
        assertNothingHappened(command + " " + args);
      }
    }
  }

  @Test
  void everyButtonOfAnotherCaseOrPressedBySomeoneOutsideItChangesNothing()
      throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (String form : constants(Forms.class)) {
      values.add(form + " " + A.value());
    }
    for (CaseCode code : List.of(A, B)) {
      values.addAll(
          List.of(
              code.value(),
              code.value() + ":1",
              code.value() + " 1",
              code.value() + " 2",
              code.value() + " on",
              code.value() + " 3",
              code.value() + "/update_due/1.1/playground:local:eve"));
    }
    for (String action : constants(Actions.class)) {
      for (String value : values) {
        // Eve in case A's channel, and in her own private chat naming case A.
        kring.press(EVE, ROOM_A, action, value);
        assertNothingHappened(action + " " + value + " in A's channel");
        if (value.contains(A.value())) {
          kring.press(EVE, EVES_CHAT, action, value);
          assertNothingHappened(action + " " + value + " in Eve's chat");
        }
      }
    }
  }

  @Test
  void everyFormSentForACaseBySomeoneOutsideItChangesNothing() throws IllegalAccessException {
    for (String form : constants(Forms.class)) {
      for (ChannelRef where : List.of(ROOM_A, EVES_CHAT)) {
        Map<String, String> values = new HashMap<>();
        values.put(Forms.CASE, A.value());
        values.put(Forms.BASE, "1");
        values.put(Forms.ROUND, "1");
        values.put(Forms.PARTNER, "1");
        values.put("goal", "Taken over");
        values.put("text", "An update from outside");
        values.put("note", "A note from outside");
        values.put("role", "clb");
        if (form.equals(Forms.JOIN) && where.equals(ROOM_A)) {
          continue; // asking to join is what someone outside may do
        }
        kring.submit(EVE, where, form, values);
        assertNothingHappened(form + " in " + where.channel());
      }
    }
  }
}
