package kring.core.conversation.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.Actions;
import kring.core.conversation.DataSubjects;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.RunningCasePromptsTest;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.privacy.Erasure;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.core.store.StepwiseCaseStore;
import kring.scheduler.planning.PromptKind;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** People who come and go: leaving, handing over, taking over, and the start-of-year check. */
class TeamChangesTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room");
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final Speaker ANNA = KringConversationTest.speaker("anna", "Anna");
  static final Speaker BERT = KringConversationTest.speaker("bert", "Bert");
  static final Speaker CARL = KringConversationTest.speaker("carl", "Carl");
  static final Speaker DEE = KringConversationTest.speaker("dee", "Dee");

  MovableClock clock;
  ScheduledKring world;
  KringConversation kring;

  @BeforeEach
  void setUp() {
    // Monday 11 May 2026, 09:00 in Brussels.
    clock = new MovableClock(local("2026-05-11T09:00"), BRUSSELS);
    world = new ScheduledKring(clock, 5);
    kring = world.kring;
  }

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  void activeCase(int backupSeq) {
    Case c =
        Samples.activeCase(
            CODE,
            ROOM,
            List.of(ANNA.user(), BERT.user(), CARL.user()),
            CollaborationLevel.COORDINATION,
            clock.instant());
    if (backupSeq > 0) {
      c =
          Samples.withBackup(
              c, backupSeq, List.of(ANNA.user(), BERT.user(), CARL.user()), clock.instant());
    }
    world.cases.create(c);
    world.prompts.replan(c);
  }

  Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  List<OutboundMessage> sent() {
    return world.outbox.messages();
  }

  String toChannel() {
    return sent().stream()
        .filter(m -> !m.to().isPrivate())
        .map(m -> m.reply().blocks().toString())
        .reduce("", String::concat);
  }

  OutboundMessage lastTo(Speaker person) {
    return sent().stream()
        .filter(m -> person.user().equals(m.to().person()))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  static Buttons.Button button(OutboundMessage m, String action, String valueStart) {
    return RunningCasePromptsTest.button(m, action, valueStart);
  }

  Map<String, String> filled(Form form, Map<String, String> answers) {
    Map<String, String> values = new HashMap<>(form.hidden());
    form.inputs().forEach(i -> values.put(i.name(), i.value()));
    values.putAll(answers);
    return values;
  }

  @Test
  void aPartnerWhoLeavesIsAskedForAHandoverThatTheirSuccessorInTheSameRoleGetsPrivately() {
    activeCase(0);

    kring.memberLeft(BERT.user(), ROOM);

    assertThat(theCase().partner(BERT.user())).isEmpty();
    assertThat(theCase().team().leftPartner(BERT.user())).isPresent();
    assertThat(toChannel()).contains("Partner 2 — CLB worker left the case");
    ChannelRef bertsChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");
    Buttons.Button write = button(lastTo(BERT), Actions.OPEN_FORM, Forms.HANDOVER);
    Form form = kring.press(BERT, bertsChat, write.action(), write.value()).form();
    kring.submit(
        BERT,
        bertsChat,
        form.id(),
        filled(form, Map.of("note", "Call the mother on Mondays.", "successor", "Dee")));
    assertThat(theCase().activity().handovers()).hasSize(1);
    // Nothing else of the case opens for someone who left.
    world.outbox.clear();
    kring.press(BERT, bertsChat, Actions.NOTHING_NEW, CODE.value());
    assertThat(lastTo(BERT).reply().blocks().toString()).contains("andere casus");

    Form join = kring.say(DEE, ROOM, "join").form();
    kring.submit(DEE, ROOM, join.id(), filled(join, Map.of("role", "clb")));
    String accept =
        sent().stream()
            .filter(m -> m.reply().blocks().toString().contains(Actions.ACCEPT_JOIN))
            .map(m -> button(m, Actions.ACCEPT_JOIN, "").value())
            .findFirst()
            .orElseThrow();
    kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, accept);

    String forDee =
        sent().stream()
            .filter(m -> DEE.user().equals(m.to().person()))
            .map(m -> m.reply().blocks().toString())
            .reduce("", String::concat);
    assertThat(forDee).contains("Call the mother on Mondays.").contains("Dee");
    assertThat(theCase().activity().handovers().get(0).givenTo()).hasSize(1);
    assertThat(toChannel()).doesNotContain("Call the mother");
    world.outbox.clear();
    kring.say(ANNA, ROOM, "card");
    assertThat(lastTo(ANNA).reply().blocks().toString()).contains("Open since Partner 2");
  }

  @Test
  void theBackupTakesOverWhenTheCoordinatorLeaves() {
    activeCase(2);

    kring.say(ANNA, ROOM, "leave");

    assertThat(theCase().coordinator()).map(p -> p.user()).contains(BERT.user());
    assertThat(theCase().backup()).isEmpty();
    assertThat(toChannel()).contains("now coordinates");
    world.outbox.clear();
    kring.say(BERT, ROOM, "pause");
    assertThat(theCase().paused()).isTrue();
  }

  @Test
  void withoutABackupNobodyCoordinatesAndThePartnersAreAskedToAgreeOnSomeone() {
    activeCase(0);

    kring.say(ANNA, ROOM, "vertrek");

    assertThat(theCase().coordinator()).isEmpty();
    assertThat(toChannel()).contains("there is no backup");
    assertThat(world.due.planned(CODE)).noneMatch(p -> p.person().equals(ANNA.user()));
  }

  @Test
  void whenTheCoordinatorAsksToBeForgottenTheBackupTakesOverAndTheChannelIsTold() {
    activeCase(2);

    forget(ANNA);

    assertThat(theCase().coordinator()).map(Partner::user).contains(BERT.user());
    assertThat(toChannel()).contains("now coordinates");
    assertThat(world.due.planned(CODE)).noneMatch(p -> ANNA.user().equals(p.person()));
  }

  @Test
  void withoutABackupAForgottenCoordinatorLeavesThePartnersAskedToAgreeOnSomeone() {
    activeCase(0);

    forget(ANNA);

    assertThat(theCase().coordinator()).isEmpty();
    assertThat(toChannel()).contains("there is no backup");
  }

  @Test
  void anOperatorErasureOfTheCoordinatorIsAnnouncedAndTheCaseIsPlannedAnewInTheSameCommit() {
    activeCase(2);
    List<PromptKind> plannedBefore =
        world.due.planned(CODE).stream().map(p -> p.kind()).sorted().toList();
    assertThat(world.due.planned(CODE)).anyMatch(p -> ANNA.user().equals(p.person()));
    operator().erase(ANNA.user());

    assertThat(theCase().coordinator()).map(Partner::user).contains(BERT.user());
    assertThat(toChannel()).contains("data-protection request", "now coordinates");
    assertThat(world.due.planned(CODE)).noneMatch(p -> ANNA.user().equals(p.person()));
    // Three partners no longer make a reflection round (too few to stay anonymous); the rest stays.
    assertThat(world.due.planned(CODE))
        .filteredOn(p -> p.kind() != PromptKind.UPDATE_DUE)
        .extracting(p -> p.kind())
        .containsAll(
            plannedBefore.stream()
                .filter(k -> k != PromptKind.UPDATE_DUE && k != PromptKind.REFLECTION_OPEN)
                .toList());
    assertThat(world.due.planned(CODE))
        .filteredOn(p -> p.kind() == PromptKind.TEAM_CHECK)
        .extracting(p -> p.person())
        .containsExactly(BERT.user());
  }

  @Test
  void theCoordinatorsHandoverNoteReachesTheBackupWhoTookOver() {
    activeCase(2);

    annaLeavesANote("The mother prefers mail.");

    assertThat(lastTo(BERT).reply().blocks().toString()).contains("The mother prefers mail.");
    assertThat(toChannel()).doesNotContain("The mother prefers mail.");
    assertThat(theCase().activity().handovers().get(0).givenTo()).containsExactly(2);
  }

  @Test
  void aCoordinatorsHandoverNoteWithoutABackupReachesTheCoordinatorAgreedOnLater() {
    activeCase(0);
    annaLeavesANote("The mother prefers mail.");
    assertThat(theCase().coordinator()).isEmpty();
    world.outbox.clear();

    Form goal = kring.say(BERT, ROOM, "goal").form();
    kring.submit(BERT, ROOM, goal.id(), filled(goal, Map.of("coordinator", "P2")));
    int version = theCase().agreements().currentVersion();
    kring.press(BERT, ROOM, Actions.CONFIRM, CODE.value() + ":" + version);
    assertThat(sent()).noneMatch(m -> m.reply().blocks().toString().contains("prefers mail"));
    kring.press(CARL, ROOM, Actions.CONFIRM, CODE.value() + ":" + version);

    assertThat(theCase().coordinator().map(Partner::seq)).contains(2);
    assertThat(lastTo(BERT).reply().blocks().toString()).contains("The mother prefers mail.");
    assertThat(toChannel()).doesNotContain("The mother prefers mail.");
    assertThat(theCase().activity().handovers().get(0).givenTo()).containsExactly(2);
  }

  /** Anna, the coordinator, leaves and writes a handover note from her private chat. */
  private void annaLeavesANote(String text) {
    kring.say(ANNA, ROOM, "leave");
    ChannelRef annasChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-anna");
    Buttons.Button write = button(lastTo(ANNA), Actions.OPEN_FORM, Forms.HANDOVER);
    Form form = kring.press(ANNA, annasChat, write.action(), write.value()).form();
    world.outbox.clear();
    kring.submit(ANNA, annasChat, form.id(), filled(form, Map.of("note", text)));
  }

  /** The ways a coordinator can be taken out of a case. */
  enum Away {
    LEAVES,
    LEAVES_THE_CHANNEL,
    IS_REMOVED_BY_THE_BACKUP,
    ASKS_TO_BE_FORGOTTEN,
    IS_ERASED_BY_THE_OPERATOR
  }

  @ParameterizedTest
  @EnumSource(Away.class)
  void whateverTakesTheCoordinatorAwayTheBackupTakesOverAnnouncedAndPlannedAnew(Away away) {
    activeCase(2);
    switch (away) {
      case LEAVES -> kring.say(ANNA, ROOM, "leave");
      case LEAVES_THE_CHANNEL -> kring.memberLeft(ANNA.user(), ROOM);
      case IS_REMOVED_BY_THE_BACKUP -> kring.say(BERT, ROOM, "remove P1");
      case ASKS_TO_BE_FORGOTTEN -> forget(ANNA);
      case IS_ERASED_BY_THE_OPERATOR -> operator().erase(ANNA.user());
    }

    assertThat(theCase().coordinator()).map(Partner::user).contains(BERT.user());
    assertThat(toChannel()).contains("now coordinates");
    assertThat(world.due.planned(CODE)).noneMatch(p -> ANNA.user().equals(p.person()));
    assertThat(world.due.planned(CODE))
        .filteredOn(p -> p.kind() == PromptKind.TEAM_CHECK)
        .extracting(p -> p.person())
        .containsExactly(BERT.user());
  }

  /** The operator's data-subject requests, planning cases as the application does. */
  private DataSubjects operator() {
    return new DataSubjects(
        world.cases,
        world.people,
        world.outbox,
        Erasure.NONE,
        clock,
        new StepwiseCaseStore(world.cases, world.outbox, world.prompts, clock),
        world.prompts);
  }

  private void forget(Speaker who) {
    kring.say(who, ROOM, "forget me");
    Buttons.Button confirm = button(lastTo(who), Actions.FORGET_ME, "");
    kring.press(who, ROOM, confirm.action(), confirm.value());
  }

  @Test
  void aPausedCaseSaysSoOnTheCardAndInItsStatus() {
    activeCase(0);
    kring.say(ANNA, ROOM, "pause");

    kring.say(ANNA, ROOM, "card");
    String card = KringConversationTest.words(lastTo(ANNA));
    kring.say(ANNA, ROOM, "status");
    String status = KringConversationTest.words(lastTo(ANNA));

    assertThat(card).contains("Paused").doesNotContain("Active");
    assertThat(status).contains("Paused").doesNotContain("Active");
  }

  @Test
  void theStatusCountsThePartnersWhoActAndCallsTheAgreedVersionAgreed() {
    activeCase(0);
    kring.say(CARL, ROOM, "leave");
    world.cases.update(theCase().represent(ANNA.user(), "mother", Role.PARENT, 2, clock.instant()));

    kring.say(ANNA, ROOM, "status");

    String status = KringConversationTest.words(lastTo(ANNA));
    assertThat(status).contains("Partners: 2").contains("Version 1: agreed");
  }

  @Test
  void theCardShowsARepresentedPersonsNumberAndWhoRecordedTheirView() {
    activeCase(0);
    Case represented =
        world.cases.update(
            theCase().represent(ANNA.user(), "mother", Role.PARENT, 2, clock.instant()));
    int mother = represented.team().seqsGiven();
    world.cases.update(
        theCase().recordVoice(ANNA.user(), mother, "Back to school", "", clock.instant()));

    kring.say(CARL, ROOM, "card");

    String card = KringConversationTest.words(lastTo(CARL));
    assertThat(card).contains("P" + mother + " mother").contains("recorded by Partner 1");
  }

  @Test
  void afterTheCoordinatorLeftTheGoalFormChoosesTheBackupWhoTookOverAndSubmitsUnchanged() {
    activeCase(2);
    kring.say(ANNA, ROOM, "leave");

    Form goal = kring.say(BERT, ROOM, "goal").form();
    Form.Input coordinator =
        goal.inputs().stream()
            .filter(i -> i.name().equals("coordinator"))
            .findFirst()
            .orElseThrow();
    assertThat(coordinator.value()).isEqualTo("P2");
    world.outbox.clear();
    kring.submit(BERT, ROOM, goal.id(), filled(goal, Map.of()));

    assertThat(theCase().agreements().currentVersion()).isEqualTo(3);
    assertThat(theCase().currentAgreement().orElseThrow().coordinatorSeq()).isEqualTo(2);
  }

  @Test
  void onlyTheCoordinatorOrBackupRemovesSomeoneElse() {
    activeCase(0);

    kring.say(BERT, ROOM, "remove P3");
    assertThat(theCase().partner(CARL.user())).isPresent();
    assertThat(lastTo(BERT).reply().blocks().toString()).contains("Only the coordinator");

    kring.say(ANNA, ROOM, "verwijder P3");
    assertThat(theCase().partner(CARL.user())).isEmpty();
    assertThat(theCase().audit().get(theCase().audit().size() - 1).event())
        .isEqualTo(AuditEvent.PARTNER_REMOVED);
  }

  @Test
  void onTheFirstSchoolDayOfSeptemberTheCoordinatorChecksWhoIsStillOnTheTeam() {
    activeCase(0);
    List<OutboundMessage> reminders = new ArrayList<>();
    while (clock.instant().isBefore(local("2026-09-01T12:00"))) {
      clock.advance(Duration.ofMinutes(30));
      world.outbox.clear();
      world.prompts.runDue();
      world.outbox.messages().stream()
          .filter(m -> m.kind() == MessageKind.REMINDER)
          .forEach(reminders::add);
    }
    OutboundMessage check =
        reminders.stream()
            .filter(m -> m.reply().blocks().toString().contains("New school year"))
            .findFirst()
            .orElseThrow();
    assertThat(check.to().person()).isEqualTo(ANNA.user());
    assertThat(check.createdAt()).isEqualTo(local("2026-09-01T10:00"));
    assertThat(world.due.planned(CODE))
        .filteredOn(p -> p.kind() == PromptKind.TEAM_CHECK)
        .isEmpty();

    Buttons.Button bertLeft = button(check, Actions.TEAM_LEFT, CODE.value() + " 2");
    kring.press(
        ANNA,
        new ChannelRef(Platform.PLAYGROUND, "local", "dm-anna"),
        bertLeft.action(),
        bertLeft.value());

    assertThat(theCase().partner(BERT.user())).isEmpty();
    assertThat(lastTo(BERT).reply().blocks().toString()).contains("handover");
  }

  @Test
  void theCoordinatorMovesTheCaseToANewChannelWithItsHistoryAndOthersCannot() {
    activeCase(0);
    ChannelRef newRoom = new ChannelRef(Platform.PLAYGROUND, "local", "new-room");
    kring.channelLost(ROOM, "channel_archive");
    assertThat(theCase().paused()).isTrue();

    kring.say(BERT, newRoom, "move " + CODE.value());
    assertThat(theCase().channel()).isEqualTo(ROOM);
    // Outside any case Kring speaks Dutch to someone who chose no language.
    assertThat(lastTo(BERT).reply().blocks().toString()).contains("Alleen de regiehouder");

    kring.say(ANNA, newRoom, "verhuis k-7f3q");

    assertThat(theCase().channel()).isEqualTo(newRoom);
    assertThat(theCase().paused()).isFalse();
    assertThat(world.cases.findByChannel(newRoom)).isPresent();
    assertThat(world.cases.findByChannel(ROOM)).isEmpty();
    assertThat(theCase().agreements().agreed()).isPresent();
    assertThat(sent())
        .anyMatch(
            m -> ROOM.equals(m.to().channel()) && m.reply().blocks().toString().contains("moved"));
    assertThat(sent())
        .anyMatch(
            m ->
                newRoom.equals(m.to().channel())
                    && m.reply().blocks().toString().contains("now lives"));
    assertThat(sent())
        .as("the case card names people: it is shown only to the coordinator")
        .noneMatch(m -> !m.to().isPrivate() && m.reply().blocks().toString().contains("Partner 2"))
        .anyMatch(
            m ->
                ANNA.user().equals(m.to().person())
                    && m.reply().blocks().toString().contains("Partner 2"));
  }

  @Test
  void aCaseThatLostItsChannelRunsAgainWhenKringIsBackButOneACoordinatorPausedDoesNot() {
    activeCase(0);
    kring.channelLost(ROOM, "bot_removed");

    kring.added(ANNA, ROOM);

    assertThat(theCase().paused()).isFalse();
    assertThat(toChannel()).contains("runs again");
    kring.say(ANNA, ROOM, "pause");
    kring.added(ANNA, ROOM);
    assertThat(theCase().paused()).isTrue();
  }

  @Test
  void aRepresentedParentsViewIsRecordedByTheirRepresentativeAndAskedForWhenMissing() {
    activeCase(0);

    kring.say(ANNA, ROOM, "represent mother P2");
    Partner mother =
        theCase().partners().stream()
            .filter(p -> p.displayName().equals("mother"))
            .findFirst()
            .orElseThrow();
    assertThat(mother.representedBy()).isEqualTo(BERT.user());
    assertThat(mother.confirms()).isFalse();

    List<OutboundMessage> reminders = new ArrayList<>();
    // Five school days after Monday 11 May, Ascension day and the Friday after not counted.
    while (clock.instant().isBefore(local("2026-05-20T12:00"))) {
      clock.advance(Duration.ofMinutes(30));
      world.outbox.clear();
      world.prompts.runDue();
      world.outbox.messages().stream()
          .filter(m -> m.kind() == MessageKind.REMINDER && BERT.user().equals(m.to().person()))
          .forEach(reminders::add);
    }
    OutboundMessage ask =
        reminders.stream()
            .filter(m -> m.reply().blocks().toString().contains("The view of mother"))
            .findFirst()
            .orElseThrow();
    Buttons.Button record = button(ask, Actions.OPEN_FORM, Forms.VOICE);
    ChannelRef bertsChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");
    Form form = kring.press(BERT, bertsChat, record.action(), record.value()).form();
    kring.submit(
        BERT,
        bertsChat,
        form.id(),
        filled(form, Map.of("goal", "She wants him back in school by Easter.")));

    assertThat(theCase().partner(mother.seq()).orElseThrow().voice().onGoal())
        .isEqualTo("She wants him back in school by Easter.");
    assertThat(world.due.planned(CODE)).noneMatch(p -> p.kind() == PromptKind.VOICE_REMINDER);
    world.outbox.clear();
    Form carls = kring.say(CARL, ROOM, "voice P" + mother.seq()).form();
    kring.submit(CARL, ROOM, carls.id(), filled(carls, Map.of("goal", "Something else")));
    assertThat(theCase().partner(mother.seq()).orElseThrow().voice().onGoal())
        .isEqualTo("She wants him back in school by Easter.");
    assertThat(lastTo(CARL).reply().blocks().toString())
        .contains("Only the partner who represents");
    world.outbox.clear();
    kring.say(ANNA, ROOM, "card");
    assertThat(lastTo(ANNA).reply().blocks().toString())
        .contains("Represented by Partner 2")
        .contains("She wants him back in school by Easter.");
  }

  @Test
  void aPartnerProposesToAddThePupilAndTheCoordinatorAcceptsWithOneClick() {
    activeCase(0);

    kring.say(CARL, ROOM, "represent pupil");
    assertThat(theCase().partners()).hasSize(3);
    Buttons.Button add =
        sent().stream()
            .filter(
                m ->
                    !m.to().isPrivate()
                        && m.reply().blocks().toString().contains(Actions.REPRESENT))
            .map(m -> button(m, Actions.REPRESENT, ""))
            .findFirst()
            .orElseThrow();
    kring.press(CARL, ROOM, add.action(), add.value());
    assertThat(theCase().partners()).hasSize(3);
    kring.press(ANNA, ROOM, add.action(), add.value());

    Partner pupil = theCase().partners().get(3);
    assertThat(pupil.role()).isEqualTo(Role.PUPIL);
    assertThat(pupil.representedBy()).isEqualTo(CARL.user());
  }

  @Test
  void thePersonalOverviewListsMyCasesEvenInAPrivateChat() {
    activeCase(0);
    ChannelRef bertsChat = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");

    kring.say(BERT, bertsChat, "overview");

    OutboundMessage overview = lastTo(BERT);
    assertThat(overview.to().isPrivate()).isTrue();
    assertThat(overview.reply().blocks().toString()).contains(CODE.value());
    kring.say(DEE, new ChannelRef(Platform.PLAYGROUND, "local", "dm-dee"), "overzicht");
    assertThat(lastTo(DEE).reply().blocks().toString()).doesNotContain(CODE.value());
  }
}
