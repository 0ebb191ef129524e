package kring.core.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kring.core.cases.Case;
import kring.core.checkin.AnswersGiven;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.checkin.Tally;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.partners.Partner;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Reply;
import kring.scheduler.planning.Planner;

/**
 * The rules of a check-in that the conversation and the schedule share: who it still waits for, and
 * the summary the channel gets when it closes.
 */
public final class CheckIns {

  /**
   * A question's totals are shown only when at least this many answered it: in a team of three to
   * six, fewer would let the others guess who said what.
   */
  public static final int SHOWN_FROM = 3;

  /**
   * The mark an answer button's value ends with when its card shares a message with other prompts:
   * the answers then show on a card of its own, so that the others stay as they are.
   */
  public static final String IN_COMBINED = "+";

  private CheckIns() {}

  /**
   * The same blocks, the check-in answer and skip buttons marked as being in a message with other
   * prompts.
   */
  static List<Block> markedCombined(List<Block> blocks) {
    List<Block> marked = new ArrayList<>();
    for (Block block : blocks) {
      if (block instanceof Buttons row) {
        marked.add(
            new Buttons(
                row.buttons().stream()
                    .map(
                        b ->
                            b.action().equals(Actions.PICK_CHECK_IN)
                                    || b.action().equals(Actions.SKIP_CHECK_IN)
                                ? new Buttons.Button(
                                    b.label(),
                                    b.action(),
                                    b.value() + ":" + IN_COMBINED,
                                    b.primary())
                                : b)
                    .toList()));
      } else {
        marked.add(block);
      }
    }
    return marked;
  }

  /**
   * Whether an open round still waits for this partner: asked, and neither skipped nor every
   * question answered (one click at a time, a partner who answered one question is not done).
   */
  static boolean waitsFor(CheckInRound round, int seq) {
    return round.open()
        && round.invited().contains(seq)
        && !round.skipped().contains(seq)
        && round.answers().stream()
            .filter(a -> a.partnerSeq() == seq)
            .noneMatch(a -> a.answers().size() == CheckInQuestion.values().length);
  }

  /**
   * A partner's check-in card: each question with one button per answer (their answer marked), so
   * that three clicks answer it; once they skipped it or it closed, what happened, without buttons.
   *
   * @param intro what the invitation or reminder says first, or null on a later state
   */
  public static Reply.Builder card(
      Case c, CheckInRound round, int seq, Cards cards, Language lang, String intro) {
    Reply.Builder card =
        Reply.builder()
            .heading(Texts.get(lang, "prompt.check-in.title", round.number(), cards.title(c)));
    Optional<AnswersGiven> given =
        round.answers().stream().filter(a -> a.partnerSeq() == seq).findFirst();
    if (!round.open()) {
      return card.text(Texts.get(lang, "check-in.card.closed", round.number()));
    }
    if (round.skipped().contains(seq)) {
      return card.text(Texts.get(lang, "check-in.skipped", round.number()));
    }
    Map<CheckInQuestion, CheckInAnswer> answers = given.map(AnswersGiven::answers).orElse(Map.of());
    String closes = cards.date(round.closesAt(), lang);
    if (answers.isEmpty()) {
      card.text(intro != null ? intro : Texts.get(lang, "prompt.check-in.text", closes));
    } else {
      int open = CheckInQuestion.values().length - answers.size();
      card.text(
          open == 0
              ? Texts.get(lang, "check-in.thanks", closes)
              : Texts.get(lang, "check-in.card.open", open));
    }
    String prefix = c.code().value() + ":" + round.number() + ":";
    for (CheckInQuestion question : CheckInQuestion.values()) {
      card.text(Texts.get(lang, "check-in.q." + Cards.key(question)));
      for (CheckInAnswer answer : CheckInAnswer.values()) {
        String label = Texts.get(lang, "check-in.answer." + Cards.key(answer));
        String value = prefix + Cards.key(question) + ":" + Cards.key(answer);
        if (answer == answers.get(question)) {
          card.primary(
              Texts.get(lang, "check-in.card.chosen", label), Actions.PICK_CHECK_IN, value);
        } else {
          card.button(label, Actions.PICK_CHECK_IN, value);
        }
      }
    }
    card.note(Texts.get(lang, "prompt.check-in.private"));
    if (answers.isEmpty()) {
      card.button(
          Texts.get(lang, "button.skip-check-in"),
          Actions.SKIP_CHECK_IN,
          c.code().value() + ":" + round.number());
    }
    return card;
  }

  /**
   * The cards of a round that closed, for each partner it asked: their buttons no longer apply.
   *
   * @param lang the language each person reads
   */
  public static Map<UserRef, Reply> closedCards(
      Case c, CheckInRound closed, Cards cards, Function<UserRef, Language> lang) {
    Map<UserRef, Reply> retired = new LinkedHashMap<>();
    for (int seq : closed.invited()) {
      c.partner(seq)
          .map(Partner::user)
          .filter(user -> user != null)
          .ifPresent(
              user ->
                  retired.put(user, card(c, closed, seq, cards, lang.apply(user), null).build()));
    }
    return retired;
  }

  /** Whether everyone asked has answered or skipped: the round can close early. */
  public static boolean complete(CheckInRound round) {
    return round.invited().stream().noneMatch(seq -> waitsFor(round, seq));
  }

  /** The summary of a closed round for the channel: participation and totals, never who. */
  public static Reply summary(Case c, CheckInRound closed, Cards cards, Language lang) {
    Tally tally = closed.tally();
    Reply.Builder summary =
        Reply.builder()
            .heading(Texts.get(lang, "check-in.summary.title", closed.number(), cards.title(c)))
            .text(Texts.get(lang, "check-in.summary.answered", tally.answered(), tally.invited()));
    boolean hidden = false;
    for (CheckInQuestion question : CheckInQuestion.values()) {
      Map<CheckInAnswer, Integer> counts = tally.counts().getOrDefault(question, Map.of());
      int answered = counts.values().stream().mapToInt(Integer::intValue).sum();
      String label = Texts.get(lang, "check-in.q." + Cards.key(question));
      if (answered >= SHOWN_FROM) {
        summary.field(
            label,
            Texts.get(
                lang,
                "check-in.summary.counts",
                counts.getOrDefault(CheckInAnswer.YES, 0),
                counts.getOrDefault(CheckInAnswer.PARTLY, 0),
                counts.getOrDefault(CheckInAnswer.NO, 0)));
      } else {
        hidden = true;
      }
    }
    if (hidden) {
      summary.note(Texts.get(lang, "check-in.summary.too-few", SHOWN_FROM));
    }
    Map<CheckInAnswer, Integer> goal =
        tally.counts().getOrDefault(CheckInQuestion.GOAL_ON_TRACK, Map.of());
    int no = goal.getOrDefault(CheckInAnswer.NO, 0);
    int rest = goal.getOrDefault(CheckInAnswer.YES, 0) + goal.getOrDefault(CheckInAnswer.PARTLY, 0);
    if (no + rest >= SHOWN_FROM && no > rest) {
      summary.warning(Texts.get(lang, "check-in.summary.goal-off"));
    }
    return summary.note(Texts.get(lang, "check-in.summary.next", Planner.checkInWeeks(c))).build();
  }
}
