package kring.core.conversation.reflection;

import static kring.core.conversation.KringConversationTest.button;
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
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.conversation.Actions;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.i18n.Language;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Place;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reflection.Improvement;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** From a round's "one thing I would change" answers to a new agreement version, and back. */
class AgreedImprovementsConversationTest {

  static final List<Speaker> EVERYONE = List.of(ANNA, BERT, CARL, DEE);

  MovableClock clock;
  ScheduledKring world;
  KringConversation kring;

  @BeforeEach
  void setUp() {
    clock = new MovableClock(local("2026-01-12T09:00"), BRUSSELS);
    world = new ScheduledKring(clock, 3);
    kring = world.kring;
  }

  /** Anna coordinates four partners who agreed version 1. */
  void agreed() {
    List<UserRef> people = EVERYONE.stream().map(Speaker::user).toList();
    world.cases.create(
        Samples.activeCase(CODE, ROOM, people, CollaborationLevel.COORDINATION, clock.instant()));
  }

  /** Anna started the case and three partners joined; nobody proposed an agreement yet. */
  void noAgreementYet() {
    Instant now = clock.instant();
    Case c = Case.start(CODE, null, ROOM, Language.EN, ANNA.user(), "Anna", now);
    for (Speaker who : List.of(BERT, CARL, DEE)) {
      c =
          c.askToJoin(
                  new JoinRequest(
                      who.user(), who.displayName(), null, Sector.CLB, Role.CLB, false, now))
              .acceptJoin(ANNA.user(), who.user(), now);
    }
    world.cases.create(c);
  }

  Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  /** A round everyone answered with a change they would make; returns its summary. */
  OutboundMessage roundWithChanges() {
    Form start = kring.say(ANNA, ROOM, "reflect").form();
    kring.submit(ANNA, ROOM, start.id(), filled(start, Map.of()));
    List<String> changes = List.of("meet every month", "shorter notes", "answer faster", "");
    for (int i = 0; i < EVERYONE.size(); i++) {
      Speaker who = EVERYONE.get(i);
      Form form = kring.press(who, ROOM, Actions.ROUND_ANSWER, "K-7F3Q:1").form();
      kring.submit(who, ROOM, form.id(), filled(form, Map.of("q.change", changes.get(i))));
    }
    return inChannel(world.said());
  }

  /** The coordinator's improvements form, with these changes typed into it. */
  Map<String, String> changes(Form form, String... typed) {
    Map<String, String> values = new HashMap<>(form.hidden());
    for (int i = 1; i <= typed.length; i++) {
      values.put("change." + i, typed[i - 1]);
    }
    return values;
  }

  @Test
  void recordedImprovementsBecomeANewAgreementVersionThatEveryoneConfirms() {
    agreed();
    Buttons.Button improve = button(roundWithChanges(), Actions.ROUND_IMPROVE);
    Form form = kring.press(ANNA, ROOM, improve.action(), improve.value()).form();

    kring.submit(ANNA, ROOM, form.id(), changes(form, "a fixed meeting day", "shorter notes"));

    List<OutboundMessage> said = world.said();
    OutboundMessage post = inChannel(said);
    assertThat(words(post))
        .contains("• a fixed meeting day")
        .contains("They are part of agreement version 2 now");
    OutboundMessage version =
        said.stream()
            .filter(m -> m.place() != null && m.place().name().equals("agreement:2"))
            .filter(m -> !m.to().isPrivate())
            .findFirst()
            .orElseThrow();
    assertThat(button(version, Actions.CONFIRM).value()).isEqualTo("K-7F3Q:2");
    assertThat(said)
        .as("version 1's post loses its confirm button")
        .filteredOn(m -> m.place() != null && m.place().name().equals("agreement:1"))
        .filteredOn(m -> !m.to().isPrivate())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.place().mode()).isEqualTo(Place.Mode.RETIRE);
              assertThat(words(m)).contains("Replaced by version 2");
              assertThat(m.reply().blocks()).noneMatch(Buttons.class::isInstance);
            });
    Case proposed = theCase();
    assertThat(proposed.currentAgreement().orElseThrow().improvements())
        .containsExactly("a fixed meeting day", "shorter notes");
    assertThat(proposed.agreements().agreedVersion()).isEqualTo(1);
    assertThat(proposed.reflections().round(1).orElseThrow().improvements())
        .extracting(Improvement::agreementVersion)
        .containsOnly(2);

    kring.say(BERT, ROOM, "card");
    assertThat(words(onlyTo(world.said(), BERT)))
        .contains("Improvements in version 2 (not yet confirmed by everyone)")
        .contains("• shorter notes");
    kring.press(CARL, ROOM, Actions.READ_AGREEMENT, "K-7F3Q:2");
    assertThat(words(onlyTo(world.said(), CARL)))
        .contains("Improvements we agreed")
        .contains("• a fixed meeting day");
    kring.press(CARL, ROOM, Actions.READ_AGREEMENT, "K-7F3Q:1");
    assertThat(words(onlyTo(world.said(), CARL))).doesNotContain("Improvements we agreed");

    for (Speaker who : EVERYONE) {
      kring.press(who, ROOM, Actions.CONFIRM, "K-7F3Q:2");
    }
    assertThat(theCase().agreements().agreedVersion()).isEqualTo(2);
    world.said();
    kring.say(DEE, ROOM, "card");
    assertThat(words(onlyTo(world.said(), DEE)))
        .contains("Improvements we agreed")
        .contains("• a fixed meeting day")
        .doesNotContain("not yet confirmed");

    // The coordinator's export for their own file lists what the partners agreed to change.
    kring.say(ANNA, ROOM, "log export");
    assertThat(
            world.said().stream()
                .filter(m -> m.to().isPrivate())
                .map(m -> words(m))
                .reduce("", String::concat))
        .contains("Improvements we agreed")
        .contains("- a fixed meeting day")
        .contains("- shorter notes");
  }

  @Test
  void aLaterEditOfTheGoalCarriesTheImprovementsForward() {
    agreed();
    Buttons.Button improve = button(roundWithChanges(), Actions.ROUND_IMPROVE);
    Form form = kring.press(ANNA, ROOM, improve.action(), improve.value()).form();
    kring.submit(ANNA, ROOM, form.id(), changes(form, "a fixed meeting day"));

    Form goal = kring.say(BERT, ROOM, "goal").form();
    kring.submit(BERT, ROOM, goal.id(), filled(goal, Map.of("goal", "Back in class by Easter")));

    Case edited = theCase();
    assertThat(edited.agreements().currentVersion()).isEqualTo(3);
    assertThat(edited.currentAgreement().orElseThrow().goal()).isEqualTo("Back in class by Easter");
    assertThat(edited.currentAgreement().orElseThrow().improvements())
        .containsExactly("a fixed meeting day");
    assertThat(edited.agreements().versions().get(0).improvements()).isEmpty();
  }

  @Test
  void withoutAnAgreementTheImprovementsStayWithTheRound() {
    noAgreementYet();
    Buttons.Button improve = button(roundWithChanges(), Actions.ROUND_IMPROVE);
    Form form = kring.press(ANNA, ROOM, improve.action(), improve.value()).form();

    kring.submit(ANNA, ROOM, form.id(), changes(form, "a fixed meeting day"));

    assertThat(words(inChannel(world.said())))
        .contains("• a fixed meeting day")
        .contains("There is no agreement yet to add them to");
    assertThat(theCase().agreements().versions()).isEmpty();
    assertThat(theCase().reflections().round(1).orElseThrow().improvements())
        .extracting(Improvement::text, Improvement::agreementVersion)
        .containsExactly(tuple("a fixed meeting day", 0));
  }

  @Test
  void onlyTheCoordinatorOrBackupRecordsThemAndBadInputChangesNothing() {
    agreed();
    Buttons.Button improve = button(roundWithChanges(), Actions.ROUND_IMPROVE);
    Form form = kring.press(ANNA, ROOM, improve.action(), improve.value()).form();
    Case before = theCase();

    kring.press(BERT, ROOM, improve.action(), improve.value());
    assertThat(words(onlyTo(world.said(), BERT)))
        .contains("Only the coordinator or the backup records");
    kring.submit(BERT, ROOM, form.id(), changes(form, "Bert decides alone"));
    assertThat(words(onlyTo(world.said(), BERT)))
        .contains("Only the coordinator or the backup records");

    Outcome tooLong = kring.submit(ANNA, ROOM, form.id(), changes(form, "x".repeat(501)));
    assertThat(tooLong.formToShow()).isPresent();
    assertThat(tooLong.form().inputs())
        .filteredOn(i -> i.name().equals("change.1"))
        .singleElement()
        .satisfies(i -> assertThat(i.error()).contains("500"));

    Map<String, String> otherCase = changes(form, "a fixed meeting day");
    otherCase.put(Forms.CASE, "K-2222");
    kring.submit(ANNA, ROOM, form.id(), otherCase);
    assertThat(words(onlyTo(world.said(), ANNA))).contains("belongs to another case");

    assertThat(theCase()).isEqualTo(before);
  }
}
