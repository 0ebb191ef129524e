package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import kring.core.i18n.Language;
import kring.core.reply.Document;
import kring.core.reply.Reply;
import kring.storage.RedisKeys;
import kring.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    classes = PlaygroundTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {PlaygroundTestApplication.KEY_PREFIX + "=t-pg-api", "server.address=127.0.0.1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaygroundApiTest {

  private static final JsonMapper JSON = JsonMapper.shared();

  @LocalServerPort int port;
  @Autowired RedisClient redis;
  @Autowired RedisKeys keys;
  @Autowired ScriptedConversation conversation;
  @Autowired PlaygroundTestApplication.RecordingTimeMachine time;
  @Autowired Rooms rooms;

  private final HttpClient http = HttpClient.newHttpClient();
  private String ann;
  private String bob;
  private String room;

  @BeforeAll
  void createAnnBobAndARoom() {
    ann = createPerson("Ann Peeters");
    bob = createPerson("Bob");
    room = createRoom("Klas 3B", ann);
  }

  @AfterAll
  void deleteTheKeys() {
    TestRedis.deleteAll(redis, keys);
  }

  @Test
  void createsAPersonWithASlugOfTheirName() {
    HttpResponse<String> response = post("/people", body("name", "  Lotte Janssens "));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode person = json(response).get("person");
    assertThat(person.get("name").asString()).isEqualTo("Lotte Janssens");
    assertThat(person.get("id").asString()).matches("lotte-janssens-[a-z0-9]{4}");
    assertThat(names(json(get("/people")).get("people"))).contains("Lotte Janssens");
  }

  @Test
  void creatingARoomAddsKringWhoWelcomesEveryone() {
    HttpResponse<String> response = post("/rooms", body("name", "Zorgoverleg", "personId", bob));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode created = json(response);
    String id = created.get("room").get("id").asString();
    assertThat(created.get("outcome").get("closeForm").asBoolean()).isFalse();
    assertThat(conversation.calls()).contains("added " + bob + " " + id);
    assertThat(names(json(get("/rooms")).get("rooms"))).contains("Zorgoverleg", "Klas 3B");

    JsonNode welcome = timeline(id, ann, 0).get(0);
    assertThat(welcome.get("kind").asString()).isEqualTo("bot");
    assertThat(welcome.get("visibleTo").isNull()).isTrue();
    JsonNode heading = welcome.get("reply").get("blocks").get(0);
    assertThat(heading.get("type").asString()).isEqualTo("text");
    assertThat(heading.get("style").asString()).isEqualTo("HEADING");
    assertThat(heading.get("text").asString()).isEqualTo("Hello, I'm Kring");
  }

  @Test
  void storesWhatAPersonSaysThenPassesItToKring() {
    long before = latest(room, ann);

    HttpResponse<String> response = post("/rooms/" + room + "/messages", say(ann, "hello"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode said = json(response);
    assertThat(said.get("entry").get("kind").asString()).isEqualTo("user");
    assertThat(said.get("entry").get("author").asString()).isEqualTo(ann);
    assertThat(said.get("entry").get("text").asString()).isEqualTo("hello");
    assertThat(said.get("outcome").get("form").isNull()).isTrue();

    JsonNode entries = timeline(room, bob, before);
    assertThat(entries.size()).isEqualTo(2);
    assertThat(entries.get(0).get("seq").asLong()).isEqualTo(said.get("entry").get("seq").asLong());
    JsonNode blocks = entries.get(1).get("reply").get("blocks");
    assertThat(types(blocks)).containsExactly("text", "text", "fields", "text", "buttons");
    assertThat(blocks.get(2).get("fields").get(1).get("value").asString()).isEqualTo("Ann Peeters");
    JsonNode plan = blocks.get(4).get("buttons").get(0);
    assertThat(plan.get("action").asString()).isEqualTo(ScriptedConversation.PLAN);
    assertThat(plan.get("primary").asBoolean()).isTrue();
  }

  @Test
  void timelineSinceASequenceNumberHasOnlyNewerEntries() {
    post("/rooms/" + room + "/messages", say(bob, "first"));
    long seen = latest(room, bob);
    post("/rooms/" + room + "/messages", say(bob, "second"));

    JsonNode entries = timeline(room, bob, seen);

    assertThat(entries.size()).isEqualTo(2);
    assertThat(entries.get(0).get("text").asString()).isEqualTo("second");
    assertThat(entries.get(1).get("reply").get("blocks").get(0).get("text").asString())
        .isEqualTo("I heard: second");
    assertThat(timeline(room, bob, entries.get(1).get("seq").asLong()).size()).isZero();
  }

  @Test
  void aPrivateMessageShowsOnlyInItsRecipientsView() {
    long annBefore = latest(room, ann);
    long bobBefore = latest(room, bob);

    post("/rooms/" + room + "/messages", say(ann, "secret"));

    JsonNode annSees = timeline(room, ann, annBefore);
    assertThat(annSees.size()).isEqualTo(2);
    assertThat(annSees.get(1).get("visibleTo").asString()).isEqualTo(ann);
    assertThat(annSees.get(1).get("reply").get("blocks").get(0).get("text").asString())
        .isEqualTo("Only you can see this, Ann Peeters.");
    JsonNode bobSees = timeline(room, bob, bobBefore);
    assertThat(bobSees.size()).isEqualTo(1);
    assertThat(bobSees.get(0).get("text").asString()).isEqualTo("secret");
  }

  @Test
  void aChartInKringsMessageIsServedAsAPictureToWhoeverSeesTheMessage() throws Exception {
    Reply summary =
        Reply.builder().heading("Reflection round 3").chart(Samples.trendChart()).build();
    java.time.Instant sent = java.time.Instant.now();
    long shared = rooms.postByKring(room, summary, null, sent).seq();
    long annsOwn = rooms.postByKring(room, summary, ann, sent).seq();
    long plain = rooms.postByKring(room, Reply.text("No chart here"), null, sent).seq();

    HttpResponse<byte[]> picture = picture(room, shared, bob);
    assertThat(picture.statusCode()).isEqualTo(200);
    assertThat(picture.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(ImageIO.read(new ByteArrayInputStream(picture.body())).getWidth()).isPositive();
    assertThat(picture(room, annsOwn, ann).statusCode()).isEqualTo(200);

    assertThat(picture(room, annsOwn, bob).statusCode()).isEqualTo(404);
    assertThat(picture(room, plain, ann).statusCode()).isEqualTo(404);
    assertThat(picture(room, plain + 1000, ann).statusCode()).isEqualTo(404);
    assertThat(picture("no-such-room", shared, ann).statusCode()).isEqualTo(404);
  }

  @Test
  void aFileInKringsMessageIsADownloadForThePersonItWasSentTo() throws Exception {
    String markdown =
        "# Casus K-7F3Q\n\n| Wanneer | Wie | Wat |\n|---|---|---|\n| 1 | P2, ouder | ü |\n";
    Reply export =
        Reply.builder()
            .text("Je export van casus K-7F3Q zit in het bestand hieronder.")
            .document(new Document("kring-K-7F3Q-2026-12-18.md", Document.MARKDOWN, markdown))
            .build();
    long annsOwn = rooms.postByKring(room, export, ann, java.time.Instant.now()).seq();
    long plain =
        rooms.postByKring(room, Reply.text("No file here"), null, java.time.Instant.now()).seq();

    HttpResponse<byte[]> file = get(room, annsOwn, ann, "file");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).contains("text/markdown;charset=UTF-8");
    assertThat(file.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"kring-K-7F3Q-2026-12-18.md\"");
    assertThat(new String(file.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(markdown);

    // Within the room's rules: only who sees the message gets its file.
    assertThat(get(room, annsOwn, bob, "file").statusCode()).isEqualTo(404);
    assertThat(get(room, plain, ann, "file").statusCode()).isEqualTo(404);
    assertThat(get("no-such-room", annsOwn, ann, "file").statusCode()).isEqualTo(404);
    assertThat(get(room, annsOwn, "no-such-person", "file").statusCode()).isEqualTo(404);
  }

  private HttpResponse<byte[]> picture(String roomId, long seq, String personId) {
    return get(roomId, seq, personId, "chart.png");
  }

  private HttpResponse<byte[]> get(String roomId, long seq, String personId, String what) {
    try {
      return http.send(
          HttpRequest.newBuilder(
                  api(
                      "/rooms/"
                          + roomId
                          + "/timeline/"
                          + seq
                          + "/"
                          + what
                          + "?personId="
                          + personId))
              .GET()
              .build(),
          BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void sayingSomethingCanOpenAForm() {
    JsonNode outcome = json(post("/rooms/" + room + "/messages", say(bob, "form"))).get("outcome");

    assertThat(outcome.get("form").get("id").asString()).isEqualTo(ScriptedConversation.PLAN);
  }

  @Test
  void pressingAButtonReturnsTheFormToOpen() {
    HttpResponse<String> response =
        post(
            "/rooms/" + room + "/presses",
            body("personId", ann, "action", ScriptedConversation.PLAN, "value", "K-TEST"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode form = json(response).get("outcome").get("form");
    assertThat(form.get("title").asString()).isEqualTo("Plan a check-in");
    assertThat(form.get("submitLabel").asString()).isEqualTo("Plan it");
    assertThat(form.get("hidden").get("case").asString()).isEqualTo("K-TEST");
    JsonNode inputs = form.get("inputs");
    assertThat(inputs.get(0).get("kind").asString()).isEqualTo("TEXT");
    assertThat(inputs.get(0).get("required").asBoolean()).isTrue();
    assertThat(inputs.get(2).get("options").get(1).get("label").asString())
        .isEqualTo("Coordination");
    assertThat(inputs.get(3).get("kind").asString()).isEqualTo("LONG_TEXT");
    assertThat(conversation.calls()).contains("press " + ann + " checkin.plan K-TEST");
  }

  @Test
  void aSubmittedFormComesBackWithItsErrorsThenClosesWhenRight() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("topic", " ");
    values.put("weeks", "3");
    values.put("case", "K-TEST");

    JsonNode again = json(post("/rooms/" + room + "/submissions", submission(ann, values)));

    JsonNode topic = again.get("outcome").get("form").get("inputs").get(0);
    assertThat(topic.get("error").asString()).isEqualTo("Please say what the check-in is about.");
    assertThat(again.get("outcome").get("form").get("inputs").get(1).get("value").asString())
        .isEqualTo("3");
    assertThat(again.get("outcome").get("closeForm").asBoolean()).isFalse();

    long before = latest(room, bob);
    values.put("topic", "The new timetable");
    JsonNode done = json(post("/rooms/" + room + "/submissions", submission(ann, values)));

    assertThat(done.get("outcome").get("closeForm").asBoolean()).isTrue();
    assertThat(done.get("outcome").get("form").isNull()).isTrue();
    assertThat(conversation.lastSubmitted()).containsEntry("case", "K-TEST");
    JsonNode bobSees = timeline(room, bob, before);
    assertThat(bobSees.size()).isEqualTo(1);
    assertThat(bobSees.get(0).get("reply").get("blocks").get(0).get("text").asString())
        .isEqualTo("Check-in planned: The new timetable");
  }

  @Test
  void aFailureInsideKringIsAPoliteServerErrorWithoutDetails() {
    HttpResponse<String> response = post("/rooms/" + room + "/messages", say(bob, "boom"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).get("error").asString()).startsWith("Sorry, something went wrong");
    assertThat(response.body()).doesNotContain("IllegalStateException", "scripted", "at kring.");
  }

  @Test
  void aMessageOfExactly4000CharactersIsAccepted() {
    HttpResponse<String> response =
        post("/rooms/" + room + "/messages", say(bob, "é".repeat(PlaygroundApi.MAX_TEXT)));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesATooLongMessageInTheLanguageKringSpeaksToThePerson() {
    String lena = createPerson("Lena");
    String tooLong = "x".repeat(PlaygroundApi.MAX_TEXT + 1);

    HttpResponse<String> dutch = post("/rooms/" + room + "/messages", say(lena, tooLong));
    conversation.speak(lena, Language.EN);
    HttpResponse<String> english = post("/rooms/" + room + "/messages", say(lena, tooLong));

    assertThat(dutch.statusCode()).isEqualTo(400);
    assertThat(json(dutch).get("error").asString())
        .isEqualTo("Een bericht mag hoogstens 4.000 tekens lang zijn.");
    assertThat(english.statusCode()).isEqualTo(400);
    assertThat(json(english).get("error").asString())
        .isEqualTo("A message can be at most 4,000 characters long.");
    assertThat(conversation.calls()).noneMatch(c -> c.startsWith("say " + lena));
  }

  @Test
  void givesThePageItsWordsInThePersonsLanguage() {
    String noah = createPerson("Noah");
    conversation.speak(noah, Language.EN);

    JsonNode before = json(get("/texts"));
    JsonNode english = json(get("/texts?personId=" + noah + "&roomId=" + room));

    assertThat(before.get("language").asString()).isEqualTo("nl");
    assertThat(before.get("texts").get("cancel").asString()).isEqualTo("Annuleren");
    assertThat(before.get("maxMessage").asInt()).isEqualTo(PlaygroundApi.MAX_TEXT);
    assertThat(english.get("language").asString()).isEqualTo("en");
    assertThat(english.get("texts").get("cancel").asString()).isEqualTo("Cancel");
    assertThat(english.get("texts").get("room.writing-as").asString())
        .isEqualTo("Kring is in this room. You are writing as {0}.");
    assertThat(
            json(get("/rooms/" + room + "/timeline?personId=" + noah)).get("language").asString())
        .isEqualTo("en");
    assertThat(get("/texts?personId=nobody-here").statusCode()).isEqualTo(404);
  }

  @Test
  void takesDirectionControlsOutOfNamesAndMessages() {
    HttpResponse<String> created = post("/people", body("name", "Noor\u202Egpj.exe"));
    String noor = json(created).get("person").get("id").asString();

    HttpResponse<String> said =
        post("/rooms/" + room + "/messages", say(noor, "\u2067hallo\u2069 \u200Fdaar"));

    assertThat(json(created).get("person").get("name").asString()).isEqualTo("Noorgpj.exe");
    assertThat(json(said).get("entry").get("text").asString()).isEqualTo("hallo daar");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesABadRequestPolitely(String what, String path, String body, int status) {
    HttpResponse<String> response = body == null ? get(path) : post(path, body);

    assertThat(response.statusCode()).as(what).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    String error = json(response).get("error").asString();
    assertThat(error).as(what).isNotBlank().hasSizeLessThan(120).doesNotContain("Exception");
  }

  Stream<Arguments> badRequests() {
    String messages = "/rooms/" + room + "/messages";
    String presses = "/rooms/" + room + "/presses";
    String submissions = "/rooms/" + room + "/submissions";
    Map<String, String> tooMany = new LinkedHashMap<>();
    IntStream.range(0, 51).forEach(i -> tooMany.put("k" + i, "v"));
    List<Arguments> cases = new ArrayList<>();
    cases.add(bad("an unknown field", messages, say(bob, "hi").replace("{", "{\"x\":1,"), 400));
    cases.add(bad("a missing field", messages, body("personId", bob), 400));
    cases.add(bad("a null field", messages, "{\"personId\":null,\"text\":\"hi\"}", 400));
    cases.add(bad("a number for text", messages, "{\"personId\":\"" + bob + "\",\"text\":5}", 400));
    cases.add(
        bad("a boolean for text", messages, "{\"personId\":\"" + bob + "\",\"text\":true}", 400));
    cases.add(
        bad("an object for text", messages, "{\"personId\":\"" + bob + "\",\"text\":{}}", 400));
    cases.add(
        bad(
            "a number answer",
            submissions,
            "{\"personId\":\"" + bob + "\",\"formId\":\"f\",\"values\":{\"a\":1}}",
            400));
    cases.add(bad("malformed JSON", messages, "{\"personId\":", 400));
    cases.add(bad("not an object", messages, "[]", 400));
    cases.add(bad("an empty body", messages, "", 400));
    cases.add(bad("trailing tokens", messages, say(bob, "hi") + "{}", 400));
    cases.add(
        bad(
            "a duplicate key",
            messages,
            "{\"personId\":\"b\",\"personId\":\"c\",\"text\":\"x\"}",
            400));
    cases.add(bad("a body over 16 KiB", messages, say(bob, "x".repeat(17 * 1024)), 413));
    cases.add(bad("a text over 4000 characters", messages, say(bob, "x".repeat(4001)), 400));
    cases.add(bad("a blank text", messages, say(bob, " \n "), 400));
    cases.add(bad("an unknown person", messages, say("nobody-1234", "hi"), 404));
    cases.add(bad("a person id that is no slug", messages, say("../Bob", "hi"), 404));
    cases.add(bad("an unknown room", "/rooms/nowhere-1234/messages", say(bob, "hi"), 404));
    cases.add(bad("a room id that is no slug", "/rooms/Klas%203B/messages", say(bob, "hi"), 404));
    cases.add(bad("a blank person name", "/people", body("name", "   "), 400));
    cases.add(bad("a person name over 60", "/people", body("name", "n".repeat(61)), 400));
    cases.add(bad("a control character", "/people", body("name", "Ann\u0007"), 400));
    cases.add(bad("a room without a person", "/rooms", body("name", "Room"), 400));
    cases.add(bad("a room by nobody", "/rooms", body("name", "Room", "personId", "no-1"), 404));
    cases.add(
        bad("an empty action", presses, body("personId", bob, "action", "", "value", ""), 400));
    cases.add(bad("a press without value", presses, body("personId", bob, "action", "a"), 400));
    cases.add(bad("too many answers", submissions, submission(bob, tooMany), 400));
    cases.add(bad("an odd answer key", submissions, submission(bob, Map.of("a b", "v")), 400));
    cases.add(
        bad(
            "an answer over 4000",
            submissions,
            submission(bob, Map.of("a", "x".repeat(4001))),
            400));
    cases.add(bad("a timeline without person", "/rooms/" + room + "/timeline", null, 400));
    cases.add(
        bad(
            "a timeline since no number",
            "/rooms/" + room + "/timeline?personId=" + bob + "&since=abc",
            null,
            400));
    cases.add(
        bad(
            "a negative since",
            "/rooms/" + room + "/timeline?personId=" + bob + "&since=-1",
            null,
            400));
    cases.add(
        bad("a timeline for nobody", "/rooms/" + room + "/timeline?personId=x-0000", null, 404));
    return cases.stream();
  }

  @Test
  void refusesABodyThatIsNotJson() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(api("/people"))
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("name=Eve")));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).doesNotContain("Exception");
  }

  @Test
  void servesThePageAndItsAssetsUnderAStrictContentSecurityPolicy() {
    HttpResponse<String> page = send(HttpRequest.newBuilder(root("/")).GET());
    HttpResponse<String> script =
        send(HttpRequest.newBuilder(root("/playground/assets/playground.js")).GET());
    HttpResponse<String> style =
        send(HttpRequest.newBuilder(root("/playground/assets/playground.css")).GET());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
    assertThat(page.body()).contains("<title>Kring playground</title>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "default-src 'none'");
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript;charset=UTF-8");
    assertThat(script.body()).doesNotContain("innerHTML");
    assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css;charset=UTF-8");
    HttpResponse<String> unknown =
        send(HttpRequest.newBuilder(root("/playground/assets/application.yml")).GET());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asString()).isEqualTo("There is no such file.");
  }

  private static Arguments bad(String what, String path, String body, int status) {
    return Arguments.of(what, path, body, status);
  }

  private String createPerson(String name) {
    return json(post("/people", body("name", name))).get("person").get("id").asString();
  }

  private String createRoom(String name, String personId) {
    return json(post("/rooms", body("name", name, "personId", personId)))
        .get("room")
        .get("id")
        .asString();
  }

  private JsonNode timeline(String roomId, String personId, long since) {
    HttpResponse<String> response =
        get("/rooms/" + roomId + "/timeline?personId=" + personId + "&since=" + since);
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response).get("entries");
  }

  private long latest(String roomId, String personId) {
    JsonNode entries = timeline(roomId, personId, 0);
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).get("seq").asLong();
  }

  private static String say(String personId, String text) {
    return body("personId", personId, "text", text);
  }

  private static String submission(String personId, Map<String, String> values) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("personId", personId);
    body.put("formId", ScriptedConversation.PLAN);
    body.put("values", values);
    return JSON.writeValueAsString(body);
  }

  private static String body(String... pairs) {
    Map<String, String> body = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      body.put(pairs[i], pairs[i + 1]);
    }
    return JSON.writeValueAsString(body);
  }

  private static List<String> names(JsonNode items) {
    List<String> names = new ArrayList<>();
    items.forEach(item -> names.add(item.get("name").asString()));
    return names;
  }

  @Test
  void theTimeControlMovesTheClockForwardAndSaysTheNewTime() {
    java.time.Instant before = java.time.Instant.parse(json(get("/clock")).get("now").asString());

    HttpResponse<String> moved = post("/clock/advance", "{\"minutes\":1440}");

    assertThat(moved.statusCode()).isEqualTo(200);
    java.time.Instant after = java.time.Instant.parse(json(moved).get("now").asString());
    assertThat(java.time.Duration.between(before, after))
        .isGreaterThanOrEqualTo(java.time.Duration.ofDays(1));
    assertThat(time.moves).last().isEqualTo(java.time.Duration.ofDays(1));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "{\"minutes\":0}",
        "{\"minutes\":-5}",
        "{\"minutes\":999999999}",
        "{\"minutes\":\"soon\"}",
        "{}"
      })
  void theTimeControlRefusesWhatItCannotDo(String body) {
    int movesBefore = time.moves.size();

    HttpResponse<String> refused = post("/clock/advance", body);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("error").asString()).isNotBlank();
    assertThat(time.moves).hasSize(movesBefore);
  }

  private static List<String> types(JsonNode blocks) {
    List<String> types = new ArrayList<>();
    blocks.forEach(block -> types.add(block.get("type").asString()));
    return types;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(api(path)).GET());
  }

  private HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(api(path))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI api(String path) {
    return root("/playground/api" + path);
  }

  private URI root(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
