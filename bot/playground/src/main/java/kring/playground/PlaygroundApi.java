package kring.playground;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kring.chart.Pictures;
import kring.core.conversation.Conversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.Speaker;
import kring.core.i18n.BidiControls;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.reply.Block;
import kring.core.reply.Chart;
import kring.core.reply.Document;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The playground's JSON API: the simulated platform's rooms and people, and every person's
 * messages, clicks and forms turned into calls on the conversation. It accepts only JSON, which
 * also keeps other web sites from posting into it with a plain HTML form.
 */
@RestController
@RequestMapping(path = "/playground/api", produces = MediaType.APPLICATION_JSON_VALUE)
class PlaygroundApi {

  static final int MAX_NAME = 60;
  static final int MAX_TEXT = 4000;
  private static final int MAX_ACTION = 200;
  private static final int MAX_VALUE = 2000;
  private static final int MAX_FORM_VALUES = 50;
  private static final int MAX_PICTURE = 512 * 1024;

  /** The keys of the page's own words in Kring's texts. */
  private static final String TEXTS = "playground.";

  private static final Pattern FORM_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private final Conversation conversation;
  private final Rooms rooms;
  private final JsonBodies bodies = new JsonBodies();

  PlaygroundApi(Conversation conversation, Rooms rooms) {
    this.conversation = conversation;
    this.rooms = rooms;
  }

  @GetMapping("/rooms")
  ResponseEntity<byte[]> rooms() {
    return ok(Map.of("rooms", rooms.rooms()));
  }

  @PostMapping(path = "/rooms", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> createRoom(InputStream body) {
    NewRoom request = bodies.read(body, NewRoom.class);
    String name = name(request.name(), "A room");
    Person by = person(request.personId());
    Room room = rooms.createRoom(name);
    Outcome outcome = conversation.added(speaker(by), PlaygroundRefs.channel(room.id()));
    return JsonBodies.answer(HttpStatus.CREATED, new RoomCreated(room, outcome));
  }

  @GetMapping("/people")
  ResponseEntity<byte[]> people() {
    return ok(Map.of("people", rooms.people()));
  }

  @PostMapping(path = "/people", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> createPerson(InputStream body) {
    NewPerson request = bodies.read(body, NewPerson.class);
    Person person = rooms.createPerson(name(request.name(), "A person"));
    return JsonBodies.answer(HttpStatus.CREATED, Map.of("person", person));
  }

  /**
   * The words of the page itself in the language Kring speaks to this person in this room (theirs,
   * else the room's case's, else Dutch), so that the page and Kring's messages speak alike; before
   * anyone is chosen, in Dutch.
   */
  @GetMapping("/texts")
  ResponseEntity<byte[]> texts(
      @RequestParam(required = false) String personId,
      @RequestParam(required = false) String roomId) {
    Language language = Language.NL;
    if (personId != null && !personId.isEmpty()) {
      Person person = person(personId);
      Optional<Room> room =
          roomId == null || !Slugs.isId(roomId) ? Optional.empty() : rooms.room(roomId);
      language = languageOf(person, room.orElse(null));
    }
    return ok(new PageTexts(code(language), Texts.startingWith(language, TEXTS), MAX_TEXT));
  }

  @PostMapping(path = "/rooms/{roomId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> say(@PathVariable String roomId, InputStream body) {
    NewMessage request = bodies.read(body, NewMessage.class);
    Room room = room(roomId);
    Person person = person(request.personId());
    Language language = languageOf(person, room);
    String text = BidiControls.strip(request.text()).strip();
    if (text.isEmpty()) {
      throw RequestRejected.badRequest(Texts.get(language, TEXTS + "error.empty"));
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      throw RequestRejected.badRequest(
          Texts.get(language, TEXTS + "error.message-too-long", MAX_TEXT));
    }
    TimelineEntry entry = rooms.postByPerson(room.id(), person.id(), text);
    Outcome outcome = conversation.say(speaker(person), PlaygroundRefs.channel(room.id()), text);
    return ok(new Said(entry, outcome));
  }

  @PostMapping(path = "/rooms/{roomId}/presses", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> press(@PathVariable String roomId, InputStream body) {
    Press request = bodies.read(body, Press.class);
    Room room = room(roomId);
    Person person = person(request.personId());
    String action = bounded(request.action(), 1, MAX_ACTION, "That button");
    String value = bounded(request.value(), 0, MAX_VALUE, "That button");
    Outcome outcome =
        conversation.press(speaker(person), PlaygroundRefs.channel(room.id()), action, value);
    return ok(new Answered(outcome));
  }

  @PostMapping(path = "/rooms/{roomId}/submissions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> submit(@PathVariable String roomId, InputStream body) {
    Submission request = bodies.read(body, Submission.class);
    Room room = room(roomId);
    Person person = person(request.personId());
    String formId = bounded(request.formId(), 1, MAX_ACTION, "That form");
    Map<String, String> values = values(request.values(), languageOf(person, room));
    Outcome outcome =
        conversation.submit(speaker(person), PlaygroundRefs.channel(room.id()), formId, values);
    return ok(new Answered(outcome));
  }

  @GetMapping("/rooms/{roomId}/timeline")
  ResponseEntity<byte[]> timeline(
      @PathVariable String roomId,
      @RequestParam String personId,
      @RequestParam(defaultValue = "0") long since) {
    Room room = room(roomId);
    Person viewer = person(personId);
    if (since < 0) {
      throw RequestRejected.badRequest("The sequence number cannot be negative.");
    }
    return ok(
        new Timeline(
            room, rooms.timeline(room.id(), viewer.id(), since), code(languageOf(viewer, room))));
  }

  /**
   * The picture of a chart in one of Kring's messages, for the person who may see that message:
   * drawn from the figures the message carries whenever the page asks, never stored.
   */
  @GetMapping(
      path = "/rooms/{roomId}/timeline/{seq}/chart.png",
      produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> chart(
      @PathVariable String roomId, @PathVariable long seq, @RequestParam String personId) {
    Optional<Chart> chart = block(roomId, seq, personId, Chart.class);
    return chart
        .flatMap(c -> Pictures.DRAWN.png(c, MAX_PICTURE))
        .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /**
   * The file in one of Kring's messages (the coordinator's export), for the person who may see that
   * message, as a download: served from the message itself, which the timeline keeps anyway.
   */
  @GetMapping(path = "/rooms/{roomId}/timeline/{seq}/file", produces = MediaType.ALL_VALUE)
  ResponseEntity<byte[]> file(
      @PathVariable String roomId, @PathVariable long seq, @RequestParam String personId) {
    return block(roomId, seq, personId, Document.class)
        .map(
            d ->
                ResponseEntity.ok()
                    .contentType(new MediaType(MediaType.valueOf(d.mediaType()), UTF_8))
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(d.fileName()).build().toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(d.bytes()))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** The first block of a kind in message {@code seq} of a room, if that person may see it. */
  private <B extends Block> Optional<B> block(
      String roomId, long seq, String personId, Class<B> kind) {
    return (Slugs.isId(roomId) && Slugs.isId(personId) && seq > 0
            ? rooms.timeline(roomId, personId, seq - 1).stream()
                .filter(e -> e.seq() == seq && e.reply() != null)
                .findFirst()
            : Optional.<TimelineEntry>empty())
        .flatMap(
            e -> e.reply().blocks().stream().filter(kind::isInstance).map(kind::cast).findFirst());
  }

  private Room room(String id) {
    return (Slugs.isId(id) ? rooms.room(id) : Optional.<Room>empty())
        .orElseThrow(() -> RequestRejected.notFound("There is no such room. Please pick another."));
  }

  private Person person(String id) {
    return (Slugs.isId(id) ? rooms.person(id) : Optional.<Person>empty())
        .orElseThrow(
            () -> RequestRejected.notFound("There is no such person. Please pick another."));
  }

  private Language languageOf(Person person, Room room) {
    return conversation.languageOf(
        PlaygroundRefs.user(person.id()), room == null ? null : PlaygroundRefs.channel(room.id()));
  }

  private static String code(Language language) {
    return language.name().toLowerCase(Locale.ROOT);
  }

  private static Speaker speaker(Person person) {
    return new Speaker(PlaygroundRefs.user(person.id()), person.name());
  }

  private static String name(String typed, String what) {
    String name = BidiControls.strip(typed).strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw RequestRejected.badRequest(what + " needs a name of 1 to " + MAX_NAME + " characters.");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw RequestRejected.badRequest(what + "'s name cannot contain control characters.");
    }
    return name;
  }

  private static String bounded(String value, int min, int max, String what) {
    if (value.length() < min || value.length() > max) {
      throw RequestRejected.badRequest(what + " is not one the playground knows.");
    }
    return value;
  }

  private static Map<String, String> values(Map<String, String> values, Language language) {
    if (values.size() > MAX_FORM_VALUES) {
      throw RequestRejected.badRequest("That form has too many answers.");
    }
    Map<String, String> checked = new HashMap<>();
    values.forEach(
        (key, value) -> {
          if (!FORM_KEY.matcher(key).matches() || value == null) {
            throw RequestRejected.badRequest("That form has an answer the playground cannot read.");
          }
          if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            throw RequestRejected.badRequest(
                Texts.get(language, TEXTS + "error.answer-too-long", MAX_TEXT));
          }
          checked.put(key, value);
        });
    return Map.copyOf(checked);
  }

  private static ResponseEntity<byte[]> ok(Object body) {
    return JsonBodies.answer(HttpStatus.OK, body);
  }

  record NewRoom(String name, String personId) {}

  record NewPerson(String name) {}

  record NewMessage(String personId, String text) {}

  record Press(String personId, String action, String value) {}

  record Submission(String personId, String formId, Map<String, String> values) {}

  record RoomCreated(Room room, Outcome outcome) {}

  record Said(TimelineEntry entry, Outcome outcome) {}

  record Answered(Outcome outcome) {}

  /**
   * @param language the language Kring speaks to the viewer here; when it changes (they chose
   *     another), the page asks for its words again
   */
  record Timeline(Room room, List<TimelineEntry> entries, String language) {}

  /**
   * @param language {@code nl} or {@code en}
   * @param texts the page's words by their key after {@code playground.}, as written in Kring's
   *     texts ({@code {0}} and so on still to be filled in)
   * @param maxMessage the most characters a message may have
   */
  record PageTexts(String language, Map<String, String> texts, int maxMessage) {}
}
