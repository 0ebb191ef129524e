package kring.core.conversation.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.RunningCasePromptsTest;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.reply.Buttons;
import kring.scheduler.planning.PromptBudget;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The representative is reminded, once and within their few prompts, when the view the family
 * shared through their page is older than the version the partners agreed since.
 */
class FamilyViewReminderTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room");
  static final ChannelRef BERTS_CHAT = new ChannelRef(Platform.PLAYGROUND, "local", "dm-bert");
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final Speaker ANNA = FamilyWorld.speaker("anna", "Anna Peeters");
  static final Speaker BERT = FamilyWorld.speaker("bert", "Bert Claes");
  static final Speaker CARL = FamilyWorld.speaker("carl", "Carl Maes");
  static final List<UserRef> PARTNERS = List.of(ANNA.user(), BERT.user(), CARL.user());
  static final Pattern LINK = Pattern.compile("/familie/([A-Za-z0-9_-]{43})");

  MovableClock clock;
  ScheduledKring world;
  int mother;
  final List<OutboundMessage> toBert = new ArrayList<>();

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  @BeforeEach
  void setUp() {
    // Monday 12 January 2026, 09:00 in Brussels: the partners agree on the first version.
    clock = new MovableClock(local("2026-01-12T09:00"), BRUSSELS);
    world = new ScheduledKring(clock, 3);
    Case c =
        Samples.activeCase(CODE, ROOM, PARTNERS, CollaborationLevel.COORDINATION, clock.instant());
    world.cases.create(c);
    world.prompts.replan(c);
    world.kring.say(ANNA, ROOM, "represent mother P2");
    mother = theCase().team().seqsGiven();
    world.outbox.clear();
  }

  Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  /** The mother answers through her link an hour later, and Bert shares it whole. */
  void familyShares() {
    clock.advance(Duration.ofHours(1));
    world.kring.say(BERT, ROOM, "voicelink P" + mother);
    Matcher link = LINK.matcher(world.outbox.messages().toString());
    assertThat(link.find()).isTrue();
    world.outbox.clear();
    world
        .kring
        .family()
        .answer(
            link.group(1),
            new FamilyAnswers(false, 4, 3, "", "More calm at home.", clock.instant()),
            Map.of());
    Buttons.Button share =
        RunningCasePromptsTest.button(world.outbox.messages().get(0), FamilyFlow.SHARE);
    world.kring.press(BERT, BERTS_CHAT, share.action(), share.value());
    assertThat(theCase().partner(mother).orElseThrow().voice().recordedBySeq()).isEqualTo(mother);
    world.outbox.clear();
  }

  /** The partners agree on a new version (Carl becomes the backup). */
  void agreeAgain() {
    Case again = Samples.withBackup(theCase(), 3, PARTNERS, clock.instant());
    world.cases.update(again);
    world.prompts.replan(theCase());
  }

  /** Moves time in half hours until {@code until}, running the poller as every node would. */
  void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      world.prompts.runDue();
      world.outbox.messages().stream()
          .filter(m -> m.kind() == MessageKind.REMINDER && BERT.user().equals(m.to().person()))
          .forEach(toBert::add);
      world.outbox.clear();
    }
  }

  List<OutboundMessage> aboutMother() {
    return toBert.stream()
        .filter(m -> m.reply().blocks().toString().contains("The view of mother"))
        .toList();
  }

  static LocalDate day(OutboundMessage m) {
    return m.createdAt().atZone(BRUSSELS).toLocalDate();
  }

  @Test
  void noReminderWhileTheFamilysViewIsNewerThanTheAgreement() {
    familyShares();

    live(local("2026-02-13T17:00"));

    assertThat(aboutMother()).isEmpty();
  }

  @Test
  void onceTheAgreementIsNewerTheRepresentativeIsRemindedOnceWithTheLinkCommand() {
    familyShares();
    live(local("2026-02-02T09:00"));
    agreeAgain();

    live(local("2026-03-13T17:00"));

    assertThat(aboutMother()).hasSize(1);
    OutboundMessage reminder = aboutMother().get(0);
    assertThat(day(reminder)).isEqualTo(LocalDate.parse("2026-02-09"));
    assertThat(reminder.to().isPrivate()).isTrue();
    assertThat(reminder.reply().blocks().toString())
        .contains("The view the family gave themselves is older than the agreement.")
        .contains("“voicelink P" + mother + "”");
  }

  @Test
  void theReminderCountsAgainstTheRepresentativesShare() {
    familyShares();
    live(local("2026-02-02T09:00"));
    agreeAgain();
    // Bert already had a message on the Monday it comes due. What can wait leaves the week's last
    // message for what cannot, so it waits for the next school week (after the spring holiday).
    LocalDate due = LocalDate.parse("2026-02-09");
    assertThat(world.budget.take(Set.of(BERT.user()), due, due).get(BERT.user()))
        .isEqualTo(PromptBudget.Share.GRANTED);

    live(local("2026-02-27T17:00"));

    assertThat(aboutMother()).hasSize(1);
    OutboundMessage reminder = aboutMother().get(0);
    LocalDate nextWeek = LocalDate.parse("2026-02-23");
    assertThat(day(reminder)).isEqualTo(nextWeek);
    assertThat(reminder.reply().blocks().toString()).contains("“voicelink P" + mother + "”");
    // And it used that day's share: nothing else may reach him that day.
    assertThat(world.budget.take(Set.of(BERT.user()), nextWeek, nextWeek).get(BERT.user()))
        .isEqualTo(PromptBudget.Share.DAY_USED);
  }

  @Test
  void noFamilyReminderWithoutAViewFromTheFamily() {
    live(local("2026-02-02T09:00"));
    agreeAgain();

    live(local("2026-03-13T17:00"));

    assertThat(toBert).isNotEmpty();
    assertThat(toBert.toString()).doesNotContain("voicelink").doesNotContain("the family gave");
  }
}
