package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.Command;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.storage.RedisCases;
import kring.storage.RedisOutbox;
import kring.testing.EntryPoints;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every button, form and command of Kring, through the playground's API against the real Kring, by
 * people who may not use them on case A: Oscar, who is in no case, and Eve, a partner of case B, in
 * A's room, in a room without a case naming case A, and in B's room naming case A. Neither case
 * changes, Kring shows nothing to the room, the person gets at most a private answer, and the API
 * answers 2xx or 4xx, never 5xx. Ids the playground does not know get a 4xx with a clear sentence.
 */
class PlaygroundAuthorizationTest {

  @RegisterExtension
  @Order(1)
  static final TestRedis redis = TestRedis.machine();

  @RegisterExtension
  @Order(2)
  static final PlaygroundHttp api = new PlaygroundHttp(redis);

  private static final JsonMapper JSON = JsonMapper.shared();
  static final CaseCode A = new CaseCode("K-AAAA");
  static final CaseCode B = new CaseCode("K-BBBB");

  /** Who tries, in which room, naming which case in what they send. */
  record Attempt(String person, String room) {}

  RedisCases cases;
  RedisOutbox outbox;
  String anna;
  String eve;
  String oscar;
  String dan;
  String roomA;
  String roomB;
  String hall;
  Case storedA;
  Case storedB;
  long mark;

  @BeforeEach
  void twoCasesInTheirRoomsAndARoomWithoutACase() throws Exception {
    cases = new RedisCases(redis.client(), redis.keys());
    outbox = new RedisOutbox(redis.client(), redis.keys());
    anna = api.person("Anna");
    String bert = api.person("Bert");
    String carl = api.person("Carl");
    eve = api.person("Eve");
    oscar = api.person("Oscar");
    dan = api.person("Dan");
    roomA = api.room("Klas 3A", anna);
    roomB = api.room("Klas 3B", carl);
    hall = api.room("Gang", carl);
    Instant now = Instant.now();
    cases.create(
        EntryPoints.busyCase(A, channel(roomA), List.of(user(anna), user(bert)), user(dan), now));
    cases.create(
        Samples.activeCase(
            B,
            channel(roomB),
            List.of(user(carl), user(eve)),
            CollaborationLevel.COORDINATION,
            now));
    storedA = cases.find(A).orElseThrow();
    storedB = cases.find(B).orElseThrow();
    settle();
    mark = 0;
    for (String room : List.of(roomA, roomB, hall)) {
      for (JsonNode entry : api.timeline(room, anna).path("entries")) {
        mark = Math.max(mark, entry.path("seq").asLong());
      }
    }
  }

  static ChannelRef channel(String room) {
    return new ChannelRef(Platform.PLAYGROUND, "local", room);
  }

  static UserRef user(String person) {
    return new UserRef(Platform.PLAYGROUND, "local", person);
  }

  /** Oscar and Eve in A's room, in a room without a case, and Eve in her own case's room. */
  List<Attempt> places() {
    return List.of(
        new Attempt(oscar, roomA),
        new Attempt(eve, roomA),
        new Attempt(oscar, hall),
        new Attempt(eve, hall),
        new Attempt(eve, roomB));
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#actions")
  void aButtonOfCaseAPressedByPeopleOutsideItChangesNothing(String action) throws Exception {
    List<String> values =
        EntryPoints.buttonValues(action, A, List.of(user(eve), user(anna)), user(dan));
    for (Attempt attempt : places()) {
      for (String value : values) {
        tryIt(
            attempt,
            "/presses",
            Map.of("personId", attempt.person(), "action", action, "value", value),
            action + " " + value);
      }
    }
    assertNothingHappened(action);
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#forms")
  void aFormForCaseASentByPeopleOutsideItChangesNothing(String formId) throws Exception {
    for (Attempt attempt : places()) {
      if (!EntryPoints.openToOutsiders(formId, attempt.room().equals(roomA))) {
        tryIt(
            attempt,
            "/submissions",
            Map.of(
                "personId",
                attempt.person(),
                "formId",
                formId,
                "values",
                EntryPoints.formValues(A)),
            formId);
      }
    }
    assertNothingHappened(formId);
  }

  @ParameterizedTest
  @MethodSource("kring.testing.EntryPoints#caseCommands")
  void aCommandOnCaseAFromPeopleOutsideItChangesNothing(Command command) throws Exception {
    // In A's room the command names another case; in a room without a case, case A.
    List<Attempt> attempts =
        List.of(new Attempt(oscar, roomA), new Attempt(eve, roomA), new Attempt(eve, hall));
    for (Attempt attempt : attempts) {
      if (command.name().equals("START") && attempt.room().equals(hall)) {
        continue; // anyone may start a case in a room without one
      }
      CaseCode named = attempt.room().equals(hall) ? A : B;
      for (String args : EntryPoints.commandArguments(named)) {
        String text = command.englishWord() + " " + args;
        tryIt(attempt, "/messages", Map.of("personId", attempt.person(), "text", text), text);
      }
    }
    assertNothingHappened(command.name());
  }

  @Test
  void idsThePlaygroundDoesNotKnowGetAClearAnswerAndChangeNothing() throws Exception {
    List<String> rooms = List.of("no-such-room-zz99", "K-AAAA", "room%20a", roomA + "x");
    List<String> people = List.of("no-such-person-zz99", "", "anna", user(anna).key(), eve + "x");
    for (String room : rooms) {
      assertEveryRequestRefused(room, anna, "There is no such room");
    }
    for (String person : people) {
      assertEveryRequestRefused(roomA, person, "There is no such person");
    }
    assertNothingHappened("unknown ids", false);
  }

  /** Case A's coordinator's messages, presses, forms and view, with a room or person made up. */
  void assertEveryRequestRefused(String room, String person, String sentence) throws Exception {
    String rooms = "/rooms/" + room;
    assertRefused(
        api.tryPost(
            rooms + "/presses",
            Map.of("personId", person, "action", "case.pause", "value", A.value())),
        sentence);
    assertRefused(
        api.tryPost(rooms + "/messages", Map.of("personId", person, "text", "pause")), sentence);
    assertRefused(
        api.tryPost(
            rooms + "/submissions",
            Map.of(
                "personId", person, "formId", "update.post", "values", EntryPoints.formValues(A))),
        sentence);
    assertRefused(api.tryGet(rooms + "/timeline?personId=" + person), sentence);
  }

  void assertRefused(HttpResponse<String> response, String sentence) {
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 404);
    assertThat(JSON.readTree(response.body()).path("error").asString())
        .as(response.uri().toString())
        .startsWith(sentence);
  }

  void tryIt(Attempt attempt, String path, Map<String, ?> body, String what) throws Exception {
    HttpResponse<String> response = api.tryPost("/rooms/" + attempt.room() + path, body);
    String by = what + " by " + attempt;
    assertThat(response.statusCode()).as(by + ": " + response.body()).isBetween(200, 499);
    if (response.statusCode() == 200) {
      // Someone outside a case is shown no form of it; at most the one to ask to join.
      JsonNode form = JSON.readTree(response.body()).at("/outcome/form");
      assertThat(form.isNull() ? EntryPoints.JOIN_FORM : form.path("id").asString())
          .as(by + " showed a form of the case")
          .isEqualTo(EntryPoints.JOIN_FORM);
    }
  }

  void assertNothingHappened(String what) throws Exception {
    assertNothingHappened(what, true);
  }

  void assertNothingHappened(String what, boolean answered) throws Exception {
    settle();
    assertThat(cases.find(A)).as(what + " changed case A").contains(storedA);
    assertThat(cases.find(B)).as(what + " changed case B").contains(storedB);
    List<JsonNode> told = new ArrayList<>();
    for (String room : List.of(roomA, roomB, hall)) {
      // Anna, in case A, sees what Kring shows everyone in these rooms, and what it shows her.
      for (JsonNode entry : api.timeline(room, anna).path("entries")) {
        if (entry.path("seq").asLong() > mark) {
          assertThat(entry.path("kind").asString())
              .as(what + " made Kring say in " + room + ": " + entry)
              .isEqualTo("user");
        }
      }
      for (String person : List.of(eve, oscar)) {
        for (JsonNode entry : api.timeline(room, person).path("entries")) {
          if (entry.path("seq").asLong() > mark && entry.path("kind").asString().equals("bot")) {
            assertThat(entry.path("visibleTo").asString()).isEqualTo(person);
            told.add(entry);
          }
        }
      }
    }
    if (answered) {
      assertThat(told).as(what + ": the people who tried were answered").isNotEmpty();
    }
  }

  /** Waits until Kring delivered everything it had to say. */
  void settle() throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (outbox.pending() > 0) {
      assertThat(Instant.now()).as("Kring did not deliver everything").isBefore(end);
      Thread.sleep(20);
    }
  }
}
