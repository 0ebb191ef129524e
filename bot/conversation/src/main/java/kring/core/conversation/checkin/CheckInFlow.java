package kring.core.conversation.checkin;

import static kring.core.conversation.Entries.step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.checkin.AnswersGiven;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.CheckIns;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.PlaceNames;
import kring.core.conversation.Schedule;
import kring.core.conversation.Turn;
import kring.core.reply.Form;

/**
 * A check-in from a partner's side: the three quick questions in a private form (each may be left
 * out), answers changeable until the round closes, a round skipped with one click, the round closed
 * at once when nobody is left to answer, and any prompt put off to the next school day.
 */
public final class CheckInFlow implements Feature {

  private final Cards cards;
  private final Schedule schedule;

  public CheckInFlow(Cards cards, Schedule schedule) {
    this.cards = cards;
    this.schedule = schedule;
  }

  /** Answering and skipping a check-in, and putting one's own prompt off. */
  @Override
  public void declare(Entries entries) {
    entries
        .button(Actions.PICK_CHECK_IN, step(this::pick))
        .button(Actions.SKIP_CHECK_IN, step(this::skip))
        .button(Actions.PROMPT_LATER, step(this::later))
        .form(Forms.CHECK_IN, (t, code, about) -> form(t), this::submit);
  }

  Outcome form(Turn turn) {
    Case c = turn.requireCase();
    CheckInRound round = openRoundFor(turn, c);
    Optional<AnswersGiven> earlier =
        round.answers().stream()
            .filter(a -> c.partner(turn.user()).filter(p -> p.seq() == a.partnerSeq()).isPresent())
            .findFirst();
    List<Form.Option> options = new ArrayList<>();
    for (CheckInAnswer answer : CheckInAnswer.values()) {
      options.add(
          new Form.Option(Cards.key(answer), turn.t("check-in.answer." + Cards.key(answer))));
    }
    List<Form.Input> inputs = new ArrayList<>();
    for (CheckInQuestion question : CheckInQuestion.values()) {
      String given = earlier.map(a -> a.answers().get(question)).map(Cards::key).orElse("");
      inputs.add(
          new Form.Input(
              Cards.key(question),
              turn.t("check-in.q." + Cards.key(question)),
              Form.Kind.CHOICE,
              false,
              10,
              options,
              given,
              "",
              null));
    }
    return Outcome.open(
        new Form(
            Forms.CHECK_IN,
            turn.t("check-in.form.title", round.number(), cards.title(c)),
            turn.t("check-in.form.intro", cards.date(round.closesAt(), turn.speakerLanguage())),
            inputs,
            turn.t("check-in.form.submit"),
            Map.of(Forms.CASE, c.code().value(), Forms.ROUND, String.valueOf(round.number()))));
  }

  Outcome submit(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    String round = values.getOrDefault(Forms.ROUND, "");
    if (round == null || !round.matches("\\d{1,6}")) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    int number = Integer.parseInt(round);
    FormReader form = new FormReader(values, turn);
    Map<CheckInQuestion, CheckInAnswer> answers = new EnumMap<>(CheckInQuestion.class);
    for (CheckInQuestion question : CheckInQuestion.values()) {
      form.choice(Cards.key(question), CheckInAnswer.class, false)
          .ifPresent(a -> answers.put(question, a));
    }
    if (!form.ok()) {
      return Outcome.open(form(turn).form().withErrors(form.values(), form.errors()));
    }
    answer(turn, number, answers, true, false);
    return Outcome.FORM_DONE;
  }

  /** One click answers one question; the card shows it, and the other answers stay. */
  void pick(Turn turn, String value) {
    String[] parts = value.split(":", -1);
    boolean inCombined = parts.length == 5 && parts[4].equals(CheckIns.IN_COMBINED);
    if ((parts.length != 4 && !inCombined) || !parts[1].matches("\\d{1,6}")) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    CheckInQuestion question = known(CheckInQuestion.class, parts[2]);
    CheckInAnswer picked = known(CheckInAnswer.class, parts[3]);
    turn.enterCase(parts[0]);
    int number = Integer.parseInt(parts[1]);
    Case c = turn.requireCase();
    CheckInRound round = roundFor(turn, c, number);
    int seq = c.partner(turn.user()).orElseThrow().seq();
    Map<CheckInQuestion, CheckInAnswer> answers = new EnumMap<>(CheckInQuestion.class);
    round.answers().stream()
        .filter(a -> a.partnerSeq() == seq)
        .findFirst()
        .ifPresent(a -> answers.putAll(a.answers()));
    answers.put(question, picked);
    answer(turn, number, answers, false, inCombined);
  }

  void skip(Turn turn, String value) {
    String[] parts = value.split(":", -1);
    boolean inCombined = parts.length == 3 && parts[2].equals(CheckIns.IN_COMBINED);
    if ((parts.length != 2 && !inCombined) || !parts[1].matches("\\d{1,6}")) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    turn.enterCase(parts[0]);
    answer(turn, Integer.parseInt(parts[1]), null, false, inCombined);
  }

  /** The constant a button's value names, or a polite refusal for anything else. */
  private static <E extends Enum<E>> E known(Class<E> type, String key) {
    for (E constant : type.getEnumConstants()) {
      if (Cards.key(constant).equals(key)) {
        return constant;
      }
    }
    throw new Refusal(RefusalReason.BAD_FORM);
  }

  /** Puts one of the speaker's prompts off to the next school day. */
  void later(Turn turn, String promptId) {
    int slash = promptId.indexOf('/');
    turn.enterCase(slash < 0 ? "" : promptId.substring(0, slash));
    Case c = turn.requireCase();
    Instant at =
        schedule
            .putOff(turn, c, promptId)
            .orElseThrow(() -> new Refusal(RefusalReason.NOT_YOUR_PROMPT));
    turn.answer("prompt.later.done", cards.date(at, turn.speakerLanguage()));
  }

  /**
   * Records a partner's answers (null: they skip the round) and shows them on their card, updated
   * in place; a form's answers are also confirmed in words, as a form closes without a trace. A
   * card clicked in a message that held other prompts too is shown on its own, leaving them be.
   */
  private void answer(
      Turn turn,
      int number,
      Map<CheckInQuestion, CheckInAnswer> answers,
      boolean byForm,
      boolean inCombined) {
    Case after = turn.change(c -> c.answerCheckIn(turn.user(), number, answers, turn.now()));
    CheckInRound round = after.activity().checkIn(number).orElseThrow();
    int seq = after.partner(turn.user()).orElseThrow().seq();
    if (byForm && !turn.wrote()) {
      turn.answer("check-in.unchanged");
    } else if (byForm) {
      turn.answer("check-in.thanks", cards.date(round.closesAt(), turn.speakerLanguage()));
    }
    if (round.open() && CheckIns.complete(round)) {
      // Nobody left to wait for: the summary need not wait for the closing day.
      Case closed = turn.change(c -> c.closeCheckIn(number, turn.now()));
      CheckInRound done = closed.activity().checkIn(number).orElseThrow();
      turn.announce(CheckIns.summary(closed, done, cards, closed.language()));
      CheckIns.closedCards(closed, done, cards, turn::languageOf)
          .forEach(
              (person, card) ->
                  PlaceNames.checkInPosts(number).forEach(p -> turn.retire(person, p, card)));
      return;
    }
    turn.tellAt(
        turn.user(),
        inCombined ? PlaceNames.checkInCard(number) : PlaceNames.checkIn(number),
        CheckIns.card(after, round, seq, cards, turn.speakerLanguage(), null).build());
  }

  private static CheckInRound openRoundFor(Turn turn, Case c) {
    int seq =
        c.partner(turn.user()).orElseThrow(() -> new Refusal(RefusalReason.NOT_A_PARTNER)).seq();
    CheckInRound round =
        c.activity()
            .lastCheckIn()
            .filter(r -> r.invited().contains(seq))
            .orElseThrow(() -> new Refusal(RefusalReason.CHECK_IN_NOT_YOURS));
    return open(round);
  }

  /** Round {@code number}, if it asked the speaker and is still open. */
  private static CheckInRound roundFor(Turn turn, Case c, int number) {
    int seq =
        c.partner(turn.user()).orElseThrow(() -> new Refusal(RefusalReason.NOT_A_PARTNER)).seq();
    return open(
        c.activity()
            .checkIn(number)
            .filter(r -> r.invited().contains(seq))
            .orElseThrow(() -> new Refusal(RefusalReason.CHECK_IN_NOT_YOURS)));
  }

  private static CheckInRound open(CheckInRound round) {
    if (!round.open()) {
      throw new Refusal(RefusalReason.CHECK_IN_CLOSED);
    }
    return round;
  }
}
