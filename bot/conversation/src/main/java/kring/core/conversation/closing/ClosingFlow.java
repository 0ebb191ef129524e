package kring.core.conversation.closing;

import static kring.core.conversation.Entries.step;

import java.util.List;
import java.util.Locale;
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
import kring.core.conversation.Proposals;
import kring.core.conversation.Turn;
import kring.core.conversation.reflection.Rounds;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.reflection.Anonymity;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.reply.Reply;
import kring.scheduler.planning.RoundWindow;

/**
 * Closing a case (the coordinator or backup): first a short final evaluation that every acting
 * partner answers privately and anonymously, after which Kring posts its summary and closes the
 * case; or closing now. A team too small for anonymous answers is offered a named closing
 * discussion instead.
 */
public final class ClosingFlow implements Feature {

  private static final List<String> NOW = List.of("now", "nu");
  private static final List<String> FINAL =
      List.of("final", "evaluation", "evaluate", "slotevaluatie", "evaluatie", "evalueer");

  private final Cards cards;
  private final Rounds reflection;
  private final Anonymity anonymity;
  private final RandomGenerator random;

  public ClosingFlow(Cards cards, Rounds reflection, Anonymity anonymity, RandomGenerator random) {
    this.cards = cards;
    this.reflection = reflection;
    this.anonymity = anonymity;
    this.random = random;
  }

  /** Closing a case: at once, after a final evaluation, or when it went quiet. */
  @Override
  public void declare(Entries entries) {
    entries
        .command("CLOSE", List.of("afsluiten", "sluiten"), List.of("close"), step(this::command))
        .button(
            Actions.QUIET_CLOSE,
            step(
                (t, v) -> {
                  Proposals.requireThisCase(t, v);
                  closeNow(t);
                }))
        .button(Actions.CLOSE_FINAL, step(this::finalPressed))
        .button(Actions.ROUND_CLOSE, step(this::closeRoundPressed))
        .button(Actions.CLOSE_NOW, step(this::closeNowPressed))
        .button(Actions.CLOSE_DISCUSS, step(this::discussPressed));
  }

  /**
   * {@code close}: the choice between a final evaluation and closing now; {@code close now} closes
   * at once; {@code close final [days]} starts the final evaluation.
   */
  void command(Turn turn, String args) {
    String[] words =
        args == null || args.isBlank()
            ? new String[0]
            : args.strip().toLowerCase(Locale.ROOT).split("\\s+");
    if (words.length == 0) {
      offer(turn);
    } else if (words.length == 1 && NOW.contains(words[0])) {
      closeNow(turn);
    } else if (words.length <= 2 && FINAL.contains(words[0])) {
      startFinal(turn, days(words.length == 2 ? words[1] : "", RefusalReason.CLOSE_ARGS));
    } else {
      throw new Refusal(RefusalReason.CLOSE_ARGS);
    }
  }

  /**
   * Answers the coordinator privately with what closing can look like: for a running case, a final
   * evaluation first or closing now; a case still starting up closes at once.
   */
  private void offer(Turn turn) {
    Case c = turn.requireCase();
    if (alreadyClosed(turn, c)) {
      return;
    }
    requireCloser(turn, c);
    if (c.status() != CaseStatus.ACTIVE) {
      // Nothing ran yet that could be evaluated.
      closeNow(turn);
      return;
    }
    String code = c.code().value();
    Optional<ReflectionRound> open = c.openReflection();
    if (open.isPresent()) {
      if (open.get().kind() == RoundKind.REGULAR) {
        roundOpen(turn, c, open.get(), Rounds.DEFAULT_DAYS);
        return;
      }
      String until = cards.date(open.get().closesAt(), turn.speakerLanguage());
      turn.answer(
          Reply.builder()
              .text(turn.t("close.closing", until))
              .button(turn.t("button.close-now"), Actions.CLOSE_NOW, code)
              .build());
      return;
    }
    int partners = c.reflectingPartners().size();
    if (!anonymity.allows(partners)) {
      turn.answer(
          Reply.builder()
              .heading(turn.t("close.offer.title", cards.title(c)))
              .text(turn.t("reflection.too-few.text", partners, anonymity.threshold()))
              .text(turn.t("close.too-few.offer"))
              .primary(turn.t("button.close-discuss"), Actions.CLOSE_DISCUSS, code)
              .button(turn.t("button.close-now"), Actions.CLOSE_NOW, code)
              .build());
      return;
    }
    turn.answer(
        Reply.builder()
            .heading(turn.t("close.offer.title", cards.title(c)))
            .text(turn.t("close.offer.text", QuestionBank.FINAL.size(), Rounds.DEFAULT_DAYS))
            .note(turn.t("close.offer.now"))
            .primary(turn.t("button.close-final", Rounds.DEFAULT_DAYS), Actions.CLOSE_FINAL, code)
            .button(turn.t("button.close-now"), Actions.CLOSE_NOW, code)
            .build());
  }

  /**
   * A regular round is open, so the final evaluation cannot start yet: the answer says when the
   * round ends, and offers to close it now (after which the final evaluation of {@code days} school
   * days can start) or to close the case now.
   */
  private void roundOpen(Turn turn, Case c, ReflectionRound open, int days) {
    String code = c.code().value();
    turn.answer(
        Reply.builder()
            .text(
                turn.t(
                    "close.round-open",
                    open.number(),
                    cards.date(open.closesAt(), turn.speakerLanguage())))
            .primary(
                turn.t("button.close-round", open.number()),
                Actions.ROUND_CLOSE,
                code + ":" + open.number() + ":" + days)
            .button(turn.t("button.close-now"), Actions.CLOSE_NOW, code)
            .build());
  }

  /**
   * The button of the offer: the final evaluation with the default deadline, or the number of
   * school days the button carries after the case code.
   */
  void finalPressed(Turn turn, String value) {
    startFinal(turn, days(Proposals.argument(turn, value), RefusalReason.BAD_BUTTON));
  }

  /**
   * The button that closes a regular round now so that the final evaluation can start ({@code <case
   * code>:<round>[:<days>]}): the round closes with its summary, as at its deadline, and the person
   * is offered the final evaluation.
   */
  void closeRoundPressed(Turn turn, String value) {
    String[] parts = value == null ? new String[0] : value.split(":", 3);
    if (parts.length < 2 || !parts[1].matches("\\d{1,4}")) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
    int days = days(parts.length == 3 ? parts[2] : "", RefusalReason.BAD_BUTTON);
    int number = Integer.parseInt(parts[1]);
    Case before = turn.enterCase(parts[0]);
    Case after = turn.change(c -> c.closeReflectionEarly(turn.user(), number, turn.now(), random));
    if (turn.wrote()) {
      if (after.reflections().round(number).isPresent()) {
        String who = after.partner(turn.user()).map(Partner::displayName).orElse("?");
        turn.announce(Reply.text(turn.tc("reflection.closed-early", who, number)));
      }
      Rounds.post(turn, reflection.stopped(before, after, turn::languageOf));
    }
    turn.answer(
        Reply.builder()
            .text(turn.t("close.round-closed", number))
            .primary(
                turn.t("button.close-final", days),
                Actions.CLOSE_FINAL,
                after.code().value() + " " + days)
            .build());
  }

  /** School days for the final evaluation as typed: the default when empty, at most the longest. */
  private static int days(String typed, RefusalReason refusal) {
    if (typed.isEmpty()) {
      return Rounds.DEFAULT_DAYS;
    }
    if (!typed.matches("\\d{1,2}") || Integer.parseInt(typed) < 1) {
      throw new Refusal(refusal);
    }
    return Math.min(Integer.parseInt(typed), Rounds.MAX_DAYS);
  }

  /**
   * A button that closes now: the offer's, or the answer to Kring's question about a quiet case.
   */
  void closeNowPressed(Turn turn, String code) {
    turn.enterCase(code);
    closeNow(turn);
  }

  /** The offer's button for a small team: closing questions to talk about by name. */
  void discussPressed(Turn turn, String code) {
    Rounds.discuss(turn, code, "close.discuss.", QuestionBank.FINAL);
  }

  /**
   * Starts the final evaluation: the channel hears that the case is closing, every acting partner
   * is invited privately; the round's close (at the deadline, or when everyone answered) closes the
   * case.
   */
  private void startFinal(Turn turn, int days) {
    Case before = turn.requireCase();
    if (alreadyClosed(turn, before)) {
      return;
    }
    requireCloser(turn, before);
    Optional<ReflectionRound> open = before.openReflection();
    if (open.isPresent() && open.get().kind() == RoundKind.FINAL) {
      turn.answer("close.closing", cards.date(open.get().closesAt(), turn.speakerLanguage()));
      return;
    }
    if (open.isPresent()) {
      roundOpen(turn, before, open.get(), days);
      return;
    }
    if (!anonymity.allows(before.reflectingPartners().size())) {
      throw new Refusal(
          RefusalReason.REFLECTION_TOO_FEW,
          before.reflectingPartners().size(),
          anonymity.threshold());
    }
    RoundWindow window = reflection.window(before, turn.now(), days);
    Case after =
        turn.change(
            c ->
                c.startFinalReflection(
                    turn.user(),
                    QuestionBank.FINAL,
                    anonymity,
                    window.opensAt(),
                    window.closesAt(),
                    turn.now()));
    ReflectionRound round = after.openReflection().orElseThrow();
    String who = after.partner(turn.user()).map(Partner::displayName).orElse("?");
    reflection.announceStart(
        after,
        round,
        window,
        turn,
        turn.tc(
            "reflection.started.text.final",
            who,
            round.questions().size(),
            cards.date(round.closesAt(), turn.caseLanguage())));
  }

  /**
   * Closes the case now. A round still open closes with it (its summary shows what may be shown of
   * the answers given so far), so nothing stays linked to who answered.
   */
  void closeNow(Turn turn) {
    Case before = turn.requireCase();
    if (alreadyClosed(turn, before)) {
      return;
    }
    requireCloser(turn, before);
    Case closed = turn.change(c -> c.close(turn.user(), turn.now(), random));
    // The case closes the round here, not the round the case.
    Rounds.post(turn, reflection.stopped(before, closed, turn::languageOf));
    turn.announce(
        Reply.builder()
            .text(turn.tc("close.done", cards.title(closed)))
            .note(turn.tc("close.export-hint"))
            .build());
  }

  /** Closing a closed case again changes nothing and says so. */
  private static boolean alreadyClosed(Turn turn, Case c) {
    if (c.status() == CaseStatus.CLOSED) {
      turn.answer("close.already");
      return true;
    }
    return false;
  }

  private static void requireCloser(Turn turn, Case c) {
    c.requireAllowed(
        turn.user(),
        Action.CLOSE_CASE,
        c.partner(turn.user()).isPresent()
            ? RefusalReason.ONLY_COORDINATOR_CLOSES
            : RefusalReason.NOT_A_PARTNER);
  }
}
