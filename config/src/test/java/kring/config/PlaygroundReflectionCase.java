package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A case of four partners agreed through the playground's API — Anna coordinates, Bert, Chris and
 * Dana take part — and its reflection rounds: Anna starts one with the form "reflectie" opens, and
 * each partner answers privately through the answer button of their invitation and its form.
 */
final class PlaygroundReflectionCase {

  static final String ANSWER = "round.answer";
  static final String ANSWER_FORM = "round.answers";

  /**
   * What Bert, Chris and Dana answer in the first round, by question id: Bert skips who
   * coordinates, Chris says nothing about what he would change (and first gives "2" for the
   * information he got, which a test may change to "4").
   */
  static final Map<String, Map<String, String>> ROUND_ONE =
      Map.of(
          "Bert",
          Map.of(
              "goal-achievable", "yes",
              "info-in-time", "2",
              "voice-doubts", "4",
              "count-on", "3",
              "know-can", "2",
              "keep", "De wekelijkse mail",
              "change", "Sneller terugbellen"),
          "Chris",
          Map.of(
              "goal-achievable", "yes",
              "info-in-time", "2",
              "who-coordinates", "yes",
              "voice-doubts", "4",
              "count-on", "4",
              "know-can", "2",
              "keep", "Het overleg op maandag"),
          "Dana",
          Map.of(
              "goal-achievable", "partly",
              "info-in-time", "3",
              "who-coordinates", "yes",
              "voice-doubts", "5",
              "count-on", "4",
              "know-can", "3",
              "keep", "Korte lijnen met de school",
              "change", "Een vaste overlegdag"));

  /** What everyone answers in the second round; Anna signs her written answer. */
  static final Map<String, Map<String, String>> ROUND_TWO =
      Map.of(
          "Bert", roundTwo("4", "yes", "4", "Het vaste overlegmoment"),
          "Chris", roundTwo("4", "yes", "4", "De duidelijke taakverdeling"),
          "Dana", roundTwo("5", "partly", "3", "Snelle antwoorden"),
          "Anna", withSign(roundTwo("5", "partly", "3", "Dat de leerling mee aan tafel zat")));

  private static Map<String, String> roundTwo(
      String info, String coordinates, String trust, String keep) {
    return Map.of(
        "goal-achievable", "yes",
        "info-in-time", info,
        "who-coordinates", coordinates,
        "voice-doubts", trust,
        "count-on", trust,
        "know-can", "3",
        "keep", keep);
  }

  private static Map<String, String> withSign(Map<String, String> answers) {
    Map<String, String> signed = new java.util.HashMap<>(answers);
    signed.put("sign", "yes");
    return Map.copyOf(signed);
  }

  final PlaygroundHttp api;
  final String room;
  final String anna;
  final String bert;
  final String chris;
  final String dana;

  private PlaygroundReflectionCase(
      PlaygroundHttp api, String room, String anna, String bert, String chris, String dana) {
    this.api = api;
    this.room = room;
    this.anna = anna;
    this.bert = bert;
    this.chris = chris;
    this.dana = dana;
  }

  /** Anna starts a case in a new room; the others ask to join, she accepts; all agree. */
  static PlaygroundReflectionCase agreed(PlaygroundHttp api, String roomName) throws Exception {
    String anna = api.person("Anna");
    String room = api.room(roomName, anna);
    api.say(room, anna, "start");
    PlaygroundReflectionCase c =
        new PlaygroundReflectionCase(
            api, room, anna, api.person("Bert"), api.person("Chris"), api.person("Dana"));
    c.join(c.bert, "Bert", "clb");
    c.join(c.chris, "Chris", "teacher");
    c.join(c.dana, "Dana", "naft-coach");
    api.fill(room, anna, api.say(room, anna, "doel"), Map.of("goal", "Terug naar de klas"));
    api.fill(
        room,
        anna,
        api.say(room, anna, "taken"),
        Map.of(
            "does.P1", "Regie",
            "does.P2", "Gesprekken",
            "does.P3", "Lesaanpassing",
            "does.P4", "Thuisbegeleiding"));
    for (String partner : c.everyone()) {
      api.say(room, partner, "akkoord");
    }
    api.awaitKring(room, c.dana, "Iedereen bevestigde versie");
    return c;
  }

  private void join(String person, String name, String role) throws Exception {
    JsonNode asked =
        api.fill(room, person, api.say(room, person, "aansluiten"), Map.of("role", role));
    assertThat(asked.at("/outcome/form").isNull()).as(asked.toString()).isTrue();
    JsonNode ask =
        api.awaitKring(
            room,
            anna,
            e -> e.toString().contains(name + " (") && e.toString().contains("vraagt om aan te"),
            name + "'s request to join");
    api.press(room, anna, ask, "join.accept");
    api.awaitKring(room, anna, name + " — ");
  }

  String[] everyone() {
    return new String[] {anna, bert, chris, dana};
  }

  /**
   * Anna starts round {@code number} with the start form; returns the channel's post, once every
   * partner received their invitation with its answer button.
   */
  JsonNode start(int number) throws Exception {
    JsonNode form = api.say(room, anna, "reflectie");
    api.fill(room, anna, form, Map.of("days", "5", "focus", "none", "own", ""));
    // Anna is asked at once; the others within their school days and hours: on a weekend or in
    // the evening the playground's time moves on to the next school morning.
    for (int step = 0; step < 8 && !allInvited(number); step++) {
      api.moveTime(Duration.ofHours(6));
    }
    for (String partner : everyone()) {
      invitation(partner, number);
    }
    return api.awaitKring(
        room,
        bert,
        e -> e.path("visibleTo").isNull() && isFor(e, number),
        "the start of round " + number);
  }

  private boolean allInvited(int number) throws Exception {
    for (String partner : everyone()) {
      boolean invited = false;
      for (JsonNode e : api.timeline(room, partner).path("entries")) {
        invited |= partner.equals(e.path("visibleTo").asString()) && isFor(e, number);
      }
      if (!invited) {
        return false;
      }
    }
    return true;
  }

  /** The private invitation to round {@code number}, with its answer button. */
  JsonNode invitation(String partner, int number) throws Exception {
    return api.awaitKring(
        room,
        partner,
        e -> partner.equals(e.path("visibleTo").asString()) && isFor(e, number),
        "an invitation to round " + number);
  }

  private static boolean isFor(JsonNode entry, int number) {
    return PlaygroundHttp.buttonValue(entry, ANSWER)
        .filter(v -> v.endsWith(":" + number))
        .isPresent();
  }

  /** Presses the answer button of the invitation: the form with what they saved before. */
  JsonNode openForm(String partner, int number) throws Exception {
    return api.press(room, partner, invitation(partner, number), ANSWER);
  }

  /** Answers round {@code number}: question ids to values; a question left out is skipped. */
  JsonNode answer(String partner, int number, Map<String, String> answers) throws Exception {
    return api.fill(room, partner, openForm(partner, number), inputs(answers));
  }

  /** Question ids as the form names its inputs. */
  static Map<String, String> inputs(Map<String, String> answers) {
    Map<String, String> inputs = new java.util.HashMap<>();
    answers.forEach((id, value) -> inputs.put(id.equals("sign") ? id : "q." + id, value));
    return inputs;
  }

  /** The summary of round {@code number} as {@code person} sees it. */
  JsonNode summary(String person, int number) throws Exception {
    return api.awaitKring(
        room, person, e -> isSummary(e, number), "the summary of round " + number);
  }

  private static boolean isSummary(JsonNode entry, int number) {
    String text = entry.toString();
    return entry.path("visibleTo").isNull()
        && text.contains("Reflectieronde " + number + " — casus")
        && text.contains("deden mee");
  }

  /**
   * Moves the playground's clock a day at a time until round {@code number} closed at its deadline
   * and its summary is in the channel; a start before a holiday needs the most days.
   */
  JsonNode closeAtDeadline(int number) throws Exception {
    for (int day = 0; day < 40; day++) {
      api.moveTime(Duration.ofDays(1));
      for (JsonNode entry : api.timeline(room, anna).path("entries")) {
        if (isSummary(entry, number)) {
          return entry;
        }
      }
    }
    throw new AssertionError("Round " + number + " did not close within 40 days");
  }
}
