package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.CodeTaken;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.conversation.Cards;
import kring.core.conversation.Command;
import kring.core.conversation.Entries;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.Speaker;
import kring.core.conversation.family.FamilyAnswers;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.store.CaseCommit;
import kring.core.store.CaseStore;
import kring.core.store.Sighting;
import kring.core.store.TurnMessages;
import kring.testing.EntryPoints;
import kring.testing.EveryButton;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import kring.testing.Replies;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every command, button and form of Kring, run by the conversation on Redis as the application
 * wires it, from a case where it does real work: each may spend at most {@value #BUDGET} round
 * trips to Redis from the moment it comes in until the outbox holds what it says (the turn's
 * commit, or the messages written when it changed no case), or until it returns when it only opens
 * a form, on a node that handled a turn in the case's channel before; on one that did not, at most
 * {@value #COLD_EXTRA} more. Each is measured as Slack hands in a command, a button or a mention:
 * whether the platform sent it before is decided with the turn's read ({@link
 * KringConversation#firstSight}), in the same round trip. Slack's modal submissions, decided when
 * they come in, and Teams' activities, claimed before they are acknowledged, spend one round trip
 * more before.
 *
 * <p>Which input does real work is found by trying what {@link EntryPoints} offers, on a fresh case
 * each time: so a new command, button or form is measured without this test being changed, and
 * fails here when none of those inputs reaches it.
 */
class RoundTripBudgetTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  /** The round trips the core may spend on one command, button or form. */
  static final int BUDGET = 2;

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

  /**
   * Entry points that do not reach the budget yet, with their count now: the test fails when one
   * costs more or less than this, or reaches the budget (then it leaves this list).
   */
  static final Map<String, Integer> OVER_BUDGET = Map.of();

  /**
   * How many more round trips a node may spend on a turn in a channel whose case it has not seen:
   * the channel's binding, read before the case, and the languages of the case's people, read after
   * it when the turn tells them something.
   */
  static final int COLD_EXTRA = 2;

  /**
   * Entry points that none of the inputs tried reaches, in the busy case or after one of the {@link
   * #PREPARATIONS}: not measured yet. The test fails when another joins them, or when one of them
   * is reached (then it leaves this list).
   */
  static final Set<String> NOT_REACHED_YET = Set.of();

  static RoundTrips trips;
  static World world;

  @BeforeAll
  static void open() {
    trips = RoundTrips.open(TestRedis.machineUrl());
    world = new World(trips.client(), redis.keys());
  }

  @AfterAll
  static void close() {
    trips.close();
  }

  @Test
  void everyCommandButtonAndFormStaysWithinTheBudget() {
    Map<String, Measured> measured = new TreeMap<>();
    Map<String, Measured> cold = new TreeMap<>();
    List<String> unreached = new ArrayList<>();
    for (Map.Entry<String, List<Attempt>> entry : attempts().entrySet()) {
      Optional<Attempt> working = entry.getValue().stream().filter(world::works).findFirst();
      for (Attempt preparation : PREPARATIONS) {
        if (working.isEmpty()) {
          working =
              entry.getValue().stream()
                  .map(a -> a.after(preparation))
                  .filter(world::works)
                  .findFirst();
        }
      }
      if (working.isEmpty()) {
        unreached.add(entry.getKey());
        continue;
      }
      // Measured on a fresh case again, once everything the first run set up (scripts Redis
      // learned, connections) is there as in a running Kring: on a node that saw a turn in the
      // case's channel before, and on one that did not.
      measured.put(entry.getKey(), world.measure(working.get(), true));
      cold.put(entry.getKey(), world.measure(working.get(), false));
    }
    StringBuilder table =
        new StringBuilder(
            "Round trips to the outbox write, per entry point, on a node that knows the case's"
                + " channel (and on one that does not):\n");
    measured.forEach(
        (entry, m) ->
            table.append(
                String.format(
                    "  %-28s %d (%d) %s%n      %s%n",
                    entry,
                    m.toOutbox(),
                    cold.get(entry).toOutbox(),
                    m.attempt().what(),
                    m.trips().subList(0, m.toOutbox()))));
    System.out.println(table);

    assertThat(unreached)
        .as("entry points that no input reached in a case")
        .containsExactlyInAnyOrderElementsOf(NOT_REACHED_YET);
    Map<String, String> over = new TreeMap<>();
    measured.forEach(
        (entry, m) -> {
          int allowed = OVER_BUDGET.getOrDefault(entry, BUDGET);
          if (m.toOutbox() > allowed) {
            over.put(entry, m.toOutbox() + ": " + m.trips().subList(0, m.toOutbox()));
          }
          Measured first = cold.get(entry);
          if (first.toOutbox() > allowed + COLD_EXTRA) {
            over.put(
                entry + " on a node new to the channel",
                first.toOutbox() + ": " + first.trips().subList(0, first.toOutbox()));
          }
        });
    assertThat(over).as("entry points over their budget").isEmpty();
    Map<String, Integer> cheaper = new TreeMap<>();
    OVER_BUDGET.forEach(
        (entry, listed) -> {
          if (measured.containsKey(entry) && measured.get(entry).toOutbox() < listed) {
            cheaper.put(entry, measured.get(entry).toOutbox());
          }
        });
    assertThat(cheaper)
        .as("entry points cheaper than OVER_BUDGET says: lower their count")
        .isEmpty();
    List<String> reached =
        OVER_BUDGET.keySet().stream()
            .filter(e -> measured.containsKey(e) && measured.get(e).toOutbox() <= BUDGET)
            .toList();
    assertThat(reached)
        .as("entry points within the budget now: take them off OVER_BUDGET")
        .isEmpty();
  }

  @Test
  void aReadAddedToATurnIsCounted() {
    Attempt status =
        new Attempt("status", (kring, s) -> kring.say(s.anna(), s.room(), commandWord("STATUS")));
    int before = world.measure(status, true).toOutbox();

    world.extraRead = true;
    try {
      assertThat(world.measure(status, true).toOutbox()).isEqualTo(before + 1);
    } finally {
      world.extraRead = false;
    }
  }

  static String commandWord(String name) {
    return EntryPoints.commands().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow()
        .englishWord();
  }

  /** What to try for each entry point, in order: the first that does real work is measured. */
  static Map<String, List<Attempt>> attempts() {
    Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
    for (Command command : EntryPoints.commands()) {
      List<Attempt> list = new ArrayList<>();
      for (String args : EntryPoints.commandArguments(new CaseCode("K-2222"))) {
        String text = (command.englishWord() + " " + args).strip();
        list.add(
            new Attempt(text + " by the coordinator", (k, s) -> k.say(s.anna(), s.room(), text)));
        list.add(new Attempt(text + " by a partner", (k, s) -> k.say(s.bert(), s.room(), text)));
      }
      attempts.put("command " + command.name(), list);
    }
    for (String action : EntryPoints.actions()) {
      List<Attempt> list = new ArrayList<>();
      for (int i = 0; i < Scene.values(action).size(); i++) {
        int value = i;
        for (boolean inChat : List.of(false, true)) {
          String where = inChat ? " in a private chat" : "";
          list.add(
              new Attempt(
                  "value " + value + " by the coordinator" + where,
                  (k, s) ->
                      k.press(
                          s.anna(), s.place(inChat), action, Scene.values(action, s).get(value))));
          list.add(
              new Attempt(
                  "value " + value + " by a partner" + where,
                  (k, s) ->
                      k.press(
                          s.bert(), s.place(inChat), action, Scene.values(action, s).get(value))));
        }
      }
      attempts.put("button " + action, list);
    }
    for (String form : EntryPoints.forms()) {
      if (Entries.hiddenFields().contains(form)) {
        continue;
      }
      attempts.put(
          "form " + form,
          new ArrayList<>(
              List.of(
                  new Attempt(
                      "by the coordinator",
                      (k, s) ->
                          k.submit(s.anna(), s.room(), form, EntryPoints.formValues(s.code()))),
                  new Attempt(
                      "by a partner",
                      (k, s) ->
                          k.submit(s.bert(), s.room(), form, EntryPoints.formValues(s.code()))),
                  new Attempt(
                      "by someone asking to join",
                      (k, s) ->
                          k.submit(s.dan(), s.room(), form, EntryPoints.formValues(s.code()))))));
    }
    // What the inputs above cannot reach: a channel without a case, someone new, a word of choice.
    attempts
        .get("command START")
        .add(
            new Attempt(
                "by someone new, elsewhere", (k, s) -> k.say(s.eve(), s.elsewhere(), "start")));
    attempts
        .get("command MOVE")
        .add(
            new Attempt(
                "by the coordinator, elsewhere",
                (k, s) -> k.say(s.anna(), s.elsewhere(), "move " + s.code().value())));
    attempts
        .get("command JOIN")
        .add(new Attempt("by someone new", (k, s) -> k.say(s.eve(), s.room(), "join")));
    attempts
        .get("command LANGUAGE")
        .add(new Attempt("english", (k, s) -> k.say(s.anna(), s.room(), "language en")));
    for (String args : List.of("on", "off", "default")) {
      attempts
          .get("command HOLIDAYS")
          .add(new Attempt(args, (k, s) -> k.say(s.anna(), s.room(), "holidays " + args)));
    }
    // News on a sensitive ground, checked before it is shared.
    attempts
        .get("form update.check")
        .add(
            new Attempt(
                "wellbeing news for the channel",
                (k, s) -> {
                  Map<String, String> values = new HashMap<>(EntryPoints.formValues(s.code()));
                  values.putAll(
                      Map.of(
                          "kind", "wellbeing",
                          "feedback", "nobody",
                          "needed", "yes",
                          "ground", "other-ground",
                          "audience", "channel",
                          "to", "",
                          "share", "text"));
                  return k.submit(s.anna(), s.room(), "update.check", values);
                }));
    // The voice of a represented parent, the case's fifth partner.
    for (String partner : List.of("5", "6")) {
      attempts
          .get("form partner.voice")
          .add(forPartner("partner.voice", partner, "collaboration", "Good", "represented"));
    }
    // The summary its representative writes of what that parent answered on their page (without
    // answers waiting, the form only says they are gone).
    attempts
        .get("form family.summary")
        .add(
            forPartner(
                "family.summary", "5", "summary", "Mother feels more heard.", "page was answered"));
    // A check-in button names the question and the answer picked.
    attempts
        .get("button check-in.pick")
        .add(
            new Attempt(
                "the first answer to the first question",
                (k, s) ->
                    k.press(
                        s.bert(),
                        s.room(),
                        "check-in.pick",
                        s.code().value()
                            + ":1:"
                            + Cards.key(CheckInQuestion.values()[0])
                            + ":"
                            + Cards.key(CheckInAnswer.values()[0]))));
    return attempts;
  }

  /**
   * Form {@code form} about partner {@code partner}, with {@code field} filled in, sent by the
   * coordinator in the case's channel after the first of the {@link #PREPARATIONS} whose
   * description holds {@code after}.
   */
  static Attempt forPartner(String form, String partner, String field, String value, String after) {
    return new Attempt(
            "for partner " + partner,
            (k, s) -> {
              Map<String, String> values = new HashMap<>(EntryPoints.formValues(s.code()));
              values.put(Entries.hiddenFields().get(3), partner);
              values.put(field, value);
              return k.submit(s.anna(), s.room(), form, values);
            })
        .after(
            PREPARATIONS.stream().filter(p -> p.what().contains(after)).findFirst().orElseThrow());
  }

  /** One way to use an entry point, on a scene. */
  record Attempt(String what, Act act, Act prepare) {

    Attempt(String what, Act act) {
      this(what, act, (k, s) -> Outcome.NOTHING);
    }

    /** The same, in a case that {@code preparation} changed first (after what this prepares). */
    Attempt after(Attempt preparation) {
      return new Attempt(
          what + ", " + preparation.what(),
          act,
          (k, s) -> {
            prepare.run(k, s);
            return preparation.act().run(k, s);
          });
    }
  }

  /** A link to a represented person's private page, with its token. */
  static final Pattern FAMILY_PAGE = Pattern.compile("/[a-z]+/([A-Za-z0-9_-]{43})");

  /**
   * What is done to a busy case, before nothing is counted, for an entry point that no input
   * reaches in it as it is.
   */
  static final List<Attempt> PREPARATIONS =
      List.of(
          new Attempt(
              "after a reflection round started",
              (k, s) -> k.press(s.anna(), s.room(), "round.start", s.code().value())),
          new Attempt(
              "after news was posted",
              (k, s) ->
                  k.submit(s.anna(), s.room(), "update.post", EntryPoints.formValues(s.code()))),
          new Attempt(
              "after a reflection round closed",
              (k, s) -> {
                k.press(s.anna(), s.room(), "round.start", s.code().value());
                return k.press(s.anna(), s.room(), "round.close", s.code().value() + ":1");
              }),
          new Attempt("after a partner left", (k, s) -> k.say(s.bert(), s.room(), "leave")),
          // Before the parent is only represented: the summary of what they said needs their
          // answers waiting.
          new Attempt(
              "after a parent's private page was answered",
              (k, s) -> {
                k.say(s.anna(), s.room(), "represent mother P1");
                int before = world.written.size();
                k.say(s.anna(), s.room(), "voicelink P5");
                Matcher link =
                    FAMILY_PAGE.matcher(
                        world.written.subList(before, world.written.size()).toString());
                assertThat(link.find()).as("a link to the parent's page").isTrue();
                boolean taken =
                    k.family()
                        .answer(
                            link.group(1),
                            new FamilyAnswers(
                                false, 4, 2, "", "More calm at home.", world.clock.instant()),
                            Map.of());
                assertThat(taken).as("the parent's answers taken").isTrue();
                return Outcome.NOTHING;
              }),
          new Attempt(
              "after a parent was represented",
              (k, s) -> k.say(s.anna(), s.room(), "represent mother P1")),
          new Attempt("after the case was closed", (k, s) -> k.say(s.anna(), s.room(), "close")));

  @FunctionalInterface
  interface Act {
    Outcome run(KringConversation kring, Scene scene);
  }

  /** An attempt's round trips, and how many of them came before the outbox held its result. */
  record Measured(Attempt attempt, List<RoundTrips.Trip> trips, int toOutbox) {}

  /**
   * A fresh busy case ({@link EntryPoints#busyCase}) with people of its own, its channel, and a
   * private chat with Kring.
   */
  record Scene(
      CaseCode code,
      ChannelRef room,
      ChannelRef chat,
      ChannelRef elsewhere,
      Speaker anna,
      Speaker bert,
      Speaker dan,
      Speaker eve) {

    ChannelRef place(boolean inChat) {
      return inChat ? chat : room;
    }

    /** The values a button of {@code action} may carry in this scene. */
    static List<String> values(String action, Scene s) {
      return EntryPoints.buttonValues(
          action, s.code(), List.of(s.anna().user(), s.bert().user()), s.dan().user());
    }

    /** How many values a button of {@code action} may carry in any scene. */
    static List<String> values(String action) {
      UserRef someone = new UserRef(Platform.PLAYGROUND, "local", "someone");
      return EntryPoints.buttonValues(
          action, new CaseCode("K-2222"), List.of(someone, someone), someone);
    }
  }

  /**
   * Kring's conversation on Redis, wired as the application wires it, over the counting client;
   * with what each turn committed or wrote to the outbox kept, to see whether it did real work.
   */
  static final class World {

    final MovableClock clock =
        new MovableClock(
            LocalDateTime.parse("2026-03-02T10:00").atZone(BRUSSELS).toInstant(), BRUSSELS);
    final UnifiedJedis client;
    final RedisKeys keys;
    final RedisCases cases;
    final KringConversation kring;
    final CaseCodes codes = CaseCodes.secure();
    final List<OutboundMessage> written = new ArrayList<>();
    final Set<CaseCode> used = new HashSet<>();
    int turnsRead;
    int commits;
    final String commitSha = RedisCaseStore.COMMIT.sha();
    final String enqueueSha = RedisOutbox.ENQUEUE.sha();
    final String putOffSha = RedisCaseStore.PUT_OFF.sha();
    boolean extraRead;
    int scenes;

    World(UnifiedJedis client, RedisKeys keys) {
      this.client = client;
      this.keys = keys;
      cases = new RedisCases(client, keys);
      kring =
          RedisKring.asTheApplication(
              client,
              keys,
              clock,
              outbox -> recording(Outbox.class, outbox),
              store -> recording(CaseStore.class, store));
    }

    /** {@code delegate}, keeping the messages each call of it writes or commits. */
    @SuppressWarnings("unchecked")
    <T> T recording(Class<T> type, T delegate) {
      return (T)
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (proxy, method, args) -> {
                if (method.getName().equals("read")) {
                  turnsRead++;
                } else if (method.getName().equals("commit")) {
                  commits++;
                }
                if (args != null && args.length > 0 && args[0] instanceof TurnMessages sent) {
                  if (extraRead) {
                    client.get(keys.prefix() + "nothing");
                  }
                  written.addAll(sent.messages());
                } else if (args != null && args.length == 1) {
                  if (extraRead && method.getName().matches("commit|enqueue|enqueueAll")) {
                    // What a flow that read once more before it wrote would cost.
                    client.get(keys.prefix() + "nothing");
                  }
                  if (args[0] instanceof CaseCommit commit) {
                    written.addAll(commit.messages());
                  } else if (args[0] instanceof OutboundMessage message) {
                    written.add(message);
                  } else if (method.getName().equals("enqueueAll")) {
                    ((List<?>) args[0]).forEach(m -> written.add((OutboundMessage) m));
                  }
                }
                try {
                  return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    /** A code no scene of this test used before (nor erased). */
    CaseCode newCode() {
      CaseCode code = codes.next();
      while (!used.add(code)) {
        code = codes.next();
      }
      return code;
    }

    /**
     * A fresh scene: its case under a code nothing has, drawn again where a case the conversation
     * started in an earlier scene, under a code of its own drawing, took it.
     */
    Scene scene() {
      while (true) {
        try {
          return scene(newCode());
        } catch (CodeTaken e) {
          // Drawn again.
        }
      }
    }

    private Scene scene(CaseCode code) {
      int n = ++scenes;
      Function<String, Speaker> person =
          name -> new Speaker(new UserRef(Platform.PLAYGROUND, "local", name + "-" + n), name);
      Scene s =
          new Scene(
              code,
              new ChannelRef(Platform.PLAYGROUND, "local", "room-" + n),
              new ChannelRef(Platform.PLAYGROUND, "local", "chat-" + n),
              new ChannelRef(Platform.PLAYGROUND, "local", "elsewhere-" + n),
              person.apply("anna"),
              person.apply("bert"),
              person.apply("dan"),
              person.apply("eve"));
      Case busy =
          EntryPoints.busyCase(
              s.code(),
              s.room(),
              // Four partners: enough for a reflection round.
              List.of(
                  s.anna().user(),
                  s.bert().user(),
                  new UserRef(Platform.PLAYGROUND, "local", "carl-" + n),
                  new UserRef(Platform.PLAYGROUND, "local", "dora-" + n)),
              s.dan().user(),
              clock.instant());
      cases.create(busy);
      return s;
    }

    /** Whether the attempt does real work: it changes the case, says something or opens a form. */
    boolean works(Attempt attempt) {
      Scene s = scene();
      attempt.prepare().run(kring, s);
      Case before = cases.find(s.code()).orElse(null);
      written.clear();
      turnsRead = 0;
      commits = 0;
      Outcome outcome = attempt.act().run(kring, s);
      // A refusal is answered from a turn of its own, read after the refused one.
      boolean refused =
          (turnsRead > 1 && commits == 0)
              || written.stream()
                  .anyMatch(m -> EveryButton.refusalIn(Replies.words(m.reply())).isPresent());
      boolean changed = !cases.find(s.code()).equals(Optional.ofNullable(before));
      return !refused && (changed || !written.isEmpty() || outcome.formToShow().isPresent());
    }

    /**
     * The attempt's round trips on a fresh case, after a turn in its channel that did nothing (a
     * button Kring does not know) when {@code known}.
     */
    Measured measure(Attempt attempt, boolean known) {
      Scene s = scene();
      if (known) {
        kring.press(s.anna(), s.room(), "no.such-button", "");
      }
      attempt.prepare().run(kring, s);
      trips.reset();
      // As Slack hands in a command, a button or a mention: whether it sent the request before is
      // decided with the turn's read.
      kring.firstSight(
          Sighting.of(
              Sighting.Mark.of("slack-request", "trip-" + s.code(), Duration.ofMinutes(15))),
          () -> attempt.act().run(kring, s));
      List<RoundTrips.Trip> mine = trips.mine();
      int toOutbox = mine.size();
      for (int i = 0; i < mine.size(); i++) {
        if (writesOutbox(mine.get(i))) {
          toOutbox = i + 1;
          break;
        }
      }
      return new Measured(attempt, mine, toOutbox);
    }

    /**
     * Whether a round trip runs the turn's commit, writes messages to the outbox, or puts a prompt
     * off with the messages that confirm it (kept with the case, as a commit keeps them).
     */
    boolean writesOutbox(RoundTrips.Trip trip) {
      for (int i = 0; i < trip.commands().size(); i++) {
        String name = trip.names().get(i);
        String script = trip.argument(i, 1);
        String sha =
            name.equals("EVAL")
                ? RoundTripsTest.sha1(script)
                : name.equals("EVALSHA") ? script : "";
        if (sha.equals(commitSha) || sha.equals(enqueueSha) || sha.equals(putOffSha)) {
          return true;
        }
      }
      return false;
    }
  }
}
