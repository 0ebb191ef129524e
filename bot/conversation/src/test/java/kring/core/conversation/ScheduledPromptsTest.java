package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScheduledPromptsTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room");
  static final Speaker ANNA = KringConversationTest.speaker("anna", "Anna");
  static final Speaker BERT = KringConversationTest.speaker("bert", "Bert");

  MovableClock clock;
  InMemoryCases cases;
  InMemoryDuePrompts due;
  RecordingOutbox outbox;
  KringConversation kring;
  ScheduledPrompts prompts;
  List<OutboundMessage> reminders = new ArrayList<>();

  @BeforeEach
  void setUp() {
    // Monday 12 January 2026, 09:00 in Brussels: a school day.
    clock = new MovableClock(local("2026-01-12T09:00"), BRUSSELS);
    ScheduledKring world = new ScheduledKring(clock, 3);
    cases = world.cases;
    due = world.due;
    outbox = world.outbox;
    prompts = world.prompts;
    kring = world.kring;
  }

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  /** Moves time in half hours until {@code until}, running the poller as every node would. */
  void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      outbox.clear();
      prompts.runDue();
      outbox.messages().stream()
          .filter(m -> m.kind() == MessageKind.REMINDER)
          .forEach(reminders::add);
    }
  }

  Case theCase() {
    return cases.findByChannel(ROOM).orElseThrow();
  }

  void startWithBert() {
    kring.say(ANNA, ROOM, "start");
    Form join = kring.say(BERT, ROOM, "join").form();
    Map<String, String> values = new HashMap<>(join.hidden());
    join.inputs().forEach(i -> values.put(i.name(), i.value()));
    values.put("role", "clb");
    kring.submit(BERT, ROOM, join.id(), values);
    String accept =
        outbox.messages().stream()
            .flatMap(m -> m.reply().blocks().stream())
            .filter(Buttons.class::isInstance)
            .flatMap(b -> ((Buttons) b).buttons().stream())
            .filter(b -> b.action().equals(Actions.ACCEPT_JOIN))
            .findFirst()
            .orElseThrow()
            .value();
    kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, accept);
  }

  List<String> sentTo(UserRef person) {
    return reminders.stream()
        .filter(m -> person.equals(m.to().person()))
        .map(m -> ZonedDateTime.ofInstant(m.createdAt(), BRUSSELS).toLocalDateTime().toString())
        .toList();
  }

  @Test
  void remindsEachWaitingPartnerAfterTwoFiveAndTenSchoolDaysThenTellsTheCoordinator() {
    startWithBert();

    live(local("2026-02-06T18:00"));

    // 2, 5 and 10 school days after Monday 12 January, at 10:00 (the poller runs every half hour).
    assertThat(sentTo(BERT.user()))
        .containsExactly("2026-01-14T10:00", "2026-01-19T10:00", "2026-01-26T10:00");
    assertThat(sentTo(ANNA.user()))
        .containsExactly(
            "2026-01-14T10:00", "2026-01-19T10:00", "2026-01-26T10:00", "2026-01-28T10:00");
    OutboundMessage escalation = reminders.get(reminders.size() - 1);
    assertThat(escalation.to().person()).isEqualTo(ANNA.user());
    assertThat(escalation.reply().blocks().toString()).contains("Bert").doesNotContain("Anna,");
    assertThat(reminders).allMatch(m -> m.to().isPrivate());
  }

  /** Anna proposes a goal and a role split: version 2, which waits for everyone to confirm. */
  void annaProposesAnAgreement() {
    Form goal = kring.say(ANNA, ROOM, "goal").form();
    Map<String, String> values = new HashMap<>(goal.hidden());
    goal.inputs().forEach(i -> values.put(i.name(), i.value()));
    values.put("goal", "Back in class");
    kring.submit(ANNA, ROOM, goal.id(), values);
    Form roles = kring.say(ANNA, ROOM, "roles").form();
    Map<String, String> tasks = new HashMap<>(roles.hidden());
    roles.inputs().forEach(i -> tasks.put(i.name(), i.value()));
    tasks.put("does.P1", "Coordinates");
    kring.submit(ANNA, ROOM, roles.id(), tasks);
  }

  @Test
  void remindersStopTheMomentTheLastPartnerConfirms() {
    startWithBert();
    annaProposesAnAgreement();
    kring.say(ANNA, ROOM, "agree");

    live(local("2026-01-15T12:00"));
    assertThat(sentTo(BERT.user())).containsExactly("2026-01-14T10:00");
    assertThat(sentTo(ANNA.user())).isEmpty();

    kring.say(BERT, ROOM, "agree");
    assertThat(theCase().status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(due.planned(theCase().code()))
        .extracting(DuePrompt::kind)
        .doesNotContain(PromptKind.KICKOFF_REMINDER, PromptKind.KICKOFF_ESCALATION);
    live(local("2026-02-06T12:00"));

    // What follows is the running case's rhythm, not the kickoff's 19 and 26 January reminders.
    assertThat(sentTo(BERT.user())).containsExactly("2026-01-14T10:00", "2026-01-29T10:00");
    assertThat(reminders.get(1).reply().blocks().toString()).contains("Nieuws voor casus");
    assertThat(sentTo(ANNA.user())).containsExactly("2026-01-29T10:00");
  }

  @Test
  void theAgreementAReminderShowsInAPrivateChatCanBeChangedFromThere() {
    startWithBert();
    annaProposesAnAgreement();
    live(local("2026-01-14T11:00"));
    OutboundMessage reminder = reminders.get(reminders.size() - 1);
    assertThat(reminder.to().person()).isEqualTo(BERT.user());
    ChannelRef bertsChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");
    outbox.clear();

    Buttons.Button read = RunningCasePromptsTest.button(reminder, Actions.READ_AGREEMENT);
    kring.press(BERT, bertsChat, read.action(), read.value());
    OutboundMessage agreement = outbox.messages().get(0);
    assertThat(agreement.to().channel()).isEqualTo(bertsChat);
    Buttons.Button edit = RunningCasePromptsTest.button(agreement, Actions.OPEN_FORM, Forms.ROLES);
    Form roles = kring.press(BERT, bertsChat, edit.action(), edit.value()).form();

    assertThat(roles).isNotNull();
    assertThat(roles.id()).isEqualTo(Forms.ROLES);
    assertThat(roles.hidden()).containsEntry(Forms.CASE, theCase().code().value());
  }

  @Test
  void aReminderDueWhileKringWasDownIsSentWhenItIsBackWithinItsWindowOnly() {
    startWithBert();

    // Kring is down from Tuesday evening until Wednesday 14:00: the 10:00 reminders still go out.
    clock.advance(Duration.between(clock.instant(), local("2026-01-14T14:00")));
    prompts.runDue();
    assertThat(outbox.messages().stream().filter(m -> m.kind() == MessageKind.REMINDER)).hasSize(2);

    // Down from before Monday 19 January 10:00 until Thursday: the window of 2 days has passed.
    outbox.clear();
    clock.advance(Duration.between(clock.instant(), local("2026-01-22T11:00")));
    prompts.runDue();
    assertThat(outbox.messages().stream().filter(m -> m.kind() == MessageKind.REMINDER)).isEmpty();
  }

  @Test
  void theCoordinatorSeesWhoGetsWhatAndAPartnerSeesOnlyWhen() {
    startWithBert();
    outbox.clear();

    kring.say(ANNA, ROOM, "planning");
    String forAnna = outbox.messages().get(0).reply().blocks().toString();
    assertThat(forAnna).contains("aan Bert").contains("aan Anna").contains("14 jan. 2026 10:00");

    outbox.clear();
    kring.say(BERT, ROOM, "schedule");
    String forBert = outbox.messages().get(0).reply().blocks().toString();
    assertThat(forBert).contains("aan jou").doesNotContain("Anna");
  }

  @Test
  void thePlanningShowsTheCoordinatorWhatBecameOfThePromptsByKind() {
    startWithBert();
    live(local("2026-02-06T18:00"));
    outbox.clear();

    kring.say(ANNA, ROOM, "planning");
    String forAnna = outbox.messages().get(0).reply().blocks().toString();
    // Bert had three kickoff reminders, Anna three and the note about who is missing, each alone.
    assertThat(forAnna)
        .contains("Wat er tot nu toe met de berichten van Kring")
        .contains(
            "label=Een herinnering om de afspraken te bevestigen, value=Apart verstuurd: 6. Samen"
                + " met andere: 0. Uitgesteld naar een latere dag: 0. Niet verstuurd omdat het te"
                + " laat was: 0.")
        .contains(
            "label=Een bericht aan de regiehouder over wie nog ontbreekt, value=Apart verstuurd:"
                + " 1.");

    outbox.clear();
    kring.say(BERT, ROOM, "planning");
    assertThat(outbox.messages().get(0).reply().blocks().toString())
        .doesNotContain("Wat er tot nu toe");
  }

  @Test
  void aPausedCaseGetsNoRemindersUntilItResumesAndAPartnerCanOnlyProposeIt() {
    startWithBert();
    outbox.clear();

    kring.say(BERT, ROOM, "pause");
    assertThat(theCase().paused()).isFalse();
    Buttons.Button proposal =
        outbox.messages().stream()
            .filter(m -> !m.to().isPrivate())
            .flatMap(m -> m.reply().blocks().stream())
            .filter(Buttons.class::isInstance)
            .flatMap(b -> ((Buttons) b).buttons().stream())
            .findFirst()
            .orElseThrow();
    kring.press(BERT, ROOM, proposal.action(), proposal.value());
    assertThat(theCase().paused()).isFalse();
    kring.press(ANNA, ROOM, proposal.action(), proposal.value());
    assertThat(theCase().paused()).isTrue();
    assertThat(due.planned(theCase().code())).isEmpty();

    live(local("2026-01-20T18:00"));
    assertThat(reminders).isEmpty();

    kring.say(ANNA, ROOM, "hervat");
    assertThat(theCase().paused()).isFalse();
    live(local("2026-01-27T18:00"));
    // The first two reminders were due while paused and are gone; the third still comes.
    assertThat(sentTo(BERT.user())).containsExactly("2026-01-26T10:00");
  }

  @Test
  void aReminderFoundDueInTheEveningWaitsForTheNextSchoolMorning() {
    startWithBert();
    outbox.clear();

    // Kring is down all Wednesday 14 January and comes back at 19:00.
    clock.advance(Duration.between(clock.instant(), local("2026-01-14T19:00")));
    prompts.runDue();
    assertThat(outbox.messages()).isEmpty();

    live(local("2026-01-15T09:00"));
    assertThat(sentTo(BERT.user())).containsExactly("2026-01-15T08:00");
  }

  @Test
  void aPartnersOwnHoursMoveOnlyTheirRemindersIntoThem() {
    startWithBert();
    kring.say(BERT, ROOM, "werkuren 13:00-17:00");

    live(local("2026-01-15T18:00"));

    assertThat(sentTo(BERT.user())).containsExactly("2026-01-14T13:00");
    assertThat(sentTo(ANNA.user())).containsExactly("2026-01-14T10:00");
  }

  @Test
  void theCasesHoursAndASchoolFreeDayMoveEveryonesReminders() {
    startWithBert();
    kring.say(ANNA, ROOM, "werkuren zaak 11:00-16:00");
    kring.say(ANNA, ROOM, "vrije dag 2026-01-14");

    live(local("2026-01-20T18:00"));

    // Two school days after Monday skip the free Wednesday; five end on Tuesday 20 January.
    assertThat(sentTo(BERT.user())).containsExactly("2026-01-15T11:00", "2026-01-20T11:00");
    assertThat(sentTo(ANNA.user())).containsExactly("2026-01-15T11:00", "2026-01-20T11:00");
  }
}
