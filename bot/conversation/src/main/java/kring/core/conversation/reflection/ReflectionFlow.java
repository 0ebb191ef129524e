package kring.core.conversation.reflection;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.reflection.RoundForms.PREFIX;
import static kring.core.conversation.reflection.RoundForms.SIGN;
import static kring.core.conversation.reflection.RoundForms.oneLine;
import static kring.core.conversation.reflection.RoundForms.ownType;
import static kring.core.conversation.reflection.RoundForms.roundFrom;
import static kring.core.conversation.reflection.RoundForms.roundOf;
import static kring.core.conversation.reflection.RoundForms.theme;
import static kring.core.conversation.reflection.Rounds.DEFAULT_DAYS;
import static kring.core.conversation.reflection.Rounds.MAX_DAYS;
import static kring.core.conversation.reflection.Rounds.closedWith;
import static kring.core.conversation.reflection.Rounds.questions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.PlaceNames;
import kring.core.conversation.Turn;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.AnswerType;
import kring.core.reflection.PartnerAnswers;
import kring.core.reflection.Question;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.reflection.Theme;
import kring.core.reply.Reply;
import kring.scheduler.planning.RoundWindow;

/**
 * Reflection rounds in the conversation: starting one (the coordinator or backup; a partner
 * proposes), each partner's private answer form, closing when everyone answered, and the summary
 * for the channel.
 */
public final class ReflectionFlow implements Feature {

  private final Cards cards;
  private final Rounds rounds;
  private final RoundForms forms;
  private final AgreedChanges changes;
  private final Anonymity anonymity;
  private final RandomGenerator random;

  /**
   * @param rounds what rounds say and when they run
   * @param anonymity how many answers a round needs before it shows them
   * @param random shuffles the open answers of a round that closes
   */
  public ReflectionFlow(Cards cards, Rounds rounds, Anonymity anonymity, RandomGenerator random) {
    this.cards = cards;
    this.rounds = rounds;
    this.forms = new RoundForms(cards);
    this.changes = new AgreedChanges();
    this.anonymity = anonymity;
    this.random = random;
  }

  /** Reflection rounds: starting one, answering, talking by name, and agreeing on changes. */
  @Override
  public void declare(Entries entries) {
    entries
        .command(
            "REFLECT",
            List.of("reflectie", "reflecteer"),
            List.of("reflect", "reflection"),
            this::command)
        .button(Actions.ROUND_START, step(this::startPressed))
        .button(Actions.ROUND_ANSWER, (t, v) -> answerForm(t, roundFrom(t, v)))
        .button(Actions.ROUND_DISCUSS, step(this::discuss))
        .button(Actions.ROUND_IMPROVE, (t, v) -> changes.improvementsForm(t, roundFrom(t, v)))
        .form(Forms.ROUND_START, (t, code, about) -> openStartForm(t), this::submitStart)
        .form(Forms.ROUND_ANSWERS, (t, code, about) -> openRoundForm(t), this::submitAnswers)
        .form(
            Forms.ROUND_IMPROVEMENTS,
            (t, code, about) -> changes.improvementsForm(t, roundFrom(t, code + ":" + about)),
            changes::submitImprovements);
  }

  /** {@code reflect [days] [theme]}: a form for the coordinator, a proposal from a partner. */
  Outcome command(Turn turn, String args) {
    Case c = turn.requireCase();
    if (c.closing()) {
      throw new Refusal(RefusalReason.CLOSING);
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
      return Outcome.open(forms.startForm(turn, c));
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
            RefusalReason.REFLECTION_ARGS, word.length() > 20 ? word.substring(0, 20) : word);
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
    return tooFew(turn, c) ? Outcome.NOTHING : Outcome.open(forms.startForm(turn, c));
  }

  Outcome submitStart(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    requireStarter(turn, c);
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
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
      return Outcome.open(forms.startForm(turn, c).withErrors(values, form.errors()));
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
    Rounds.discuss(
        turn,
        code,
        "reflection.discuss.",
        List.of("info-in-time", QuestionBank.GOAL_ACHIEVABLE, "who-coordinates", "keep", "change")
            .stream()
            .map(id -> QuestionBank.byId(id).orElseThrow())
            .toList());
  }

  /** Opens a partner's private answer form, with what they saved before. */
  Outcome answerForm(Turn turn, int number) {
    Case c = turn.requireCase();
    ReflectionRound round = answerable(turn, c, number);
    int seq = c.partner(turn.user()).map(Partner::seq).orElse(0);
    Map<String, Answer> saved = round.answersOf(seq).map(PartnerAnswers::answers).orElse(Map.of());
    return Outcome.open(forms.answerForm(turn, c, round, saved));
  }

  /** The open round's answer form, for a button that names no round (an offered form). */
  Outcome openRoundForm(Turn turn) {
    Case c = turn.requireCase();
    ReflectionRound round =
        c.openReflection().orElseThrow(() -> new Refusal(RefusalReason.REFLECTION_NO_ROUND));
    return answerForm(turn, round.number());
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
      return Outcome.open(
          forms.answerForm(turn, c, round, Map.of()).withErrors(values, form.errors()));
    }
    Case after =
        turn.change(now -> now.answerReflection(turn.user(), round.number(), answers, turn.now()));
    String deadline = cards.date(round.closesAt(), turn.speakerLanguage());
    if (!turn.wrote()) {
      turn.answer("reflection.answers-unchanged");
      return Outcome.FORM_DONE;
    }
    ReflectionRound answered = after.reflections().round(round.number()).orElseThrow();
    // The invitation's answer button has done its work: it says so, and offers a change.
    turn.retire(
        turn.user(),
        PlaceNames.reflection(round.number()),
        rounds.answered(after, answered, turn.speakerLanguage()));
    turn.answer("reflection.answers-saved", deadline);
    if (answered.isOpen() && answered.everyoneAnswered()) {
      Case open = turn.requireCase();
      Case closed =
          turn.change(latest -> latest.closeReflection(round.number(), turn.now(), random));
      turn.announce(Reply.text(turn.tc("reflection.everyone-answered")));
      rounds.summarise(closed, round.number(), turn, closedWith(open, closed));
    }
    return Outcome.FORM_DONE;
  }

  /**
   * Starts a round and tells everyone: the channel that it started, each partner privately (or, for
   * a round that opens after a school holiday, through their own prompts when it opens).
   */
  private void start(Turn turn, int days, Optional<Theme> focus, Optional<Question> own) {
    Case before = turn.requireCase();
    List<Question> questions = questions(before, focus, own);
    RoundWindow window = rounds.window(before, turn.now(), days);
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
    rounds.announceStart(
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
              ? RefusalReason.REFLECTION_ONLY_COORDINATOR
              : RefusalReason.NOT_A_PARTNER);
    }
    if (c.status() == CaseStatus.CLOSED) {
      throw new Refusal(RefusalReason.CASE_CLOSED, c.code().value());
    }
    if (c.closing()) {
      throw new Refusal(RefusalReason.CLOSING);
    }
    c.openReflection()
        .ifPresent(
            r -> {
              throw new Refusal(RefusalReason.REFLECTION_ALREADY_OPEN, r.number());
            });
  }

  /** The round a person may answer now, or a polite refusal that says why not. */
  private static ReflectionRound answerable(Turn turn, Case c, int number) {
    if (c.permission(turn.user(), Action.ANSWER) != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? RefusalReason.REFLECTION_NOT_INVITED
              : RefusalReason.NOT_A_PARTNER);
    }
    ReflectionRound round =
        c.reflections()
            .round(number)
            .orElseThrow(() -> new Refusal(RefusalReason.REFLECTION_NO_ROUND));
    if (round.opensAfter(turn.now())) {
      throw new Refusal(RefusalReason.REFLECTION_NOT_OPEN_YET, number);
    }
    if (!round.acceptsAnswersAt(turn.now())) {
      throw new Refusal(
          round.kind() == RoundKind.FINAL
              ? RefusalReason.REFLECTION_CLOSED_FINAL
              : RefusalReason.REFLECTION_CLOSED,
          number);
    }
    int seq = c.partner(turn.user()).map(Partner::seq).orElse(0);
    if (!round.invites(seq)) {
      throw new Refusal(RefusalReason.REFLECTION_NOT_INVITED);
    }
    return round;
  }
}
