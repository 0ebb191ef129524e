package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.CaseCode;
import kring.core.conversation.Retention;
import kring.core.privacy.RetentionPeriods;
import kring.storage.RedisCaseStore;
import kring.storage.RedisPeople;
import kring.storage.RedisRetentionIndex;
import kring.testing.EveryButton;
import kring.testing.MovableClock;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every button works where Slack shows it: in the case's channel, in an ephemeral message there,
 * and in the direct message Kring sent (the App Home and the modals hold no buttons). A button is
 * pressed by the person it was shown to, from that place, with the payload Slack sends from there,
 * and must have its effect ({@link EveryButton#EFFECTS}): never a refusal, never silence.
 */
class SlackButtonsEverywhereTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  /** A school day morning, as the other Slack tests on a clock of their own. */
  static final MovableClock clock =
      new MovableClock(SlackLeavingTest.NOW, SlackLeavingTest.BRUSSELS);

  @RegisterExtension static final SlackRunning running = new SlackRunning(redis, clock);

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0BUTTONS";
  static final String ANNA = "UANNA";
  static final String BERT = "UBERT";
  static final Duration SOON = Duration.ofSeconds(10);

  /** What Kring answers when a button names no case here or another case, in Dutch and English. */
  static final List<String> NOT_HERE =
      List.of(
          "nog geen casus in dit kanaal",
          "hoort bij een andere casus",
          "no case in this channel",
          "belongs to another case");

  @Test
  void theJoinButtonOfTheWelcomeAndTheIntroduceButtonOfTheCardWorkInTheDirectMessage() {
    clock.set(SlackLeavingTest.NOW);
    SlackHarness kring = running.get();
    kring.send(command(ANNA, "anna", "start AB"), SlackPayloads.FORM);
    FakeSlack.Call welcome = channelPost(c -> c.words().contains("K-"));
    JsonNode intro = pressAndOpen(welcome, "form.open");
    kring.submit(
        TEAM, ANNA, "anna", intro, Map.of("role", "care-coordinator", "organisation", "School"));

    kring.send(
        SlackPayloads.memberJoined(TEAM, "Ev0BUTTON1", CHANNEL, BERT, ANNA),
        SlackPayloads.JSON_TYPE);
    FakeSlack.Call welcomeDm = dmTo(BERT, c -> c.buttons("form.open").size() > 0);
    JsonNode join = pressAndOpen(welcomeDm, "form.open");
    assertThat(join.path("callback_id").asString()).isEqualTo("partner.join");
    kring.submit(TEAM, BERT, "bert", join, Map.of("role", "clb", "organisation", "CLB Noord"));

    FakeSlack.Call ask = channelPost(c -> !c.buttons("join.accept").isEmpty());
    pressAndOpen(ask, "join.accept");
    quiet();
    // The newcomer's own card, in the direct message, with its button to introduce oneself.
    kring.send(command(BERT, "bert", "card"), SlackPayloads.FORM);
    quiet();

    List<FakeSlack.Call> shown = kring.slack.posts(c -> true);
    int pressed = 0;
    for (FakeSlack.Call message : shown) {
      for (JsonNode block : SlackPayloads.array(message.param("blocks"))) {
        for (JsonNode button : block.path("elements")) {
          if (button.path("type").asString().equals("button")) {
            press(message, button);
            pressed++;
          }
        }
      }
    }
    assertThat(pressed).as("buttons pressed").isGreaterThan(5);
    // Both the welcome and the case card reached the newcomer privately, and were pressed there.
    assertThat(shown)
        .filteredOn(c -> c.param("channel").equals(FakeSlack.im(BERT)))
        .anySatisfy(c -> assertThat(c.words()).contains("Vraag om aan te sluiten"))
        .anySatisfy(c -> assertThat(c.words()).contains("Stel je voor"));
  }

  /** Monday 12 January 2026, 09:00, a school day. */
  static final Instant MONDAY =
      LocalDateTime.parse("2026-01-12T09:00").atZone(SlackLeavingTest.BRUSSELS).toInstant();

  static final String LIFE = "C0EVERY01";
  static final String SMALL = "C0EVERY02";
  static final String CARL = "UCARL";
  static final String DAVE = "UDAVE";
  static final String EVE = "UEVE";
  static final Pattern CODE = Pattern.compile("K-[A-Z0-9]{4}");

  private final EveryButton.Ledger ledger = new EveryButton.Ledger();
  private final Set<String> kinds = new HashSet<>();
  private int looked;

  /**
   * A case through its life over HTTP, from its start to its end: every button Kring shows is
   * pressed from where it is shown (the channel, an ephemeral message there, a direct message), by
   * the person it is meant for, and must have its effect. Every action the core defines is pressed
   * somewhere.
   */
  @Test
  void everyButtonOfACaseLifeHasItsEffectWhereItIsShown() {
    clock.set(MONDAY);
    // Anna starts the case and introduces herself from the welcome.
    say(LIFE, ANNA, "start AB");
    FakeSlack.Call welcome = inChannel(LIFE, c -> c.words().contains("K-"));
    String code = code(welcome.words());
    fillIn(ANNA, press(welcome, "form.open", ANNA), Map.of("role", "care-coordinator"));
    // Bert, Carl and Dave join from the direct message Kring welcomes them in, Anna accepts them;
    // Eve's request is declined.
    for (String newcomer : List.of(BERT, CARL, DAVE, EVE)) {
      running
          .get()
          .send(
              SlackPayloads.memberJoined(TEAM, "Ev0" + newcomer, LIFE, newcomer, ANNA),
              SlackPayloads.JSON_TYPE);
      FakeSlack.Call dm = dmTo(newcomer, c -> !c.buttons("form.open").isEmpty());
      fillIn(
          newcomer,
          press(dm, "form.open", newcomer),
          Map.of("role", newcomer.equals(CARL) ? "naft-coach" : "clb"));
      FakeSlack.Call ask =
          inChannel(LIFE, c -> !c.buttons("join.accept").isEmpty() && !pressedAll(c));
      press(ask, newcomer.equals(EVE) ? "join.decline" : "join.accept", ANNA);
      markPressed(ask);
    }
    // The goal and the role split, read and confirmed by all three from the channel.
    fillIn(ANNA, commandForm(LIFE, ANNA, "goal"), Map.of("goal", "Back in class by Easter"));
    JsonNode roles = commandForm(LIFE, ANNA, "roles");
    fillIn(
        ANNA, roles, Map.of("does.P1", "Runs the meetings", "does.P2", "Talks with the parents"));
    FakeSlack.Call proposal =
        inChannel(
            LIFE,
            c ->
                c.buttons("agreement.confirm").stream()
                    .anyMatch(b -> b.path("value").asString().endsWith(":2")));
    // Bert reads it privately and confirms from there; the others from the channel.
    press(proposal, "agreement.read", BERT);
    markPressed(proposal);
    pressEverythingNew(ANNA);
    for (String partner : List.of(ANNA, CARL, DAVE)) {
      press(proposal, "agreement.confirm", partner);
    }
    pressEverythingNew(ANNA);
    // Anna opens Kring's App Home: her overview, which holds no buttons (checked below).
    running
        .get()
        .send(
            SlackPayloads.event(
                TEAM,
                "Ev0HOMEANNA",
                SlackPayloads.eventOf(
                    "app_home_opened",
                    "user",
                    ANNA,
                    "channel",
                    FakeSlack.im(ANNA),
                    "tab",
                    "home",
                    "event_ts",
                    "1700000000.000800")),
            SlackPayloads.JSON_TYPE);
    running.get().slack.await("views.publish", c -> c.param("user_id").equals(ANNA), SOON);
    // Bert's own card, for his eyes.
    say(LIFE, BERT, "card");
    pressEverythingNew(ANNA);
    // Proposals by a partner, each accepted by the coordinator from the channel.
    for (String proposed :
        List.of("pause", "resume", "hours case 8-15", "cadence 3", "represent mother")) {
      say(LIFE, BERT, proposed);
      pressEverythingNew(ANNA);
    }
    // When Slack does not open a form from a direct message (its trigger ran out), Kring offers
    // the form behind a button there instead: that button works in the direct message too.
    FakeSlack.Call reminder =
        dmTo(
            ANNA,
            c ->
                c.buttons("form.open").stream()
                    .anyMatch(b -> b.path("value").asString().startsWith("consent.record")));
    FakeSlack.Call offered = offeredInstead(reminder, reminder.buttons("form.open").get(0), ANNA);
    assertThat(offered.param("channel")).isEqualTo(FakeSlack.im(ANNA));
    markPressed(offered);
    // Consent recorded, then withdrawn from the register.
    fillIn(ANNA, commandForm(LIFE, ANNA, "consent"), Map.of());
    pressEverythingNew(ANNA);
    say(LIFE, ANNA, "consent");
    pressEverythingNew(ANNA);
    // An update that asks Bert for feedback.
    JsonNode update = commandForm(LIFE, ANNA, "update");
    fillIn(
        ANNA,
        update,
        Map.of(
            "text", "The pupil comes in mornings now", "feedback", option(update, "feedback", 1)));
    pressEverythingNew(BERT);
    fillIn(
        ANNA,
        commandForm(LIFE, ANNA, "update"),
        Map.of("text", "She joins the class trip", "feedback", option(update, "feedback", 1)));
    pressEverythingNew(BERT);
    // A reflection round Bert proposes and Anna starts; everyone answers, doubting the goal.
    say(LIFE, BERT, "reflect");
    pressEverythingNew(ANNA);
    live(clock.instant().plus(Duration.ofHours(1)));
    for (String partner : List.of(ANNA, BERT, CARL, DAVE)) {
      FakeSlack.Call invite = dmTo(partner, c -> !c.buttons("round.answer").isEmpty());
      fillIn(
          partner,
          press(invite, "round.answer", partner),
          Map.of("q.goal-achievable", "no", "q.change", "Shorter meetings"));
    }
    // The summary's button to agree on changes, when Slack opens no form: offered instead.
    FakeSlack.Call summary = inChannel(LIFE, c -> !c.buttons("round.improve").isEmpty());
    offeredInstead(summary, summary.buttons("round.improve").get(0), ANNA);
    pressEverythingNew(ANNA);
    // Weeks go by: check-ins, news, the team and the agreement come up privately.
    liveAndPress(local("2026-03-20T16:00"));
    // The first school day of September: the coordinator checks who is still on the team.
    clock.set(local("2026-08-31T16:00"));
    liveAndPress(local("2026-09-01T12:00"));
    FakeSlack.Call teamCheck = dmTo(ANNA, c -> !c.buttons("team.left").isEmpty());
    // Dave has left (three partners still answer rounds).
    press(
        teamCheck,
        teamCheck.buttons("team.left").stream()
            .filter(b -> b.path("value").asString().endsWith(" 4"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(teamCheck.words())),
        ANNA);
    pressEverythingNew(ANNA);
    // A small case of youth care only, in a channel of its own.
    say(SMALL, ANNA, "start CD");
    FakeSlack.Call small = inChannel(SMALL, c -> c.words().contains("K-"));
    fillIn(ANNA, press(small, "form.open", ANNA), Map.of("role", "naft-coach"));
    running
        .get()
        .send(
            SlackPayloads.memberJoined(TEAM, "Ev0SMALL" + DAVE, SMALL, DAVE, ANNA),
            SlackPayloads.JSON_TYPE);
    fillIn(
        DAVE,
        press(dmTo(DAVE, c -> c.words().contains(code(small.words()))), "form.open", DAVE),
        Map.of("role", "crisis-worker"));
    press(inChannel(SMALL, c -> !c.buttons("join.accept").isEmpty()), "join.accept", ANNA);
    fillIn(ANNA, commandForm(SMALL, ANNA, "goal"), Map.of("goal", "A safe place to sleep"));
    fillIn(ANNA, commandForm(SMALL, ANNA, "roles"), Map.of("does.P1", "Finds a bed"));
    FakeSlack.Call smallProposal =
        inChannel(
            SMALL,
            c ->
                c.buttons("agreement.confirm").stream()
                    .anyMatch(b -> b.path("value").asString().endsWith(":2")));
    press(smallProposal, "agreement.confirm", ANNA);
    press(smallProposal, "agreement.confirm", DAVE);
    markPressed(smallProposal);
    pressEverythingNew(ANNA);
    for (String[] turn :
        List.of(
            new String[] {DAVE, "holidays off"},
            new String[] {ANNA, "reflect"},
            new String[] {ANNA, "close"},
            new String[] {ANNA, "erase"})) {
      say(SMALL, turn[0], turn[1]);
      pressEverythingNew(turn[0].equals(ANNA) ? DAVE : ANNA);
    }
    // The coordinator closes the case during a round: the round first, then a final evaluation;
    // Carl asks to be forgotten meanwhile, and the case closes at once.
    fillIn(ANNA, commandForm(LIFE, ANNA, "reflect"), Map.of());
    pressEverythingNew(ANNA);
    say(LIFE, ANNA, "close");
    pressEverythingNew(ANNA);
    say(LIFE, ANNA, "close");
    pressEverythingNew(ANNA);
    say(LIFE, CARL, "forget me");
    pressEverythingNew(ANNA);
    say(LIFE, ANNA, "close");
    pressEverythingNew(ANNA);

    // A case nobody acted in for half a year: Kring asks its coordinator whether to close it. She
    // keeps it open, then closes it after all, from the same direct message.
    SlackHarness harness = running.get();
    CaseCode quiet = new CaseCode("K-Q7R3");
    harness.cases.create(
        Samples.activeCase(
            quiet,
            Samples.slackChannel("C0EVERY03"),
            List.of(Samples.slackUser(ANNA), Samples.slackUser(BERT)),
            CollaborationLevel.COORDINATION,
            clock.instant()));
    var index = new RedisRetentionIndex(redis.client(), redis.keys());
    index.active(quiet, clock.instant());
    clock.set(local("2027-03-09T10:00"));
    new Retention(
            harness.cases,
            new RedisPeople(redis.client(), redis.keys()),
            harness.outbox,
            harness.erasure,
            index,
            RetentionPeriods.DEFAULT,
            clock,
            harness.prompts,
            () -> {},
            new RedisCaseStore(redis.client(), redis.keys(), clock, 0))
        .runDue();
    quiet();
    FakeSlack.Call asked = dmTo(ANNA, c -> !c.buttons("case.quiet-keep").isEmpty());
    press(asked, "case.quiet-keep", ANNA);
    press(asked, "case.quiet-close", ANNA);
    markPressed(asked);
    pressEverythingNew(ANNA);

    // The App Home and the modals show no buttons: there is nothing to press there.
    for (FakeSlack.Call view : harness.slack.calls()) {
      if (view.method().startsWith("views.")) {
        assertThat(view.param("view")).doesNotContain("\"button\"");
      }
    }
    assertThat(ledger.notPressed()).as("buttons seen and not pressed where they were").isEmpty();
    assertThat(ledger.pressedActions())
        .as("every action of the core pressed somewhere")
        .containsAll(EveryButton.actions());
  }

  /**
   * Presses a button whose form Slack does not open (its trigger ran out), and returns the message
   * in which Kring offers the form behind a button instead, after pressing that one where it is.
   */
  private FakeSlack.Call offeredInstead(FakeSlack.Call message, JsonNode button, String user) {
    SlackHarness kring = running.get();
    kring.slack.errorNext("views.open", "expired_trigger_id");
    int before = kring.slack.posts(c -> true).size();
    String body =
        place(message).equals("dm")
            ? SlackPayloads.blockActionInDm(TEAM, user, name(user), message, button)
            : SlackPayloads.pressInMessage(TEAM, user, name(user), message, button);
    assertThat(kring.send(body, SlackPayloads.FORM).statusCode()).isEqualTo(200);
    quiet();
    List<FakeSlack.Call> posts = kring.slack.posts(c -> true);
    FakeSlack.Call offered =
        posts.subList(before, posts.size()).stream()
            .filter(c -> !c.buttons("form.open").isEmpty())
            .findFirst()
            .orElseThrow(() -> new AssertionError("No form offered behind a button"));
    press(offered, "form.open", user);
    return offered;
  }

  /** The place a message was shown in: the channel, an ephemeral message there, or a DM. */
  private static String place(FakeSlack.Call message) {
    if (message.method().equals("chat.postEphemeral")) {
      return "ephemeral";
    }
    return message.param("channel").startsWith("D0") ? "dm" : "channel";
  }

  /** Who a message's buttons are meant for: the DM's or ephemeral's reader, else {@code by}. */
  private static String reader(FakeSlack.Call message, String by) {
    return switch (place(message)) {
      case "dm" -> message.param("channel").substring(2);
      case "ephemeral" -> message.param("user");
      default -> by;
    };
  }

  /**
   * Presses the first button of a message that stands for this action, as {@code by} (for a message
   * in the channel; a private message's buttons are pressed by its reader), from where the message
   * is, and checks the press had its effect. Returns the form it opened, or null.
   */
  private JsonNode press(FakeSlack.Call message, String action, String by) {
    List<JsonNode> buttons = message.buttons(action);
    assertThat(buttons).as("a button %s in %s", action, message.words()).isNotEmpty();
    return press(message, buttons.get(0), by);
  }

  private JsonNode press(FakeSlack.Call message, JsonNode button, String by) {
    SlackHarness kring = running.get();
    String action = BlockKit.action(button.path("action_id").asString());
    String place = place(message);
    String user = reader(message, by);
    String channel = message.param("channel");
    Matcher named = CODE.matcher(button.path("value").asString(""));
    String code = named.find() ? named.group() : code(message.words());
    var before = code == null ? java.util.Optional.empty() : kring.cases.find(new CaseCode(code));
    int calls = kring.slack.calls().size();
    String body =
        switch (place) {
          case "dm" -> SlackPayloads.blockActionInDm(TEAM, user, name(user), message, button);
          case "ephemeral" -> SlackPayloads.pressEphemeral(TEAM, channel, user, name(user), button);
          default -> SlackPayloads.pressInMessage(TEAM, user, name(user), message, button);
        };
    assertThat(kring.send(body, SlackPayloads.FORM).statusCode()).isEqualTo(200);
    quiet();
    List<FakeSlack.Call> after = kring.slack.calls().subList(calls, kring.slack.calls().size());
    String what = action + " pressed by " + user + " in the " + place + " " + channel;
    List<FakeSlack.Call> answers =
        after.stream().filter(c -> c.method().startsWith("chat.post")).toList();
    for (FakeSlack.Call answer : answers) {
      assertThat(EveryButton.refusalIn(answer.words())).as("the answer to " + what).isEmpty();
    }
    JsonNode opened = null;
    for (FakeSlack.Call call : after) {
      if (call.method().equals("views.open")) {
        opened = SlackPayloads.JSON.readTree(call.param("view"));
      }
    }
    switch (EveryButton.effectOf(action)) {
      case FORM -> assertThat(opened).as("the form opened by " + what).isNotNull();
      case CHANGE ->
          assertThat(kring.cases.find(new CaseCode(code == null ? "K-2222" : code)))
              .as("the case after " + what)
              .isNotEqualTo(before);
      case ANSWER ->
          assertThat(answers)
              .as("the answer to " + what)
              .anyMatch(
                  c ->
                      c.param("user").equals(user)
                          || c.param("channel").equals(FakeSlack.im(user))
                          || c.method().equals("chat.postMessage")
                              && !c.param("channel").startsWith("D0"));
    }
    ledger.pressed(action, place);
    kinds.add(kind(message, button));
    return opened;
  }

  /** A button's action, with the form it opens, and the place it was shown in. */
  private static String kind(FakeSlack.Call message, JsonNode button) {
    String action = BlockKit.action(button.path("action_id").asString());
    String form = action.equals("form.open") ? button.path("value").asString("").split(" ")[0] : "";
    return action + " " + form + " " + place(message);
  }

  /**
   * Submits a form with these answers, every other required input at its first choice or a few
   * words; a form Kring shows next (a check before posting) is submitted as it is.
   */
  private static void fillIn(String user, JsonNode form, Map<String, String> given) {
    assertThat(form).as("a form to fill in").isNotNull();
    Map<String, String> answers = new HashMap<>(given);
    for (JsonNode block : form.path("blocks")) {
      JsonNode element = block.path("element");
      String input = block.path("block_id").asString();
      if (!block.path("type").asString().equals("input")
          || block.path("optional").asBoolean()
          || answers.containsKey(input)
          || element.has("initial_value")
          || element.has("initial_option")
          || element.has("initial_options")) {
        continue;
      }
      answers.put(input, element.has("options") ? option(form, input, 0) : "Samen besproken");
    }
    var response = running.get().submit(TEAM, user, name(user), form, answers);
    quiet();
    if (!response.body().isBlank()) {
      JsonNode next = SlackPayloads.JSON.readTree(response.body());
      assertThat(next.path("response_action").asString()).as(response.body()).isEqualTo("update");
      fillIn(user, next.path("view"), Map.of());
    }
  }

  /** The value of an input's option at this position. */
  private static String option(JsonNode form, String input, int index) {
    for (JsonNode block : form.path("blocks")) {
      if (block.path("block_id").asString().equals(input)) {
        return block.path("element").path("options").get(index).path("value").asString();
      }
    }
    throw new AssertionError("No input " + input + " in " + form);
  }

  /** Moves time in half hours until {@code until}, running the prompts as the poller would. */
  private static void live(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      running.get().prompts.runDue();
    }
    quiet();
  }

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(SlackLeavingTest.BRUSSELS).toInstant();
  }

  /**
   * Presses, in every message Kring showed since the last look, the first button whose action (and
   * form) was not yet pressed in that place; a message's own answers are looked at in turn.
   */
  private void pressEverythingNew(String coordinator) {
    quiet();
    while (looked < running.get().slack.posts(c -> true).size()) {
      FakeSlack.Call message = running.get().slack.posts(c -> true).get(looked++);
      JsonNode first = null;
      for (JsonNode block : SlackPayloads.array(message.param("blocks"))) {
        for (JsonNode button : block.path("elements")) {
          if (!button.path("type").asString().equals("button")) {
            continue;
          }
          ledger.seen(BlockKit.action(button.path("action_id").asString()), place(message));
          if (first == null && !kinds.contains(kind(message, button))) {
            first = button;
          }
        }
      }
      // A message's buttons are often alternatives (accept or decline): one press each.
      if (first != null) {
        press(message, first, coordinator);
      }
    }
  }

  /** Counts every message up to this one as looked at, its buttons pressed by the test itself. */
  private void markPressed(FakeSlack.Call message) {
    List<FakeSlack.Call> posts = running.get().slack.posts(c -> true);
    looked = Math.max(looked, posts.indexOf(message) + 1);
  }

  private boolean pressedAll(FakeSlack.Call message) {
    return running.get().slack.posts(c -> true).indexOf(message) < looked;
  }

  private void say(String channel, String user, String text) {
    assertThat(
            running
                .get()
                .send(
                    SlackPayloads.command(TEAM, channel, user, name(user), text),
                    SlackPayloads.FORM)
                .statusCode())
        .isEqualTo(200);
    quiet();
  }

  private JsonNode commandForm(String channel, String user, String text) {
    int before = running.get().slack.calls("views.open").size();
    say(channel, user, text);
    return running.get().opened(before, SOON);
  }

  private static JsonNode lastOpened() {
    List<FakeSlack.Call> opens = running.get().slack.calls("views.open");
    return opens.isEmpty()
        ? null
        : SlackPayloads.JSON.readTree(opens.get(opens.size() - 1).param("view"));
  }

  private static FakeSlack.Call inChannel(String channel, Predicate<FakeSlack.Call> which) {
    return running
        .get()
        .slack
        .await("chat.postMessage", c -> c.param("channel").equals(channel) && which.test(c), SOON);
  }

  private static String code(String words) {
    Matcher found = CODE.matcher(words);
    return found.find() ? found.group() : null;
  }

  private static String name(String user) {
    return user.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Presses a button as the person it was shown to, from where it was shown. */
  private static void press(FakeSlack.Call message, JsonNode button) {
    SlackHarness kring = running.get();
    String channel = message.param("channel");
    String user;
    String body;
    if (channel.startsWith("D0")) {
      user = channel.substring(2);
      body = SlackPayloads.blockActionInDm(TEAM, user, user.toLowerCase(), message, button);
    } else {
      user = message.param("user").isEmpty() ? ANNA : message.param("user");
      body = SlackPayloads.press(TEAM, channel, user, user.toLowerCase(), button);
    }
    int before = kring.slack.calls().size();
    assertThat(kring.send(body, SlackPayloads.FORM).statusCode()).isEqualTo(200);
    quiet();
    List<FakeSlack.Call> answers = kring.slack.calls().subList(before, kring.slack.calls().size());
    for (FakeSlack.Call answer : answers) {
      if (answer.method().startsWith("chat.post")) {
        for (String refusal : NOT_HERE) {
          assertThat(answer.words())
              .as(
                  "the answer to %s in %s, pressed by %s",
                  button.path("action_id").asString(), channel, user)
              .doesNotContain(refusal);
        }
      }
    }
  }

  private static JsonNode pressAndOpen(FakeSlack.Call message, String action) {
    SlackHarness kring = running.get();
    int before = kring.slack.calls("views.open").size();
    press(message, SlackEndToEndTest.button(message, action));
    if (kring.slack.calls("views.open").size() > before) {
      return kring.opened(before, SOON);
    }
    return null;
  }

  private static void quiet() {
    running.get().awaitListeners();
    running.get().awaitQuiet(() -> clock.advance(Duration.ofSeconds(2)));
  }

  private static String command(String user, String name, String text) {
    return SlackPayloads.command(TEAM, CHANNEL, user, name, text);
  }

  private static FakeSlack.Call channelPost(Predicate<FakeSlack.Call> which) {
    return running
        .get()
        .slack
        .await("chat.postMessage", c -> c.param("channel").equals(CHANNEL) && which.test(c), SOON);
  }

  private static FakeSlack.Call dmTo(String user, Predicate<FakeSlack.Call> which) {
    return running
        .get()
        .slack
        .await(
            "chat.postMessage",
            c -> c.param("channel").equals(FakeSlack.im(user)) && which.test(c),
            SOON);
  }

  /** Lives until then in half hours, pressing what every half hour brought. */
  private void liveAndPress(Instant until) {
    while (clock.instant().isBefore(until)) {
      live(clock.instant().plus(Duration.ofMinutes(30)));
      pressEverythingNew(ANNA);
    }
  }
}
