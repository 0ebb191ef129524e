package kring.core.conversation.calendar;

import static kring.core.conversation.Entries.step;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.cases.Case;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.Schedule;
import kring.core.conversation.Turn;
import kring.core.partners.Action;
import kring.core.partners.CaseRole;
import kring.core.partners.Partner;
import kring.core.reply.Reply;
import kring.core.store.CaseSchedule;
import kring.core.store.TurnRead;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptKind;

/**
 * {@code schedule}: what Kring will send next in this case, and when. The coordinator and backup
 * see to whom; other partners see only when, because who still has to confirm is nobody else's
 * business.
 */
public final class ScheduleFlow implements Feature {

  private static final int SHOWN = 12;

  private final Schedule planned;
  private final Cards cards;
  private final CalendarFlow calendar;

  public ScheduleFlow(Schedule planned, Cards cards, CalendarFlow calendar) {
    this.planned = planned;
    this.cards = cards;
    this.calendar = calendar;
  }

  /** What Kring has planned for the case. */
  @Override
  public void declare(Entries entries) {
    entries.command(
        "SCHEDULE",
        List.of("planning", "agenda"),
        List.of("schedule"),
        Set.of(TurnRead.Extra.SCHEDULE),
        step((t, a) -> show(t)));
  }

  void show(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.CARD_PARTNERS_ONLY);
    CaseRole role = c.roleOf(turn.user());
    boolean names = role == CaseRole.COORDINATOR || role == CaseRole.BACKUP;
    // Read with the case where the store could, else now.
    Optional<CaseSchedule> read = turn.scheduleRead(c.code());
    List<DuePrompt> prompts =
        read.map(CaseSchedule::planned).orElseGet(() -> planned.planned(c.code()));
    Reply.Builder schedule = Reply.builder().heading(turn.t("schedule.title", cards.title(c)));
    if (prompts.isEmpty()) {
      schedule.text(turn.t("schedule.nothing"));
    }
    for (DuePrompt prompt : prompts.stream().limit(SHOWN).toList()) {
      String what = turn.t("schedule.kind." + Cards.key(prompt.kind()));
      if (names) {
        String who =
            c.partner(prompt.person()).map(Partner::displayName).orElse(turn.t("card.left"));
        what = turn.t("schedule.to", what, who);
      } else if (prompt.person().equals(turn.user())) {
        what = turn.t("schedule.to-you", what);
      }
      schedule.field(cards.date(prompt.dueAt(), turn.speakerLanguage()), what);
    }
    if (prompts.size() > SHOWN) {
      schedule.note(turn.t("schedule.more", prompts.size() - SHOWN));
    }
    calendar.describe(turn, c, schedule);
    if (names) {
      fates(
          turn, read.map(CaseSchedule::counts).orElseGet(() -> planned.counts(c.code())), schedule);
    }
    turn.answer(schedule.build());
  }

  /**
   * What became of the case's prompts so far, by kind, for whoever coordinates: few means few, and
   * what that gives up (prompts put off to a person's next turn, or dropped because their moment
   * passed) should be visible.
   */
  private static void fates(
      Turn turn, Map<PromptKind, Map<Fate, Long>> counts, Reply.Builder schedule) {
    if (counts.isEmpty()) {
      return;
    }
    schedule.text(turn.t("schedule.fates"));
    counts.forEach(
        (kind, byFate) ->
            schedule.field(
                turn.t("schedule.kind." + Cards.key(kind)),
                turn.t(
                    "schedule.fates-value",
                    byFate.getOrDefault(Fate.SENT, 0L),
                    byFate.getOrDefault(Fate.COMBINED, 0L),
                    byFate.getOrDefault(Fate.PUT_OFF, 0L),
                    byFate.getOrDefault(Fate.DROPPED, 0L))));
  }
}
