package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.EVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.Command;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.reply.Form;
import kring.testing.EntryPoints;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every button, form and command of Kring, sent through Teams by people who may not use them on
 * case A: Oscar, who is in no case, and Eve, a partner of case B, in A's channel, in their personal
 * chats with Kring naming case A, and with a card's data made up to point at case A. Every activity
 * carries a token the connector signed; neither case changes, nothing appears in a channel, the
 * person gets at most a private answer, and Teams never gets a server error.
 */
class TeamsAuthorizationTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String APP_ID = "5f0c8d3e-0000-4000-8000-00000000a22d";
  static final MovableClock CLOCK = new MovableClock(Instant.now(), ZoneId.of("Europe/Brussels"));
  static final String CHANNEL_A = Activities.CHANNEL;
  static final String CHANNEL_B = "19:case-two@thread.tacv2";
  static final CaseCode A = new CaseCode("K-AAAA");
  static final CaseCode B = new CaseCode("K-BBBB");
  static final Activities.Member OSCAR =
      new Activities.Member("29:oscar-teams", "aad-oscar", "Oscar Wouters");
  static final Activities.Member DAN =
      new Activities.Member("29:dan-teams", "aad-dan", "Dan Smets");

  static TeamsHarness teams;
  static KeyPair signing;

  Case storedA;
  Case storedB;

  /** Who tries, in which conversation, and which channel the card they use names, if any. */
  record Attempt(Activities.Member who, String conversation, String names) {

    boolean personal() {
      return conversation.equals(Activities.personalChat(who));
    }

    /** The key of the channel the attempt acts in, as Kring reads it. */
    String actsIn() {
      return names != null ? names : key(conversation);
    }

    ObjectNode invoke(String name, JsonNode data) {
      return personal()
          ? teams.activities.personalInvoke(who, name, data)
          : teams.activities.invokeIn(conversation, who, name, data);
    }

    @Override
    public String toString() {
      return who.name() + " in " + conversation + (names == null ? "" : " naming " + names);
    }
  }

  static final List<Attempt> PLACES =
      List.of(
          new Attempt(OSCAR, CHANNEL_A, key(CHANNEL_A)),
          new Attempt(EVE, CHANNEL_A, key(CHANNEL_A)),
          // A private answer's buttons act in the case channel they answer in...
          new Attempt(EVE, Activities.personalChat(EVE), key(CHANNEL_A)),
          // ...a reminder's act where they are pressed, and name their case in their value.
          new Attempt(EVE, Activities.personalChat(EVE), null),
          new Attempt(OSCAR, Activities.personalChat(OSCAR), null));

  /**
   * Where forms are sent from: as buttons are pressed, and with card data made up to name case A,
   * from Eve's own case's channel and naming a channel of another tenant.
   */
  static final List<Attempt> FORM_PLACES =
      java.util.stream.Stream.concat(
              PLACES.stream(),
              java.util.stream.Stream.of(
                  new Attempt(EVE, CHANNEL_B, key(CHANNEL_B)),
                  new Attempt(
                      EVE,
                      Activities.personalChat(EVE),
                      new ChannelRef(Platform.TEAMS, "another-tenant", CHANNEL_A).key())))
          .toList();

  @BeforeAll
  static void start() {
    ConnectorSigning connectorKey = new ConnectorSigning();
    signing = connectorKey.key;
    teams =
        new TeamsHarness(
            redis,
            connector -> connectorKey.announceOn(connector, APP_ID, "a-secret"),
            () -> Optional.of("outgoing-token"),
            CLOCK);
    teams.authorization = token(signing);
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  static String token(KeyPair key) {
    return ConnectorSigning.bearer(key, APP_ID, teams.connector.url(), b -> {});
  }

  static UserRef user(Activities.Member member) {
    return new UserRef(Platform.TEAMS, Activities.TENANT, member.aadObjectId());
  }

  static ChannelRef channel(String id) {
    return new ChannelRef(Platform.TEAMS, Activities.TENANT, id);
  }

  static String key(String channel) {
    return channel(channel).key();
  }

  @BeforeEach
  void twoCasesAndPeopleWhoInstalledKring() {
    Instant now = CLOCK.instant();
    teams.cases.create(
        EntryPoints.busyCase(
            A, channel(CHANNEL_A), List.of(user(ANNA), user(Activities.BERT)), user(DAN), now));
    teams.cases.create(
        Samples.activeCase(
            B,
            channel(CHANNEL_B),
            List.of(user(Activities.CARL), user(EVE)),
            CollaborationLevel.COORDINATION,
            now));
    storedA = teams.cases.find(A).orElseThrow();
    storedB = teams.cases.find(B).orElseThrow();
    for (Activities.Member member : List.of(OSCAR, EVE, ANNA)) {
      send(teams.activities.installedForPerson(member), "installing Kring");
    }
    // Each gets a welcome in their personal chat.
    teams.drain(() -> CLOCK.advance(Duration.ofMillis(600)));
    teams.connector.clear();
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#actions")
  void aButtonOfCaseAPressedByPeopleOutsideItChangesNothing(String action) {
    List<String> values =
        EntryPoints.buttonValues(action, A, List.of(user(EVE), user(ANNA)), user(DAN));
    for (Attempt attempt : PLACES) {
      for (String value : values) {
        ObjectNode data = button(action, value, attempt.names());
        HttpResponse<String> answer =
            send(attempt.invoke("task/fetch", data), action + " " + value + " by " + attempt);
        assertNoFormOfTheCase(answer, action + " " + value + " by " + attempt);
      }
    }
    // A card's button that opens no dialog arrives as a message with the button's data.
    for (String value : values) {
      send(
          teams.activities.submitted(
              CHANNEL_A, "channel", OSCAR, button(action, value, key(CHANNEL_A))),
          action + " " + value + " as a message");
    }
    assertNothingHappened(action);
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#forms")
  void aFormForCaseASentByPeopleOutsideItChangesNothing(String formId) {
    Form form = EntryPoints.form(formId, A);
    // Asking to join case A is what someone outside it may do.
    List<Attempt> attempts =
        FORM_PLACES.stream()
            .filter(a -> !EntryPoints.openToOutsiders(formId, a.actsIn().equals(key(CHANNEL_A))))
            .toList();
    for (Attempt attempt : attempts) {
      // The card names the channel it was opened for: the one it acts in.
      JsonNode card = AdaptiveCards.form(form, attempt.actsIn(), TeamsTexts.SHORTENED);
      HttpResponse<String> answer =
          send(
              attempt.invoke("task/submit", TeamsHarness.filled(card, Map.of())),
              formId + " by " + attempt);
      assertNoFormOfTheCase(answer, formId + " by " + attempt);
    }
    assertNothingHappened(formId);
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#caseCommands")
  void aCommandOnCaseAFromPeopleOutsideItChangesNothing(Command command) {
    for (Activities.Member who : List.of(OSCAR, EVE)) {
      for (String args : EntryPoints.commandArguments(B)) {
        String text = command.englishWord() + " " + args;
        send(teams.activities.mentionIn(CHANNEL_A, who, text), text + " by " + who.name());
      }
    }
    for (String args : EntryPoints.commandArguments(A)) {
      String text = command.dutchWord() + " " + args;
      send(teams.activities.personal(EVE, text), text + " in Eve's personal chat");
    }
    assertNothingHappened(command.name());
  }

  @Test
  void aFormWaitingForOnePersonOpensForNobodyElse() {
    send(teams.activities.mentionIn(CHANNEL_A, ANNA, "update"), "Anna's update");
    teams.drain(() -> CLOCK.advance(Duration.ofMillis(600)));
    ObjectNode open =
        teams.button(
            p -> p.conversationId().equals(Activities.personalChat(ANNA)),
            TeamsMessenger.OPEN_WAITING,
            "");
    teams.connector.clear();

    for (Attempt attempt : PLACES) {
      JsonNode answer = teams.answer(attempt.invoke("task/fetch", open));
      assertThat(answer.path("task").path("type").asText())
          .as(attempt.toString())
          .isEqualTo("message");
      assertThat(answer.path("task").path("value").asText()).isEqualTo(TeamsTexts.GONE);
    }
    assertThat(
            TeamsHarness.dialogCard(
                    teams.answer(teams.activities.personalInvoke(ANNA, "task/fetch", open)))
                .toString())
        .contains(EntryPoints.CASE);
  }

  @Test
  void anUnsignedOrWronglySignedActivityFromACoordinatorChangesNothing() {
    ObjectNode pause =
        teams.activities.invoke(
            ANNA, "task/fetch", button("case.pause", A.value(), key(CHANNEL_A)));
    ObjectNode typed = teams.activities.mentionIn(CHANNEL_A, ANNA, "pause");

    for (ObjectNode activity : List.of(pause, typed)) {
      assertThat(teams.post(activity, null).statusCode()).isEqualTo(401);
      assertThat(teams.post(activity, token(new ConnectorSigning().key)).statusCode())
          .isEqualTo(401);
      assertThat(teams.post(activity, "Bearer " + "e30.e30.").statusCode()).isEqualTo(401);
    }

    teams.drain(() -> CLOCK.advance(Duration.ofMillis(600)));
    assertThat(teams.cases.find(A)).contains(storedA);
    assertThat(teams.connector.posted()).isEmpty();
    // The same press, signed, does pause the case: the refusals above were the token's.
    send(pause, "the coordinator's pause");
    assertThat(teams.cases.find(A).orElseThrow().revision()).isGreaterThan(storedA.revision());
  }

  /** A button's data as Kring's cards carry it. */
  static ObjectNode button(String action, String value, String channelKey) {
    ObjectNode data = Activities.JSON.createObjectNode();
    data.putObject("msteams").put("type", "task/fetch");
    ObjectNode kring = data.putObject(AdaptiveCards.KRING);
    kring.put("a", action);
    kring.put("v", value);
    if (channelKey != null) {
      kring.put("c", channelKey);
    }
    return data;
  }

  static HttpResponse<String> send(ObjectNode activity, String what) {
    HttpResponse<String> response = teams.post(activity, teams.authorization);
    assertThat(response.statusCode()).as(what + ": " + response.body()).isBetween(200, 499);
    return response;
  }

  /** A dialog opened for someone outside the case may only be the one to ask to join it. */
  static void assertNoFormOfTheCase(HttpResponse<String> answer, String what) {
    if (answer.body().isEmpty() || !answer.body().contains("\"continue\"")) {
      return;
    }
    JsonNode card;
    try {
      card = TeamsHarness.dialogCard(Activities.JSON.readTree(answer.body()));
    } catch (Exception e) {
      throw new AssertionError(what + ": " + answer.body(), e);
    }
    assertThat(card.path("actions").get(0).path("data").path(AdaptiveCards.FORM).asText())
        .as(what + " opened a form of the case")
        .isEqualTo(EntryPoints.JOIN_FORM);
  }

  void assertNothingHappened(String what) {
    teams.drain(() -> CLOCK.advance(Duration.ofMillis(600)));
    assertThat(teams.cases.find(A)).as(what + " changed case A").contains(storedA);
    assertThat(teams.cases.find(B)).as(what + " changed case B").contains(storedB);
    Set<String> privately = Set.of(Activities.personalChat(OSCAR), Activities.personalChat(EVE));
    assertThat(teams.connector.posted())
        .as(what + ": the people who tried were answered")
        .isNotEmpty();
    for (FakeConnector.Posted post : teams.connector.posted()) {
      assertThat(post.conversationId())
          .as(what + " posted in a channel: " + post.activity())
          .isIn(privately);
    }
    assertThat(teams.parked).hasValue(0);
  }
}
