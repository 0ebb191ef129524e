package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static kring.teams.Activities.EVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import kring.core.cases.Case;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.testing.EveryButton;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every button works where Teams shows it: on a card in the case's channel, on a card in a person's
 * personal chat with Kring, and inside a dialog (the private content behind the "open" button of a
 * waiting notice, for a person without a personal chat). Each is pressed by the person it is meant
 * for, with what Teams sends from there (task/fetch from a card, task/submit from a dialog), and
 * must have its effect ({@link EveryButton#EFFECTS}): never a refusal, never silence.
 */
class TeamsButtonsEverywhereTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final MovableClock clock = new MovableClock(local("2026-01-12T09:00"), BRUSSELS);
  static final ChannelRef CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);
  static final Activities.Member DAVE =
      new Activities.Member("29:dave-teams", "aad-dave", "Dave Wouters");
  static final List<Activities.Member> PEOPLE = List.of(ANNA, BERT, CARL, DAVE, EVE);

  /** Actions this test does not reach on Teams; the Slack test presses them (same core). */
  static final Set<String> NOT_DRIVEN_HERE =
      Set.of(
          "case.erase",
          "case.quiet-close",
          "case.quiet-keep",
          "case.close-discuss",
          "round.discuss",
          "case.holidays");

  static TeamsHarness teams;

  /** A card Kring showed: where, to whom, and its content. */
  record Shown(String place, Activities.Member reader, JsonNode content) {}

  private final EveryButton.Ledger ledger = new EveryButton.Ledger();
  private final Set<String> kinds = new HashSet<>();
  private final List<Shown> shown = new ArrayList<>();
  private int looked;
  private int read;
  private int readUpdates;

  /**
   * The buttons pressed, by what they carry: a dialog of waiting content shows older items again,
   * whose buttons were pressed already and have nothing left to do.
   */
  private final Set<String> pressedButtons = new HashSet<>();

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, clock);
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @Test
  void everyButtonOfACaseLifeHasItsEffectWhereItIsShown() {
    // Anna and Carl have Kring installed for themselves; Bert reads his private content through the
    // waiting notices in the channel.
    teams.post(teams.activities.botAdded(ANNA));
    teams.post(teams.activities.installedForPerson(ANNA));
    teams.post(teams.activities.installedForPerson(CARL));
    say(ANNA, "start AB");
    Shown welcome = find("channel", "form.open");
    fillIn(ANNA, press(welcome, "form.open", ANNA), Map.of("role", "care-coordinator"));
    for (Activities.Member newcomer : List.of(BERT, CARL, DAVE, EVE)) {
      say(newcomer, "join");
      List<Shown> theirs = collect().stream().filter(s -> s.reader() == newcomer).toList();
      Shown form = theirs.get(theirs.size() - 1);
      fillIn(newcomer, openedForm(form, newcomer), Map.of("role", "clb"));
      Shown ask = find("channel", "join.accept");
      press(ask, newcomer == EVE ? "join.decline" : "join.accept", ANNA);
      looked = shown.size();
    }
    fillIn(ANNA, openedForm(commandForm(ANNA, "goal"), ANNA), Map.of("goal", "Back in class"));
    fillIn(
        ANNA,
        openedForm(commandForm(ANNA, "roles"), ANNA),
        Map.of("does.P1", "Runs the meetings", "does.P2", "Talks with the parents"));
    Shown proposal = find("channel", "agreement.confirm");
    // Bert reads it in a dialog and confirms from there; the others from the channel.
    press(proposal, "agreement.read", BERT);
    looked = shown.size();
    Shown read = find("dialog", "agreement.confirm");
    assertThat(read.reader()).isEqualTo(BERT);
    press(read, "agreement.confirm", BERT);
    pressEverythingNew(ANNA);
    press(proposal, "agreement.confirm", ANNA);
    press(proposal, "agreement.confirm", CARL);
    press(proposal, "agreement.confirm", DAVE);
    pressEverythingNew(ANNA);
    say(CARL, "card");
    pressEverythingNew(ANNA);
    for (String proposed :
        List.of("pause", "resume", "hours case 8-15", "cadence 3", "represent mother")) {
      say(BERT, proposed);
      pressEverythingNew(ANNA);
    }
    fillIn(ANNA, openedForm(commandForm(ANNA, "consent"), ANNA), Map.of());
    pressEverythingNew(ANNA);
    say(ANNA, "consent");
    pressEverythingNew(ANNA);
    for (String text : List.of("Mornings only now", "She joins the class trip")) {
      JsonNode update = openedForm(commandForm(ANNA, "update"), ANNA);
      fillIn(ANNA, update, Map.of("text", text, "feedback", option(update, "feedback", 1)));
      pressEverythingNew(CARL);
    }
    say(BERT, "reflect");
    pressEverythingNew(ANNA);
    live(clock.instant().plus(Duration.ofHours(1)));
    for (Activities.Member partner : List.of(ANNA, BERT, CARL)) {
      Shown invite =
          collect().stream()
              .filter(s -> s.reader() == partner && !buttons(s.content(), "round.answer").isEmpty())
              .reduce((a, b) -> b)
              .orElseThrow(() -> new AssertionError("No invitation for " + partner));
      fillIn(
          partner,
          press(invite, "round.answer", partner),
          Map.of("q.goal-achievable", "no", "q.change", "Shorter meetings"));
    }
    pressEverythingNew(ANNA);
    liveAndPress(local("2026-03-20T16:00"));
    // The first school day of September: Anna checks the team, and Dave has left.
    clock.set(local("2026-08-31T16:00"));
    liveAndPress(local("2026-09-01T12:00"));
    Shown check = find("personal", "team.left");
    press(
        check,
        buttons(check.content(), "team.left").stream()
            .filter(b -> b.path("kring").path("v").asText().endsWith(" 4"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(check.toString())),
        ANNA);
    pressEverythingNew(ANNA);
    fillIn(ANNA, openedForm(commandForm(ANNA, "reflect"), ANNA), Map.of());
    pressEverythingNew(ANNA);
    for (String[] turn :
        List.of(
            new String[] {"A", "close"},
            new String[] {"A", "close"},
            new String[] {"C", "forget me"},
            new String[] {"A", "close"})) {
      say(turn[0].equals("A") ? ANNA : CARL, turn[1]);
      pressEverythingNew(ANNA);
    }

    assertThat(ledger.notPressed()).as("buttons seen and not pressed where they were").isEmpty();
    Set<String> expected = new TreeSet<>(EveryButton.actions());
    expected.removeAll(NOT_DRIVEN_HERE);
    assertThat(ledger.pressedActions())
        .as("every action of the core pressed somewhere")
        .containsAll(expected);
    assertThat(ledger.pressedPlaces().get("form.open"))
        .containsExactlyInAnyOrder("channel", "personal", "dialog");
  }

  /**
   * Every card Kring posted since the last look, as the person it is for sees it: a card in the
   * channel or a personal chat as it is, a waiting notice opened by its person into a dialog.
   */
  private List<Shown> collect() {
    teams.drain(() -> clock.advance(Duration.ofSeconds(2)));
    List<FakeConnector.Posted> posted = teams.connector.posted();
    while (read < posted.size()) {
      FakeConnector.Posted post = posted.get(read++);
      String place = post.conversationId().startsWith("a:personal-") ? "personal" : "channel";
      Activities.Member reader =
          place.equals("personal")
              ? PEOPLE.stream()
                  .filter(p -> post.conversationId().equals(Activities.personalChat(p)))
                  .findFirst()
                  .orElseThrow()
              : null;
      if (!openedWaiting(post.activity(), reader)) {
        shown.add(new Shown(place, reader, post.activity()));
      }
    }
    // A person's waiting notice of the day is updated in place as more waits for them.
    List<FakeConnector.Updated> updates = teams.connector.updated();
    while (readUpdates < updates.size()) {
      FakeConnector.Updated update = updates.get(readUpdates++);
      if (update.status() == 200) {
        openedWaiting(update.activity(), null);
      }
    }
    return shown;
  }

  /**
   * Opens what waits for one person, as that person, into a dialog, when the activity is a notice
   * of waiting content; answers whether it was one.
   */
  private boolean openedWaiting(JsonNode activity, Activities.Member reader) {
    JsonNode waiting = TeamsHarness.find(activity, TeamsMessenger.OPEN_WAITING, "");
    if (waiting == null) {
      return false;
    }
    Activities.Member opener = reader == null ? mentioned(activity) : reader;
    JsonNode answer =
        reader == null ? teams.press(opener, waiting) : teams.pressInPersonalChat(opener, waiting);
    JsonNode card = answer.path("task").path("value").path("card").path("content");
    checkNoRefusal(card.toString(), "the waiting content for " + opener.name());
    shown.add(new Shown("dialog", opener, card));
    return true;
  }

  private static Activities.Member mentioned(JsonNode activity) {
    return PEOPLE.stream()
        .filter(p -> activity.toString().contains("\"" + p.teamsId() + "\""))
        .findFirst()
        .orElseThrow(() -> new AssertionError("A waiting notice for nobody: " + activity));
  }

  private Shown find(String place, String action) {
    return collect().stream()
        .filter(s -> s.place().equals(place) && !buttons(s.content(), action).isEmpty())
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("No " + action + " in the " + place));
  }

  private static List<JsonNode> buttons(JsonNode node, String action) {
    List<JsonNode> found = new ArrayList<>();
    if (node.isObject() && node.path("kring").has("a") && node.has("msteams")) {
      if (action == null || node.path("kring").path("a").asText().equals(action)) {
        found.add(node);
      }
      return found;
    }
    for (JsonNode child : node) {
      found.addAll(buttons(child, action));
    }
    return found;
  }

  private JsonNode press(Shown card, String action, Activities.Member by) {
    List<JsonNode> found = buttons(card.content(), action);
    assertThat(found).as("a button %s in %s", action, card).isNotEmpty();
    return press(card, found.get(0), by);
  }

  /**
   * Presses a button as its reader (for a channel card, {@code by}) from where it is shown, and
   * checks its effect. Returns the form the press opened, or null.
   */
  private JsonNode press(Shown card, JsonNode data, Activities.Member by) {
    String action = data.path("kring").path("a").asText();
    Activities.Member who = card.reader() == null ? by : card.reader();
    Optional<Case> before = teams.cases.findByChannel(CHANNEL);
    collect();
    int from = shown.size();
    JsonNode answer =
        switch (card.place()) {
          case "personal" -> teams.pressInPersonalChat(who, data);
          case "dialog" -> teams.answer(teams.activities.invoke(who, "task/submit", data));
          default -> teams.press(who, data);
        };
    String what = action + " pressed by " + who.name() + " in the " + card.place();
    checkNoRefusal(answer.toString(), "the answer to " + what);
    List<Shown> after = collect().subList(from, shown.size());
    for (Shown next : after) {
      checkNoRefusal(next.content().toString(), "what followed " + what);
    }
    JsonNode dialog =
        answer.path("task").path("type").asText().equals("continue")
            ? answer.path("task").path("value").path("card").path("content")
            : null;
    switch (EveryButton.effectOf(action)) {
      case FORM ->
          assertThat(dialog != null && dialog.toString().contains("\"Input."))
              .as("the form opened by " + what + ": " + answer)
              .isTrue();
      case CHANGE ->
          assertThat(teams.cases.findByChannel(CHANNEL))
              .as("the case after " + what)
              .isNotEqualTo(before);
      case ANSWER ->
          assertThat(dialog != null || !after.isEmpty())
              .as("an answer to " + what + ": " + answer)
              .isTrue();
    }
    if (dialog != null && !dialog.toString().contains("\"Input.")) {
      shown.add(new Shown("dialog", who, dialog));
    }
    ledger.pressed(action, card.place());
    kinds.add(kind(card, data));
    pressedButtons.add(data.toString());
    return dialog;
  }

  private static String kind(Shown card, JsonNode data) {
    String action = data.path("kring").path("a").asText();
    String form =
        action.equals("form.open") ? data.path("kring").path("v").asText().split(" ")[0] : "";
    return action + " " + form + " " + card.place();
  }

  /** In each card shown since the last look, presses the first button of a kind not pressed. */
  private void pressEverythingNew(Activities.Member coordinator) {
    collect();
    while (looked < shown.size()) {
      Shown card = shown.get(looked++);
      JsonNode first = null;
      for (JsonNode data : buttons(card.content(), null)) {
        String action = data.path("kring").path("a").asText();
        if (action.equals(TeamsMessenger.OPEN_WAITING)) {
          continue;
        }
        ledger.seen(action, card.place());
        if (first == null
            && !kinds.contains(kind(card, data))
            && !pressedButtons.contains(data.toString())) {
          first = data;
        }
      }
      if (first != null) {
        press(card, first, coordinator);
      }
    }
  }

  private static void checkNoRefusal(String words, String what) {
    assertThat(EveryButton.refusalIn(words)).as(what).isEmpty();
  }

  private void say(Activities.Member who, String words) {
    teams.post(teams.activities.mention(who, words));
    collect();
  }

  /** The card holding the form a typed command offers its person. */
  private Shown commandForm(Activities.Member who, String words) {
    say(who, words);
    return shown.stream()
        .filter(s -> s.reader() == who && s.place().equals("dialog") || s.reader() == who)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  /** The form behind a waiting notice (already opened as a dialog) or a personal chat's card. */
  private JsonNode openedForm(Shown card, Activities.Member who) {
    if (card.content().toString().contains("\"Input.")) {
      return card.content();
    }
    if (!buttons(card.content(), "form.open").isEmpty()) {
      return press(card, "form.open", who);
    }
    List<JsonNode> open = buttons(card.content(), TeamsMessenger.OPEN_WAITING);
    assertThat(open).as("a form for " + who.name() + " in " + card).isNotEmpty();
    return TeamsHarness.dialogCard(
        card.place().equals("personal")
            ? teams.pressInPersonalChat(who, open.get(0))
            : teams.press(who, open.get(0)));
  }

  /** Submits a form, every other required input at its first choice or a few words. */
  private void fillIn(Activities.Member who, JsonNode form, Map<String, String> given) {
    assertThat(form).as("a form to fill in").isNotNull();
    Map<String, String> answers = new HashMap<>(given);
    for (JsonNode input : form.path("body")) {
      String id = input.path("id").asText();
      if (!input.path("type").asText().startsWith("Input.")
          || !input.path("isRequired").asBoolean()
          || answers.containsKey(id)
          || !input.path("value").asText("").isEmpty()) {
        continue;
      }
      answers.put(id, input.has("choices") ? option(form, id, 0) : "Samen besproken");
    }
    JsonNode next = teams.submit(who, form, answers);
    collect();
    if (next != null && next.path("task").path("type").asText().equals("continue")) {
      fillIn(who, TeamsHarness.dialogCard(next), Map.of());
    }
  }

  private static String option(JsonNode form, String id, int index) {
    for (JsonNode input : form.path("body")) {
      if (input.path("id").asText().equals(id)) {
        return input.path("choices").get(index).path("value").asText();
      }
    }
    throw new AssertionError("No input " + id + " in " + form);
  }

  private void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      teams.prompts.runDue();
    }
    collect();
  }

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  /** Lives until then in half hours, pressing what every half hour brought. */
  private void liveAndPress(Instant until) {
    while (clock.instant().isBefore(until)) {
      live(clock.instant().plus(Duration.ofMinutes(30)));
      pressEverythingNew(ANNA);
    }
  }
}
