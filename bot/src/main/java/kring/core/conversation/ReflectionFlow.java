package kring.core.conversation;

import static kring.core.conversation.MembershipFlow.input;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Refusal;
import kring.core.checkin.CheckInRound;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.AnswerType;
import kring.core.reflection.Improvement;
import kring.core.reflection.OpenAnswer;
import kring.core.reflection.PartnerAnswers;
import kring.core.reflection.Question;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.reflection.Summary;
import kring.core.reflection.Theme;
import kring.core.reply.Block;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.reply.Text;
import kring.core.schedule.Planner;
import kring.core.schedule.RoundWindow;

/**
 * Reflection rounds in the conversation: starting one (the coordinator or backup; a partner
 * proposes), each partner's private answer form, closing when everyone answered, and the summary
 * for the channel.
 */
final class ReflectionFlow {

  /** Five school days: a working week to find five minutes. */
  static final int DEFAULT_DAYS = 5;

  static final int MAX_DAYS = 20;

  private static final String SIGN = "sign";
  private static final String PREFIX = "q.";
  private static final String CHANGE_PREFIX = "change.";

  private final Cards cards;
  private final Planner planner;
  private final Anonymity anonymity;
  private final RandomGenerator random;

  ReflectionFlow(Cards cards, ZoneId zone, Anonymity anonymity, RandomGenerator random) {
    this.cards = cards;
    this.planner = new Planner(zone);
    this.anonymity = anonymity;
    this.random = random;
  }

  /** {@code reflect [days] [theme]}: a form for the coordinator, a proposal from a partner. */
  Outcome command(Turn turn, String args) {
    Case c = turn.requireCase();
    if (c.closing()) {
      throw new Refusal("refusal.closing");
    }
    Permission permission = c.permission(turn.user(), Action.START_REFLECTION);
    if (permission == Permission.PROPOSE) {
      String who = c.partner(turn.user()).map(Partner::displayName).orElse("?");
      turn.announce(
          Reply.builder()
              .text(turn.tc("reflection.proposed", who))
              .note(turn.tc("join.who-decides"))
              .primary(turn.tc("button.reflect-start"), Actions.ROUND_START, c.code().value())
              .build());
      turn.answer("reflection.proposal-posted");
      return Outcome.NOTHING;
    }
    requireStarter(turn, c);
    if (tooFew(turn, c)) {
      return Outcome.NOTHING;
    }
    if (args.isBlank()) {
      return Outcome.open(startForm(turn, c));
    }
    int days = DEFAULT_DAYS;
    Optional<Theme> focus = Optional.empty();
    for (String word : args.strip().split("\\s+")) {
      Optional<Theme> theme = theme(word);
      if (word.matches("\\d{1,2}") && Integer.parseInt(word) >= 1) {
        days = Math.min(Integer.parseInt(word), MAX_DAYS);
      } else if (theme.isPresent()) {
        focus = theme;
      } else {
        throw new Refusal(
            "refusal.reflection.args", word.length() > 20 ? word.substring(0, 20) : word);
      }
    }
    start(turn, days, focus, Optional.empty());
    return Outcome.NOTHING;
  }

  /** The coordinator or backup pressed a partner's proposal: a round with the defaults. */
  void startPressed(Turn turn, String code) {
    Case c = turn.enterCase(code);
    requireStarter(turn, c);
    if (!tooFew(turn, c)) {
      start(turn, DEFAULT_DAYS, Optional.empty(), Optional.empty());
    }
  }

  Outcome openStartForm(Turn turn) {
    Case c = turn.requireCase();
    requireStarter(turn, c);
    return tooFew(turn, c) ? Outcome.NOTHING : Outcome.open(startForm(turn, c));
  }

  Outcome submitStart(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    requireStarter(turn, c);
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal("refusal.other-case");
    }
    FormReader form = new FormReader(values, turn);
    int days = form.number("days", 1, MAX_DAYS, DEFAULT_DAYS);
    String focusKey = form.text("focus", false, 30);
    Optional<Theme> focus =
        focusKey.isEmpty() || focusKey.equals("none") ? Optional.empty() : theme(focusKey);
    if (!focusKey.isEmpty() && !focusKey.equals("none") && focus.isEmpty()) {
      form.error("focus", "form.choose");
    }
    String ownText = form.text("own", false, Question.OWN_MAX);
    Optional<AnswerType> ownType = ownType(form.text("ownType", false, 20));
    Optional<Theme> ownTheme = theme(form.text("ownTheme", false, 30));
    if (!ownText.isEmpty() && ownType.isEmpty()) {
      form.error("ownType", "form.choose");
    }
    if (!form.ok()) {
      return Outcome.open(startForm(turn, c).withErrors(values, form.errors()));
    }
    Optional<Question> own =
        ownText.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Question.own(ownTheme.orElse(Theme.EVALUATION), ownType.get(), oneLine(ownText)));
    start(turn, days, focus, own);
    return Outcome.FORM_DONE;
  }

  /** Posts a few questions to discuss by name, where a team is too small for anonymity. */
  void discuss(Turn turn, String code) {
    discuss(
        turn,
        code,
        "reflection.discuss.",
        List.of("info-in-time", QuestionBank.GOAL_ACHIEVABLE, "who-coordinates", "keep", "change")
            .stream()
            .map(id -> QuestionBank.byId(id).orElseThrow())
            .toList());
  }

  /**
   * Posts questions to talk about by name.
   *
   * @param texts the prefix of the post's texts, up to its dot: {@code <texts>title} and {@code
   *     <texts>intro}
   */
  static void discuss(Turn turn, String code, String texts, List<Question> questions) {
    Case c = turn.enterCase(code);
    c.requireAllowed(turn.user(), Action.READ_CASE, "refusal.not-a-partner");
    Reply.Builder post =
        Reply.builder().heading(turn.tc(texts + "title")).text(turn.tc(texts + "intro"));
    for (Question question : questions) {
      post.text("• " + Summary.wording(question, turn.caseLanguage()));
    }
    turn.announce(post.build());
  }

  /** Opens a partner's private answer form, with what they saved before. */
  Outcome answerForm(Turn turn, int number) {
    Case c = turn.requireCase();
    ReflectionRound round = answerable(turn, c, number);
    int seq = c.partner(turn.user()).map(Partner::seq).orElse(0);
    Map<String, Answer> saved = round.answersOf(seq).map(PartnerAnswers::answers).orElse(Map.of());
    return Outcome.open(answerForm(turn, c, round, saved));
  }

  /** The open round's answer form, for a button that names no round (an offered form). */
  Outcome openRoundForm(Turn turn) {
    Case c = turn.requireCase();
    ReflectionRound round =
        c.openReflection().orElseThrow(() -> new Refusal("refusal.reflection.no-round"));
    return answerForm(turn, round.number());
  }

  /** The round a submitted form names, refusing a form of another case or a malformed number. */
  private static int roundOf(Case c, Map<String, String> values) {
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal("refusal.other-case");
    }
    String number = values.getOrDefault(Forms.ROUND, "");
    if (number == null || !number.matches("\\d{1,4}")) {
      throw new Refusal("refusal.bad-form");
    }
    return Integer.parseInt(number);
  }

  /** Reads {@code <case code>:<round>} from a button, refusing a code from another case. */
  static int roundFrom(Turn turn, String value) {
    String[] parts = value == null ? new String[0] : value.split(":", 2);
    if (parts.length != 2 || !parts[1].matches("\\d{1,4}")) {
      throw new Refusal("refusal.other-case");
    }
    turn.enterCase(parts[0]);
    return Integer.parseInt(parts[1]);
  }

  Outcome submitAnswers(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    ReflectionRound round = answerable(turn, c, roundOf(c, values));
    FormReader form = new FormReader(values, turn);
    boolean signed = "yes".equals(form.text(SIGN, false, 5));
    Map<String, Answer> answers = new HashMap<>();
    for (Question question : round.questions()) {
      String name = PREFIX + question.id();
      if (question.type() == AnswerType.OPEN) {
        String text = form.text(name, false, AnswerType.OPEN_MAX);
        text = text.replace("\r\n", "\n").replaceAll("[\\p{Cntrl}&&[^\n]]", " ").strip();
        if (!text.isEmpty() && text.length() <= AnswerType.OPEN_MAX) {
          answers.put(question.id(), new Answer(text, signed));
        }
      } else {
        String value = form.text(name, false, 20);
        if (value.isEmpty()) {
          continue;
        }
        if (question.accepts(value)) {
          answers.put(question.id(), new Answer(value, false));
        } else {
          form.error(name, "form.choose");
        }
      }
    }
    if (!form.ok()) {
      return Outcome.open(answerForm(turn, c, round, Map.of()).withErrors(values, form.errors()));
    }
    Case after =
        turn.change(now -> now.answerReflection(turn.user(), round.number(), answers, turn.now()));
    String deadline = cards.date(round.closesAt(), turn.speakerLanguage());
    if (!turn.wrote()) {
      turn.answer("reflection.answers-unchanged");
      return Outcome.FORM_DONE;
    }
    turn.answer("reflection.answers-saved", deadline);
    ReflectionRound answered = after.reflections().round(round.number()).orElseThrow();
    if (answered.isOpen() && answered.everyoneAnswered()) {
      Case open = turn.requireCase();
      Case closed =
          turn.change(latest -> latest.closeReflection(round.number(), turn.now(), random));
      turn.announce(Reply.text(turn.tc("reflection.everyone-answered")));
      summarise(closed, round.number(), turn, closedWith(open, closed));
    }
    return Outcome.FORM_DONE;
  }

  /**
   * Posts the summary of a just-closed round, and asks the coordinator to revisit a doubted goal.
   *
   * @param closedTheCase whether closing the round closed the case (the final evaluation's end)
   */
  void summarise(Case c, int number, Turn turn, boolean closedTheCase) {
    post(turn, summary(c, number, turn::languageOf, closedTheCase));
  }

  /**
   * What closing a round says: the summary for the channel (with a button for the coordinator to
   * turn its "one thing I would change" answers into agreed changes, when some may be shown), and a
   * private note to the coordinator.
   */
  List<Message> summary(
      Case c, int number, Function<UserRef, Language> lang, boolean closedTheCase) {
    ReflectionRound round = c.reflections().round(number).orElseThrow();
    List<Message> messages = new ArrayList<>();
    Reply summary =
        Summary.of(
            round,
            c.reflections().closed(),
            cards.title(c),
            c.language(),
            seq -> c.partner(seq).map(Partner::displayName).orElse("P" + seq));
    summary = withPrepares(summary, c, round, c.language());
    if (!changes(round).isEmpty()) {
      summary =
          Reply.builder()
              .blocks(summary.blocks())
              .button(
                  Texts.get(c.language(), "button.reflect-improve"),
                  Actions.ROUND_IMPROVE,
                  c.code().value() + ":" + number)
              .build();
    }
    if (round.kind() == RoundKind.FINAL) {
      summary =
          Reply.builder()
              .blocks(summary.blocks())
              .button(
                  Texts.get(c.language(), "button.close-export"),
                  Actions.CLOSE_EXPORT,
                  c.code().value())
              .build();
    }
    messages.add(new Message(null, summary));
    if (round.kind() == RoundKind.FINAL && closedTheCase) {
      messages.add(
          new Message(
              null,
              Reply.builder()
                  .text(Texts.get(c.language(), "close.done-final", cards.title(c)))
                  .note(Texts.get(c.language(), "close.export-hint"))
                  .build()));
    }
    if (Summary.goalInDoubt(round)) {
      c.coordinator()
          .filter(Partner::hasAccount)
          .ifPresent(
              coordinator -> {
                Language l = lang.apply(coordinator.user());
                messages.add(
                    new Message(
                        coordinator.user(),
                        Reply.builder()
                            .heading(Texts.get(l, "reflection.goal-prompt.title"))
                            .text(Texts.get(l, "reflection.goal-prompt.text", number))
                            .primary(
                                Texts.get(l, "button.reflect-goal"), Actions.OPEN_FORM, Forms.GOAL)
                            .build()));
              });
    }
    return messages;
  }

  /**
   * Whether closing a round closed the case: the final evaluation's end, which closes the case with
   * it (a case closed at once closes its round, not the other way round).
   */
  static boolean closedWith(Case before, Case after) {
    return before.status() != CaseStatus.CLOSED && after.status() == CaseStatus.CLOSED;
  }

  /**
   * The reply with, under its heading, which known transition the round prepares for: a regular
   * round that opened shortly before one ({@link Planner#preparedTransition}).
   */
  private Reply withPrepares(Reply reply, Case c, ReflectionRound round, Language lang) {
    if (round.kind() != RoundKind.REGULAR) {
      return reply;
    }
    return planner
        .preparedTransition(c, round.openedAt())
        .map(
            t -> {
              List<Block> blocks = new ArrayList<>(reply.blocks());
              String note = Texts.get(lang, "reflection.prepares", cards.transition(t, lang));
              blocks.add(1, new Text(note, Text.Style.NOTE));
              return new Reply(blocks);
            })
        .orElse(reply);
  }

  /** The "one thing I would change" answers of a closed round that its summary may show. */
  private static List<String> changes(ReflectionRound round) {
    if (round.result() == null || round.kind() != RoundKind.REGULAR) {
      return List.of();
    }
    return round
        .result()
        .of(QuestionBank.CHANGE)
        .map(r -> r.open().stream().map(OpenAnswer::text).toList())
        .orElse(List.of());
  }

  /**
   * The coordinator's form to turn a closed round's change answers into agreed changes: filled with
   * what was agreed before, else with the answers the summary showed, each to be kept, reworded or
   * cleared.
   */
  Outcome improvementsForm(Turn turn, int number) {
    Case c = turn.requireCase();
    ReflectionRound round = improvable(turn, c, number);
    List<String> shown =
        round.improvements().isEmpty()
            ? changes(round)
            : round.improvements().stream().map(Improvement::text).toList();
    List<Form.Input> inputs = new ArrayList<>();
    for (int i = 1; i <= ReflectionRound.IMPROVEMENTS_MAX; i++) {
      inputs.add(
          input(
              CHANGE_PREFIX + i,
              turn.t("reflection.improve.change", i),
              Form.Kind.TEXT,
              false,
              AnswerType.OPEN_MAX,
              i <= shown.size() ? oneLine(shown.get(i - 1)) : "",
              i == 1 ? turn.t("reflection.improve.hint") : ""));
    }
    return Outcome.open(
        new Form(
            Forms.ROUND_IMPROVEMENTS,
            turn.t("reflection.improve.title", number),
            turn.t("reflection.improve.intro"),
            inputs,
            turn.t("reflection.improve.save"),
            Map.of(Forms.CASE, c.code().value(), Forms.ROUND, String.valueOf(number))));
  }

  /**
   * Records the agreed changes and tells the channel; the next round asks whether they happened.
   */
  Outcome submitImprovements(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    int round = roundOf(c, values);
    improvable(turn, c, round);
    FormReader form = new FormReader(values, turn);
    List<Improvement> agreed = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 1; i <= ReflectionRound.IMPROVEMENTS_MAX; i++) {
      String text = oneLine(form.text(CHANGE_PREFIX + i, false, AnswerType.OPEN_MAX));
      // A text over the limit is already an error of the form, shown to fix it.
      if (!text.isEmpty() && text.length() <= AnswerType.OPEN_MAX && !seen.contains(text)) {
        seen.add(text);
        agreed.add(new Improvement(text, 0));
      }
    }
    if (!form.ok()) {
      return Outcome.open(improvementsForm(turn, round).form().withErrors(values, form.errors()));
    }
    Case after =
        turn.change(latest -> latest.agreeImprovements(turn.user(), round, agreed, turn.now()));
    if (!turn.wrote()) {
      turn.answer("reflection.improve.unchanged");
      return Outcome.FORM_DONE;
    }
    Reply.Builder post =
        Reply.builder().heading(turn.tc("reflection.improve.announce-title", round));
    if (agreed.isEmpty()) {
      post.text(turn.tc("reflection.improve.none"));
    } else {
      agreed.forEach(i -> post.text("• " + i.text()));
      post.note(turn.tc("reflection.improve.announce-next"));
    }
    AgreementFlow.improvementsVersion(turn, c, after, post);
    turn.announce(post.build());
    return Outcome.FORM_DONE;
  }

  /** A closed round whose changes this person may record, or a polite refusal. */
  private static ReflectionRound improvable(Turn turn, Case c, int number) {
    if (c.permission(turn.user(), Action.START_REFLECTION) != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? "refusal.reflection.only-coordinator-changes"
              : "refusal.not-a-partner");
    }
    ReflectionRound round =
        c.reflections().round(number).orElseThrow(() -> new Refusal("refusal.reflection.no-round"));
    if (round.isOpen()) {
      throw new Refusal("refusal.reflection.still-open", number);
    }
    return round;
  }

  /** A message closing a round sends: to the channel (no person) or privately. */
  record Message(UserRef to, Reply reply) {}

  /** What a round asks without a focus or an own question: the default questions. */
  List<Question> defaultQuestions(Case c) {
    return questions(c, Optional.empty(), Optional.empty());
  }

  /** A round's questions, with last round's agreed improvements checked if there were some. */
  private static List<Question> questions(Case c, Optional<Theme> focus, Optional<Question> own) {
    boolean checkImprovements =
        c.reflections().closed().stream()
            .reduce((a, b) -> b)
            .map(r -> !r.improvements().isEmpty())
            .orElse(false);
    return QuestionBank.round(focus, own, checkImprovements);
  }

  /**
   * Starts a round and tells everyone: the channel that it started, each partner privately (or, for
   * a round that opens after a school holiday, through their own prompts when it opens).
   */
  private void start(Turn turn, int days, Optional<Theme> focus, Optional<Question> own) {
    Case before = turn.requireCase();
    List<Question> questions = questions(before, focus, own);
    RoundWindow window = window(before, turn.now(), days);
    Case after =
        turn.change(
            c ->
                c.startReflection(
                    turn.user(),
                    RoundKind.REGULAR,
                    questions,
                    anonymity,
                    window.opensAt(),
                    window.closesAt(),
                    turn.now()));
    ReflectionRound round = after.openReflection().orElseThrow();
    String who = after.partner(turn.user()).map(Partner::displayName).orElse("?");
    announceStart(
        after,
        round,
        window,
        turn,
        turn.tc(
            "reflection.started.text",
            who,
            round.questions().size(),
            cards.date(round.closesAt(), turn.caseLanguage())));
  }

  /**
   * The channel post of a round that just started and, when it opens at once, the invitation of the
   * partner who started it. The other partners' invitations are planned like every prompt: within
   * their school days and hours and their share of messages, combined with what else Kring has for
   * them; a round that opens after a school holiday asks everyone when it opens.
   */
  void announceStart(Case c, ReflectionRound round, RoundWindow window, Turn turn, String opening) {
    turn.announce(startPost(c, round, window, opening, turn.caseLanguage(), turn.now()));
    if (round.opensAfter(turn.now())) {
      return;
    }
    c.partner(round.startedBy())
        .filter(p -> p.hasAccount() && round.invites(p.seq()) && p.user().equals(turn.user()))
        .ifPresent(p -> turn.tell(p.user(), invitation(c, round, turn.languageOf(p.user()))));
  }

  /**
   * The channel's post that a round started, in the case's language: how it fits around a school
   * holiday, and its answer button once it takes answers.
   */
  Reply startPost(
      Case c,
      ReflectionRound round,
      RoundWindow window,
      String opening,
      Language lang,
      Instant now) {
    Reply.Builder post =
        Reply.builder()
            .heading(Texts.get(lang, kindKey(round, "reflection.started.title"), round.number()))
            .text(opening);
    cards.holidayNote(window, "reflection", lang).ifPresent(post::text);
    post.note(Texts.get(lang, "reflection.started.anonymous", round.threshold()));
    if (!round.opensAfter(now)) {
      post.primary(
          Texts.get(lang, "button.reflect-answer"),
          Actions.ROUND_ANSWER,
          c.code().value() + ":" + round.number());
    }
    return withPrepares(post.build(), c, round, lang);
  }

  /**
   * What closing or pausing a case, or closing a round early, says about what it stopped: the
   * summaries of the check-in and the reflection round that were open before and are closed after,
   * and that a round that was to open after a holiday will not.
   */
  List<Message> stopped(Case before, Case after, Function<UserRef, Language> lang) {
    List<Message> messages = new ArrayList<>();
    before
        .activity()
        .lastCheckIn()
        .filter(CheckInRound::open)
        .flatMap(r -> after.activity().checkIn(r.number()))
        .filter(r -> !r.open())
        .ifPresent(
            r ->
                messages.add(
                    new Message(null, CheckIns.summary(after, r, cards, after.language()))));
    Optional<ReflectionRound> open = before.openReflection();
    if (open.isEmpty()) {
      return messages;
    }
    int number = open.get().number();
    Optional<ReflectionRound> now = after.reflections().round(number);
    if (now.isEmpty()) {
      Language l = after.language();
      String day = cards.date(open.get().openedAt(), l);
      messages.add(
          new Message(null, Reply.text(Texts.get(l, "reflection.withdrawn", number, day))));
    } else if (!now.get().isOpen()) {
      messages.addAll(summary(after, number, lang, false));
    }
    return messages;
  }

  /** Says what closing a round or a check-in says: in the channel, or privately. */
  static void post(Turn turn, List<Message> messages) {
    for (Message message : messages) {
      if (message.to() == null) {
        turn.announce(message.reply());
      } else {
        turn.tell(message.to(), message.reply());
      }
    }
  }

  /** The private invitation (and reminder) with its answer button. */
  Reply invitation(Case c, ReflectionRound round, Language lang) {
    Reply invitation =
        Reply.builder()
            .heading(
                Texts.get(
                    lang,
                    kindKey(round, "reflection.invite.title"),
                    round.number(),
                    cards.title(c)))
            .text(
                Texts.get(
                    lang,
                    kindKey(round, "reflection.invite.text"),
                    round.questions().size(),
                    cards.date(round.closesAt(), lang)))
            .primary(
                Texts.get(lang, "button.reflect-answer"),
                Actions.ROUND_ANSWER,
                c.code().value() + ":" + round.number())
            .build();
    return withPrepares(invitation, c, round, lang);
  }

  /** A text of the final evaluation where it says something else than a regular round's. */
  static String kindKey(ReflectionRound round, String key) {
    return round.kind() == RoundKind.FINAL ? key + ".final" : key;
  }

  /**
   * When a round asked for now takes answers: until 16:00, {@code days} school days from now, or
   * fitted around a school holiday it would run into ({@link Planner#reflectionWindow}).
   */
  RoundWindow window(Case c, Instant now, int days) {
    return planner.reflectionWindow(c, now, days);
  }

  private boolean tooFew(Turn turn, Case c) {
    int partners = c.reflectingPartners().size();
    if (anonymity.allows(partners)) {
      return false;
    }
    turn.answer(
        Reply.builder()
            .text(turn.t("reflection.too-few.text", partners, anonymity.threshold()))
            .text(turn.t("reflection.too-few.offer"))
            .primary(turn.t("button.reflect-discuss"), Actions.ROUND_DISCUSS, c.code().value())
            .build());
    return true;
  }

  private static void requireStarter(Turn turn, Case c) {
    Permission permission = c.permission(turn.user(), Action.START_REFLECTION);
    if (permission != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? "refusal.reflection.only-coordinator"
              : "refusal.not-a-partner");
    }
    if (c.status() == CaseStatus.CLOSED) {
      throw new Refusal("refusal.case-closed", c.code().value());
    }
    if (c.closing()) {
      throw new Refusal("refusal.closing");
    }
    c.openReflection()
        .ifPresent(
            r -> {
              throw new Refusal("refusal.reflection.already-open", r.number());
            });
  }

  /** The round a person may answer now, or a polite refusal that says why not. */
  private static ReflectionRound answerable(Turn turn, Case c, int number) {
    if (c.permission(turn.user(), Action.ANSWER) != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? "refusal.reflection.not-invited"
              : "refusal.not-a-partner");
    }
    ReflectionRound round =
        c.reflections().round(number).orElseThrow(() -> new Refusal("refusal.reflection.no-round"));
    if (round.opensAfter(turn.now())) {
      throw new Refusal("refusal.reflection.not-open-yet", number);
    }
    if (!round.acceptsAnswersAt(turn.now())) {
      throw new Refusal(kindKey(round, "refusal.reflection.closed"), number);
    }
    int seq = c.partner(turn.user()).map(Partner::seq).orElse(0);
    if (!round.invites(seq)) {
      throw new Refusal("refusal.reflection.not-invited");
    }
    return round;
  }

  private Form answerForm(Turn turn, Case c, ReflectionRound round, Map<String, Answer> saved) {
    Language lang = turn.speakerLanguage();
    List<Form.Input> inputs = new ArrayList<>();
    boolean anyOpen = false;
    boolean signed = false;
    for (Question question : round.questions()) {
      String name = PREFIX + question.id();
      String label = Summary.wording(question, lang);
      Answer before = saved.get(question.id());
      String value = before == null ? "" : before.value();
      if (question.type() == AnswerType.OPEN) {
        anyOpen = true;
        signed |= before != null && before.signed();
        inputs.add(input(name, label, Form.Kind.LONG_TEXT, false, AnswerType.OPEN_MAX, value, ""));
        continue;
      }
      List<Form.Option> options = new ArrayList<>();
      for (String v : question.values()) {
        String shown =
            question.type() == AnswerType.SCALE
                ? Texts.get(lang, "reflection.scale." + v)
                : Summary.valueLabel(question, v, lang);
        options.add(new Form.Option(v, shown));
      }
      inputs.add(
          new Form.Input(name, label, Form.Kind.CHOICE, false, 20, options, value, "", null));
    }
    if (anyOpen) {
      inputs.add(
          new Form.Input(
              SIGN,
              turn.t("reflection.form.sign"),
              Form.Kind.CHOICE,
              false,
              5,
              List.of(
                  new Form.Option("no", turn.t("reflection.form.sign-no")),
                  new Form.Option("yes", turn.t("reflection.form.sign-yes"))),
              signed ? "yes" : "no",
              "",
              null));
    }
    return new Form(
        Forms.ROUND_ANSWERS,
        turn.t("reflection.form.title", round.number()),
        turn.t("reflection.form.intro", cards.date(round.closesAt(), lang)),
        inputs,
        turn.t("reflection.form.save"),
        Map.of(Forms.CASE, c.code().value(), Forms.ROUND, String.valueOf(round.number())));
  }

  private Form startForm(Turn turn, Case c) {
    List<Form.Option> themes = new ArrayList<>();
    themes.add(new Form.Option("none", turn.t("reflection.start.no-focus")));
    List<Form.Option> ownThemes = new ArrayList<>();
    for (Theme theme : Theme.values()) {
      themes.add(new Form.Option(theme.key(), turn.t(theme.nameKey())));
      ownThemes.add(new Form.Option(theme.key(), turn.t(theme.nameKey())));
    }
    List<Form.Input> inputs = new ArrayList<>();
    inputs.add(
        input(
            "days",
            turn.t("reflection.start.days"),
            Form.Kind.NUMBER,
            true,
            2,
            String.valueOf(DEFAULT_DAYS),
            turn.t("reflection.start.days-hint")));
    inputs.add(
        new Form.Input(
            "focus",
            turn.t("reflection.start.focus"),
            Form.Kind.CHOICE,
            false,
            30,
            themes,
            "none",
            "",
            null));
    inputs.add(
        input(
            "own",
            turn.t("reflection.start.own"),
            Form.Kind.TEXT,
            false,
            Question.OWN_MAX,
            "",
            turn.t("reflection.start.own-hint")));
    inputs.add(
        new Form.Input(
            "ownType",
            turn.t("reflection.start.own-type"),
            Form.Kind.CHOICE,
            false,
            20,
            List.of(
                new Form.Option("scale", turn.t("reflection.start.own-scale")),
                new Form.Option("yes-partly-no", turn.t("reflection.start.own-yes-no")),
                new Form.Option("open", turn.t("reflection.start.own-open"))),
            "scale",
            "",
            null));
    inputs.add(
        new Form.Input(
            "ownTheme",
            turn.t("reflection.start.own-theme"),
            Form.Kind.CHOICE,
            false,
            30,
            ownThemes,
            Theme.EVALUATION.key(),
            "",
            null));
    return new Form(
        Forms.ROUND_START,
        turn.t("reflection.start.title", cards.title(c)),
        turn.t("reflection.start.intro"),
        inputs,
        turn.t("reflection.start.submit"),
        Map.of(Forms.CASE, c.code().value()));
  }

  private static Optional<AnswerType> ownType(String value) {
    return switch (value) {
      case "scale" -> Optional.of(AnswerType.SCALE);
      case "yes-partly-no" -> Optional.of(AnswerType.YES_PARTLY_NO);
      case "open" -> Optional.of(AnswerType.OPEN);
      default -> Optional.empty();
    };
  }

  /** A theme by its form key, or by a Dutch or English word people type after the command. */
  static Optional<Theme> theme(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (Theme theme : Theme.values()) {
      if (theme.key().equals(lower)) {
        return Optional.of(theme);
      }
    }
    return Optional.ofNullable(
        switch (lower) {
          case "communicatie" -> Theme.COMMUNICATION;
          case "doel", "goal", "visie", "vision" -> Theme.SHARED_GOAL;
          case "rollen", "taken", "role", "tasks" -> Theme.ROLES;
          case "evaluatie" -> Theme.EVALUATION;
          case "vertrouwen" -> Theme.TRUST;
          case "elkaar", "kennen", "knowing" -> Theme.KNOWING_EACH_OTHER;
          default -> null;
        });
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
