package kring.core.conversation.calendar;

import static kring.core.conversation.KringConversationTest.ANNA;
import static kring.core.conversation.KringConversationTest.BERT;
import static kring.core.conversation.KringConversationTest.CARO;
import static kring.core.conversation.KringConversationTest.OTHER_ROOM;
import static kring.core.conversation.KringConversationTest.ROOM;
import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.filled;
import static kring.core.conversation.KringConversationTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.core.cases.CaseSettings;
import kring.core.conversation.Actions;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.outbox.OutboundMessage;
import kring.core.reply.Form;
import kring.scheduler.calendar.WorkingHours;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.InMemoryPeople;
import kring.testing.RecordingOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands that say when Kring may prompt: own hours, case hours, free days, holidays, rhythm.
 */
class CalendarCommandsTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  InMemoryCases cases;
  InMemoryPeople people;
  InMemoryDuePrompts due;
  RecordingOutbox outbox;
  KringConversation kring;

  @BeforeEach
  void setUp() {
    // Monday 30 November 2026, 10:00 in Brussels: a school day.
    ScheduledKring world =
        new ScheduledKring(Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), BRUSSELS), 11);
    cases = world.cases;
    people = world.people;
    due = world.due;
    outbox = world.outbox;
    kring = world.kring;
  }

  /** Anna starts a case in the room and introduces herself; each other speaker joins. */
  void startWith(String annasRole, Map<Speaker, String> others) {
    kring.say(ANNA, ROOM, "start");
    Form intro = kring.press(ANNA, ROOM, Actions.OPEN_FORM, Forms.INTRODUCE).form();
    kring.submit(ANNA, ROOM, intro.id(), filled(intro, Map.of("role", annasRole)));
    others.forEach(
        (speaker, role) -> {
          Form join = kring.say(speaker, ROOM, "join").form();
          kring.submit(speaker, ROOM, join.id(), filled(join, Map.of("role", role)));
          OutboundMessage ask = inChannel(sent());
          kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, button(ask, Actions.ACCEPT_JOIN).value());
        });
    sent();
  }

  /** A school case: Anna coordinates the school's care, Bert is from the CLB, Caro teaches. */
  void startSchoolCase() {
    startWith("care-coordinator", Map.of(BERT, "clb", CARO, "teacher"));
  }

  /** Nobody from a school or the CLB: Anna is a NAFT coach, Bert a crisis worker. */
  void startYouthCareCase() {
    startWith("naft-coach", Map.of(BERT, "crisis-worker"));
  }

  Case theCase() {
    return cases.findByChannel(ROOM).orElseThrow();
  }

  List<OutboundMessage> sent() {
    return outbox.take();
  }

  /** Says something and returns what Kring sent because of it. */
  List<OutboundMessage> say(Speaker speaker, String text) {
    sent();
    kring.say(speaker, ROOM, text);
    return sent();
  }

  /** The one private answer among the messages, to this speaker; nothing went to the channel. */
  static String onlyAnswerTo(List<OutboundMessage> messages, Speaker speaker) {
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).to().person()).isEqualTo(speaker.user());
    return words(messages.get(0));
  }

  /** Each input, typed after {@code command}, gets a private answer that contains {@code said}. */
  void eachAnswered(Speaker speaker, String command, List<String> inputs, String said) {
    for (String typed : inputs) {
      assertThat(onlyAnswerTo(say(speaker, command + typed), speaker)).as(typed).contains(said);
    }
  }

  static OutboundMessage inChannel(List<OutboundMessage> messages) {
    return KringConversationTest.inChannel(messages);
  }

  static WorkingHours hours(int fromHour, int fromMinute, int toHour) {
    return new WorkingHours(LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, 0));
  }

  // ---- a person's own hours

  @Test
  void ownHoursAreSetShownAndClearedPrivatelyInAnyChannel() {
    startSchoolCase();

    String set = onlyAnswerTo(say(BERT, "werkuren 13:00-17:00"), BERT);
    assertThat(set).contains("13:00").contains("17:00");
    assertThat(people.workingHours(BERT.user())).contains(hours(13, 0, 17));

    String shown = onlyAnswerTo(say(BERT, "hours"), BERT);
    assertThat(shown).contains("13:00–17:00").contains("08:00–17:00");

    // Not tied to a case: set again from a channel without one.
    sent();
    kring.say(BERT, OTHER_ROOM, "hours 7:30-12");
    assertThat(people.workingHours(BERT.user())).contains(hours(7, 30, 12));

    onlyAnswerTo(say(BERT, "uren standaard"), BERT);
    assertThat(people.workingHours(BERT.user())).isEmpty();
    assertThat(theCase().settings().hours()).isEqualTo(WorkingHours.SCHOOL_DAY);
  }

  @Test
  void unreadableOwnHoursGetAnExampleAndChangeNothing() {
    startSchoolCase();
    people.setWorkingHours(BERT.user(), hours(13, 0, 17));

    eachAnswered(
        BERT,
        "hours ",
        List.of("25-30", "8.30-16", "08:30 tot 16:00", "8:75-16", "avond"),
        "08:30-16:00");
    eachAnswered(BERT, "werkuren ", List.of("17-8", "2-16", "9-9"), "03:00");
    assertThat(people.workingHours(BERT.user())).contains(hours(13, 0, 17));
  }

  // ---- the case's hours

  @Test
  void theCoordinatorSetsTheCaseHoursAndTheRemindersMoveIntoThem() {
    startSchoolCase();

    OutboundMessage post = inChannel(say(ANNA, "werkuren zaak 11:00-16:00"));

    assertThat(words(post)).contains("Anna").contains("11:00").contains("16:00");
    assertThat(theCase().settings().hours()).isEqualTo(hours(11, 0, 16));
    assertThat(due.planned(theCase().code()))
        .isNotEmpty()
        .allMatch(p -> p.dueAt().atZone(BRUSSELS).toLocalTime().equals(LocalTime.of(11, 0)));
    assertThat(onlyAnswerTo(say(ANNA, "hours case 11-16"), ANNA)).contains("11:00–16:00");

    inChannel(say(ANNA, "hours case default"));
    assertThat(theCase().settings().hours()).isEqualTo(WorkingHours.SCHOOL_DAY);
  }

  @Test
  void aPartnerProposesCaseHoursAndOnlyTheCoordinatorsClickSetsThem() {
    startSchoolCase();

    List<OutboundMessage> proposed = say(BERT, "hours case 9:30-15");

    assertThat(theCase().settings().hours()).isEqualTo(WorkingHours.SCHOOL_DAY);
    var accept = button(inChannel(proposed), Actions.CASE_HOURS);
    assertThat(words(inChannel(proposed))).contains("Bert").contains("09:30").contains("15:00");
    assertThat(proposed).anyMatch(m -> BERT.user().equals(m.to().person()));

    sent();
    kring.press(BERT, ROOM, accept.action(), accept.value());
    assertThat(onlyAnswerTo(sent(), BERT)).contains("regiehouder");
    assertThat(theCase().settings().hours()).isEqualTo(WorkingHours.SCHOOL_DAY);

    kring.press(ANNA, ROOM, accept.action(), accept.value());
    assertThat(words(inChannel(sent()))).contains("Anna").contains("09:30");
    assertThat(theCase().settings().hours()).isEqualTo(hours(9, 30, 15));

    kring.press(ANNA, ROOM, accept.action(), accept.value());
    onlyAnswerTo(sent(), ANNA);
  }

  @Test
  void aButtonOfAnotherCaseOrWithAnotherValueDoesNothing() {
    startSchoolCase();

    sent();
    kring.press(ANNA, ROOM, Actions.CASE_HOURS, "K-ZZZZ 09:00-15:00");
    assertThat(onlyAnswerTo(sent(), ANNA)).isNotEmpty();
    kring.press(ANNA, ROOM, Actions.CASE_HOURS, theCase().code().value() + " 19:00-08:00");
    assertThat(onlyAnswerTo(sent(), ANNA)).contains("03:00");
    kring.press(ANNA, ROOM, Actions.PAUSE, theCase().code().value() + " now");
    onlyAnswerTo(sent(), ANNA);

    assertThat(theCase().settings().hours()).isEqualTo(WorkingHours.SCHOOL_DAY);
    assertThat(theCase().paused()).isFalse();
  }

  // ---- free days

  @Test
  void aTeacherAddsAndRemovesASchoolFreeDayAndTheChannelHearsIt() {
    startSchoolCase();

    OutboundMessage added = inChannel(say(CARO, "vrije dag 2026-12-07"));
    assertThat(words(added)).contains("Caro").contains("7 dec");
    inChannel(say(CARO, "Free Day 8/12/2026"));
    assertThat(theCase().settings().freeDays())
        .containsExactly(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 8));

    onlyAnswerTo(say(CARO, "vrije dag 7/12/2026"), CARO);
    assertThat(theCase().settings().freeDays()).hasSize(2);

    inChannel(say(CARO, "vrije dag weg 2026-12-07"));
    assertThat(theCase().settings().freeDays()).containsExactly(LocalDate.of(2026, 12, 8));
    assertThat(onlyAnswerTo(say(BERT, "free day"), BERT)).contains("8 dec");
  }

  @Test
  void aClbPartnerCannotAddFreeDaysAndBadDatesAreExplained() {
    startSchoolCase();

    assertThat(onlyAnswerTo(say(BERT, "free day 2026-12-07"), BERT)).contains("school");
    assertThat(onlyAnswerTo(say(CARO, "vrije dag 2026-12-05"), CARO)).contains("2026-12-05");
    eachAnswered(
        CARO,
        "vrije dag ",
        List.of("7-12-2026", "31/11/2026", "2026-12-7", "maandag", "1/1/2027 2/1/2027"),
        "2026-12-07");
    assertThat(theCase().settings().freeDays()).isEmpty();
  }

  // ---- holidays

  @Test
  void aSchoolCaseKeepsItsHolidaysAndSaysWhy() {
    startSchoolCase();

    assertThat(onlyAnswerTo(say(ANNA, "vakanties uit"), ANNA)).contains("CLB");
    assertThat(onlyAnswerTo(say(BERT, "holidays off"), BERT)).contains("CLB");
    assertThat(theCase().holidaysSkipped()).isTrue();
    assertThat(theCase().settings().holidaysSkipped()).isTrue();
  }

  @Test
  void aYouthCareCaseWorksThroughTheHolidaysWhenTheCoordinatorSaysSo() {
    startYouthCareCase();

    inChannel(say(ANNA, "holidays off"));
    assertThat(theCase().holidaysSkipped()).isFalse();
    onlyAnswerTo(say(ANNA, "vakanties uit"), ANNA);

    List<OutboundMessage> proposed = say(BERT, "vakanties aan");
    assertThat(theCase().holidaysSkipped()).isFalse();
    var accept = button(inChannel(proposed), Actions.HOLIDAYS);
    kring.press(ANNA, ROOM, accept.action(), accept.value());
    assertThat(theCase().holidaysSkipped()).isTrue();

    assertThat(onlyAnswerTo(say(ANNA, "holidays maybe"), ANNA)).contains("vakanties uit");
  }

  // ---- rhythm

  @Test
  void theCoordinatorSetsTheRhythmKeepsTheReflectionAndGoesBackToTheAgreement() {
    startSchoolCase();

    OutboundMessage set = inChannel(say(ANNA, "ritme 3 reflectie 6"));
    assertThat(words(set)).contains("om de 3 schoolweken").contains("om de 6 schoolweken");
    assertThat(theCase().settings().cadence()).isEqualTo(new Cadence(3, 6));

    inChannel(say(ANNA, "cadence 5"));
    assertThat(theCase().settings().cadence()).isEqualTo(new Cadence(5, 6));
    onlyAnswerTo(say(ANNA, "cadence 5 reflection 6"), ANNA);

    inChannel(say(ANNA, "ritme standaard"));
    assertThat(theCase().settings().cadence()).isNull();
    assertThat(theCase().cadence()).isEqualTo(new Cadence(4, 10));
    onlyAnswerTo(say(ANNA, "cadence default"), ANNA);
  }

  @Test
  void aPartnerProposesARhythmThatTheCoordinatorAcceptsAsProposed() {
    startSchoolCase();

    List<OutboundMessage> proposed = say(BERT, "cadence 2");
    assertThat(theCase().settings().cadence()).isNull();
    var accept = button(inChannel(proposed), Actions.CADENCE);
    // Meanwhile the coordinator changed the reflection; the proposal still means what it said.
    say(ANNA, "ritme 6 reflectie 0");

    kring.press(ANNA, ROOM, accept.action(), accept.value());

    assertThat(theCase().settings().cadence()).isEqualTo(new Cadence(2, 10));
    sent();
    kring.press(CARO, ROOM, accept.action(), accept.value());
    assertThat(onlyAnswerTo(sent(), CARO)).isNotEmpty();
  }

  @Test
  void aRhythmOutOfRangeOrMistypedIsExplainedAndChangesNothing() {
    startSchoolCase();

    eachAnswered(
        ANNA,
        "ritme ",
        List.of("0", "21", "3 reflectie 41", "three", "3 6", "3 reflection", "-2"),
        "ritme 3 reflectie 6");
    assertThat(theCase().settings().cadence()).isNull();
  }

  @Test
  void someoneOutsideTheCaseCannotChangeOrProposeAnything() {
    startWith("care-coordinator", Map.of(BERT, "clb"));

    eachAnswered(
        CARO,
        "",
        List.of(
            "ritme 3",
            "ritme",
            "werkuren zaak 9-15",
            "vrije dag 2026-12-07",
            "vakanties uit",
            "pauzeer"),
        "aansluiten");
    assertThat(theCase().settings()).isEqualTo(CaseSettings.DEFAULT);
    assertThat(theCase().paused()).isFalse();
  }

  @Test
  void proposingWhatAlreadyHoldsPostsNothing() {
    startSchoolCase();
    say(ANNA, "pause");

    assertThat(onlyAnswerTo(say(BERT, "pause"), BERT)).isNotEmpty();
    assertThat(onlyAnswerTo(say(BERT, "hours case 8-17"), BERT)).contains("08:00–17:00");
  }

  // ---- the schedule shows it all

  @Test
  void theScheduleShowsTheCalendarAndWhoSetTheRhythm() {
    startSchoolCase();
    String before = words(onlyAnswerToAnyone(say(ANNA, "planning")));
    assertThat(before)
        .contains("08:00–17:00")
        .contains("niet in de schoolvakanties")
        .contains("4 schoolweken een check-in")
        .contains("zoals afgesproken")
        .doesNotContain("Vrije dagen");

    say(ANNA, "werkuren zaak 9-16");
    say(ANNA, "ritme 3 reflectie 6");
    say(CARO, "vrije dag 2026-12-07");
    say(BERT, "werkuren 13-17");

    String after = words(onlyAnswerToAnyone(say(BERT, "planning")));
    assertThat(after)
        .contains("09:00–16:00")
        .contains("3 schoolweken een check-in")
        .contains("ingesteld door de regiehouder")
        .contains("7 dec")
        .contains("13:00–17:00");
  }

  static OutboundMessage onlyAnswerToAnyone(List<OutboundMessage> messages) {
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).to().isPrivate()).isTrue();
    return messages.get(0);
  }
}
