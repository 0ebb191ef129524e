package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kring.core.cases.CaseStatus;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Private content for people without a personal chat with Kring, in a case channel: one waiting
 * post per person per day, updated in place, and one click to read what waits.
 */
class TeamsWaitingNoticeTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final Instant MORNING = local("2026-03-02T09:00");
  static final MovableClock clock = new MovableClock(MORNING, BRUSSELS);
  static final ChannelRef CASE_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, clock);
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @BeforeEach
  void reset() {
    clock.set(MORNING);
    teams.connector.clear();
  }

  @AfterEach
  void everyCardKeepsToTheAdaptiveCardsSchema() {
    CardSchema.assertKeptBy(teams);
  }

  @Test
  void threePartnersAgreeWithAtMostOneWaitingPostPerPersonOnTheDay() {
    agreeWithThreePartners();

    List<FakeConnector.Posted> channelPosts =
        teams.connector.posted().stream()
            .filter(p -> p.conversationId().equals(Activities.CHANNEL))
            .toList();
    List<FakeConnector.Posted> notices =
        channelPosts.stream().filter(TeamsWaitingNoticeTest::isWaitingNotice).toList();
    assertThat(teams.cases.findByChannel(CASE_CHANNEL).orElseThrow().status())
        .isEqualTo(CaseStatus.ACTIVE);
    // At most one per person on this one day, each mentioning its person.
    for (Activities.Member who : List.of(ANNA, BERT, CARL)) {
      assertThat(notices.stream().filter(p -> mentions(p.activity(), who)).count())
          .as("waiting posts for " + who.name())
          .isLessThanOrEqualTo(1);
    }
    assertThat(notices).hasSizeLessThanOrEqualTo(3);
    // The later ones are updates of those posts, in place (besides the posts of requests to
    // join, which show who handled them).
    assertThat(teams.connector.updated())
        .filteredOn(u -> u.activity().toString().contains("\"mentioned\""))
        .isNotEmpty()
        .allMatch(u -> notices.stream().anyMatch(p -> p.id().equals(u.id())));
  }

  @Test
  void oneClickOnThePersonsWaitingPostOfTheDayShowsTheAgreement() {
    agreeWithThreePartners();
    teams.press(BERT, teams.button("agreement.read"));
    teams.drain(this::tick);

    // Bert's one waiting post of the day: the first that mentioned him, updated since.
    ObjectNode open = firstWaitingButton(BERT);
    JsonNode dialog = TeamsHarness.dialogCard(teams.press(BERT, open));

    assertThat(dialog.toString())
        .contains("Back in class full-time by Easter", "Sees him at the youth club");
    assertThat(teams.press(CARL, open).path("task").path("type").asText()).isEqualTo("message");
  }

  @Test
  void laterPrivateContentOfTheDayUpdatesThePostAndANewDayGivesANewOne() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain(this::tick);
    teams.post(teams.activities.mention(BERT, "help"));
    teams.drain(this::tick);
    assertThat(waitingPosts(BERT)).hasSize(1);
    assertThat(teams.connector.updated())
        .singleElement()
        .satisfies(u -> assertThat(u.id()).isEqualTo(waitingPosts(BERT).get(0).id()))
        .satisfies(u -> assertThat(u.activity().toString()).contains("2 private things"));

    clock.set(local("2026-03-03T08:30"));
    teams.post(teams.activities.mention(BERT, "help"));
    teams.drain(this::tick);

    assertThat(waitingPosts(BERT)).hasSize(2);
    assertThat(teams.connector.updated()).hasSize(1);
    assertThat(waitingPosts(BERT).get(1).activity().toString())
        .contains("Something private is waiting");
  }

  @Test
  void aWaitingPostDeletedInTeamsIsPostedAnewAndTheNewOneIsUpdated() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain(this::tick);
    teams.connector.deleteByHand(Activities.CHANNEL, waitingPosts(BERT).get(0).id());

    teams.post(teams.activities.mention(BERT, "help"));
    teams.drain(this::tick);
    teams.post(teams.activities.mention(BERT, "status"));
    teams.drain(this::tick);

    List<FakeConnector.Posted> posts = waitingPosts(BERT);
    assertThat(posts).hasSize(2);
    assertThat(teams.connector.updated())
        .extracting(FakeConnector.Updated::id, FakeConnector.Updated::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(posts.get(0).id(), 404),
            org.assertj.core.groups.Tuple.tuple(posts.get(1).id(), 200));
    JsonNode dialog =
        TeamsHarness.dialogCard(
            teams.press(BERT, TeamsHarness.find(posts.get(1).activity(), "teams.open", "")));
    assertThat(dialog.toString()).contains("@Kring ");
  }

  @Test
  void aDeliveryTriedAgainAddsNoSecondItemAndNoSecondPost() {
    teams.post(teams.activities.mention(ANNA, "start"));
    teams.post(teams.activities.mention(BERT, "join"));
    teams.drain(this::tick);
    OutboundMessage note =
        new OutboundMessage(
            "retried-note",
            Recipient.privately(
                CASE_CHANNEL, new UserRef(Platform.TEAMS, Activities.TENANT, BERT.aadObjectId())),
            Reply.text("Only for Bert: the meeting moved to Thursday."),
            MessageKind.ANSWER,
            null,
            clock.instant());

    assertThat(teams.messenger.deliver(note)).isInstanceOf(Delivery.Delivered.class);
    assertThat(teams.messenger.deliver(note)).isInstanceOf(Delivery.Delivered.class);

    assertThat(waitingPosts(BERT)).hasSize(1);
    assertThat(teams.connector.updated())
        .hasSize(2)
        .allSatisfy(u -> assertThat(u.activity().toString()).contains("2 private things"));
    JsonNode dialog = TeamsHarness.dialogCard(teams.press(BERT, firstWaitingButton(BERT)));
    assertThat(dialog.toString().split("the meeting moved to Thursday", -1)).hasSize(2);
    // The form that waits too has its own button there, which opens it in the same dialog.
    ObjectNode joinForm = TeamsHarness.find(dialog, "teams.open", "");
    JsonNode form =
        TeamsHarness.dialogCard(
            teams.answer(teams.activities.invoke(BERT, "task/submit", joinForm)));
    assertThat(form.toString()).contains("partner.join");
  }

  @Test
  void ofTwoDeliveriesAtOnceOnePostsTheNoticeAndTheOtherWaitsThenUpdatesIt() {
    UserRef bert = new UserRef(Platform.TEAMS, Activities.TENANT, BERT.aadObjectId());
    long now = clock.millis();
    String day = "2026-03-02";

    TeamsDirectory.Notice first =
        teams.directory.notice(bert, CASE_CHANNEL, day, "0".repeat(32), "message-1", now);
    TeamsDirectory.Notice second =
        teams.directory.notice(bert, CASE_CHANNEL, day, "1".repeat(32), "message-2", now);
    TeamsDirectory.Notice firstAgain =
        teams.directory.notice(bert, CASE_CHANNEL, day, "0".repeat(32), "message-1", now);

    assertThat(first.step()).isEqualTo(TeamsDirectory.Step.POST);
    assertThat(second.step()).isEqualTo(TeamsDirectory.Step.WAIT);
    assertThat(firstAgain.step())
        .as("a retry of the one posting")
        .isEqualTo(TeamsDirectory.Step.POST);
    assertThat(firstAgain.count()).isEqualTo(2);
    // A delivery that claimed the post and died is taken over once its lease ran out.
    long later = now + TeamsDirectory.POSTING.toMillis() + 1;
    assertThat(
            teams
                .directory
                .notice(bert, CASE_CHANNEL, day, "1".repeat(32), "message-2", later)
                .step())
        .isEqualTo(TeamsDirectory.Step.POST);

    teams.directory.noticePosted(first.id(), "1:77");
    TeamsDirectory.Notice third =
        teams.directory.notice(bert, CASE_CHANNEL, day, "2".repeat(32), "message-3", later);
    assertThat(third.step()).isEqualTo(TeamsDirectory.Step.UPDATE);
    assertThat(third.activity()).isEqualTo("1:77");
    assertThat(third.count()).isEqualTo(3);
    assertThat(third.id()).isEqualTo(first.id());
  }

  private void agreeWithThreePartners() {
    teams.post(teams.activities.botAdded(ANNA));
    teams.post(teams.activities.mention(ANNA, "start AB"));
    teams.drain(this::tick);
    JsonNode intro = TeamsHarness.dialogCard(teams.press(ANNA, teams.button("form.open")));
    assertThat(
            teams.submit(ANNA, intro, Map.of("role", "care-coordinator", "organisation", "School")))
        .isEmpty();

    join(BERT, "clb", "CLB Noord");
    join(CARL, "naft-coach", "Jeugdhuis");

    fillOffered(ANNA, "goal", Map.of("goal", "Back in class full-time by Easter"));
    fillOffered(
        ANNA,
        "taken",
        Map.of(
            "does.P1", "Runs the care meetings",
            "does.P2", "Talks with the parents",
            "does.P3", "Sees him at the youth club"));
    ObjectNode confirm = teams.button("agreement.confirm");
    teams.press(ANNA, confirm);
    teams.press(BERT, confirm);
    teams.press(CARL, confirm);
    teams.drain(this::tick);
  }

  private void join(Activities.Member who, String role, String organisation) {
    teams.post(teams.activities.mention(who, "join"));
    teams.drain(this::tick);
    JsonNode join =
        TeamsHarness.dialogCard(
            teams.press(who, teams.button(p -> mentions(p.activity(), who), "teams.open", "")));
    JsonNode sent = teams.submit(who, join, Map.of("role", role, "organisation", organisation));
    assertThat(sent.isEmpty()).as(sent.toString()).isTrue();
    teams.drain(this::tick);
    JsonNode accepted = teams.press(ANNA, teams.button("join.accept"));
    assertThat(accepted.path("task").path("type").asText()).isEqualTo("message");
    teams.drain(this::tick);
  }

  private void fillOffered(Activities.Member who, String command, Map<String, String> answers) {
    teams.post(teams.activities.mention(who, command));
    teams.drain(this::tick);
    JsonNode form =
        TeamsHarness.dialogCard(
            teams.press(who, teams.button(p -> mentions(p.activity(), who), "teams.open", "")));
    JsonNode answer = teams.submit(who, form, answers);
    assertThat(answer.isEmpty()).as(answer.toString()).isTrue();
    teams.drain(this::tick);
  }

  /** The posts in the case channel that tell this person something private waits, in order. */
  private static List<FakeConnector.Posted> waitingPosts(Activities.Member who) {
    return teams.connector.posted().stream()
        .filter(p -> p.conversationId().equals(Activities.CHANNEL))
        .filter(p -> isWaitingNotice(p) && mentions(p.activity(), who))
        .toList();
  }

  /** The button of the first post of the day that told this person something waits. */
  private static ObjectNode firstWaitingButton(Activities.Member who) {
    return TeamsHarness.find(waitingPosts(who).get(0).activity(), "teams.open", "");
  }

  /** Moves the clock past the pace, a little, within the same morning. */
  private void tick() {
    clock.advance(Duration.ofSeconds(1));
  }

  static boolean isWaitingNotice(FakeConnector.Posted posted) {
    return posted.activity().toString().contains("\"mentioned\"");
  }

  static boolean mentions(JsonNode activity, Activities.Member who) {
    return activity.toString().contains("<at>" + who.name() + "</at>");
  }

  static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(BRUSSELS).toInstant();
  }
}
