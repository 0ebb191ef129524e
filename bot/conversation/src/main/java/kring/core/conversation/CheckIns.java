package kring.core.conversation;

import java.util.Map;
import kring.core.cases.Case;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.checkin.Tally;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
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

  private CheckIns() {}

  /**
   * Whether an open round still waits for this partner: asked, and neither answered nor skipped.
   */
  static boolean waitsFor(CheckInRound round, int seq) {
    return round.open()
        && round.invited().contains(seq)
        && !round.skipped().contains(seq)
        && round.answers().stream().noneMatch(a -> a.partnerSeq() == seq);
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
