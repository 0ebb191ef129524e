package kring.core.conversation.transitions;

import static kring.core.conversation.Entries.step;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.cases.Transition;
import kring.core.cases.TransitionKind;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Proposals;
import kring.core.conversation.Turn;
import kring.core.partners.Action;
import kring.core.reply.Reply;

/**
 * Known transitions in the pupil's life (exams, a change of school or class, the end of a
 * youth-care trajectory): {@code transition 15/6 exams} records one, {@code transition} lists them,
 * {@code transition remove 2} removes one. Kring plans a reflection round shortly before each.
 */
public final class TransitionFlow implements Feature {

  private static final Pattern DAY_AND_MONTH = Pattern.compile("(\\d{1,2})/(\\d{1,2})");

  private static final Set<String> REMOVE = Set.of("weg", "verwijder", "remove", "delete");

  private final Cards cards;

  public TransitionFlow(Cards cards) {
    this.cards = cards;
  }

  /** The known transitions of the pupil. */
  @Override
  public void declare(Entries entries) {
    entries.command(
        "TRANSITION",
        List.of("overgang", "overgangen"),
        List.of("transition", "transitions"),
        step(this::command));
  }

  void command(Turn turn, String args) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.NOT_A_PARTNER);
    String[] words = args.strip().isEmpty() ? new String[0] : args.strip().split("\\s+", 2);
    if (words.length == 0) {
      list(turn, c);
    } else if (REMOVE.contains(words[0].toLowerCase(Locale.ROOT))) {
      remove(turn, words.length == 2 ? words[1].strip() : "");
    } else {
      add(turn, words[0], words.length == 2 ? words[1] : "");
    }
  }

  private void add(Turn turn, String date, String what) {
    LocalDate today = cards.today(turn.now());
    LocalDate on =
        FormReader.readDate(date)
            .or(() -> nextDayAndMonth(date, today))
            .orElseThrow(() -> new Refusal(RefusalReason.TRANSITION_USAGE, shown(date)));
    Transition transition = transition(on, what);
    Case after = turn.change(now -> now.addTransition(turn.user(), transition, today, turn.now()));
    if (!turn.wrote()) {
      turn.answer("transition.already");
      return;
    }
    turn.announce(
        Reply.builder()
            .text(
                turn.tc(
                    "transition.added",
                    Proposals.who(after, turn.user()),
                    cards.transition(transition, turn.caseLanguage())))
            .note(turn.tc("transition.round", after.cadence().reflectionWeeks() > 0 ? 1 : 0))
            .build());
  }

  private void remove(Turn turn, String number) {
    if (!number.matches("\\d{1,2}")) {
      throw new Refusal(RefusalReason.TRANSITION_REMOVE_USAGE);
    }
    int n = Integer.parseInt(number);
    LocalDate today = cards.today(turn.now());
    Transition[] gone = {null};
    Case after =
        turn.change(
            now -> {
              Case removed = now.removeTransition(turn.user(), n, today, turn.now());
              gone[0] = now.settings().upcomingTransitions(today).get(n - 1);
              return removed;
            });
    turn.announce(
        Reply.text(
            turn.tc(
                "transition.removed",
                Proposals.who(after, turn.user()),
                cards.transition(gone[0], turn.caseLanguage()))));
  }

  private void list(Turn turn, Case c) {
    List<Transition> ahead = c.settings().upcomingTransitions(cards.today(turn.now()));
    Reply.Builder reply = Reply.builder();
    if (ahead.isEmpty()) {
      reply.text(turn.t("transition.none"));
    } else {
      reply.text(turn.t("transition.list"));
      for (int i = 0; i < ahead.size(); i++) {
        reply.text((i + 1) + ". " + cards.transition(ahead.get(i), turn.speakerLanguage()));
      }
    }
    turn.answer(reply.note(turn.t("transition.how")).build());
  }

  /**
   * A day and month without a year ({@code 15/6}): the first such day after today, so that "exams
   * 15/6" typed in November means next June. A day that does not exist that year reads as no date.
   */
  static Optional<LocalDate> nextDayAndMonth(String text, LocalDate today) {
    Matcher m = DAY_AND_MONTH.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int day = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
      try {
        LocalDate on = LocalDate.of(year, month, day);
        if (on.isAfter(today)) {
          return Optional.of(on);
        }
      } catch (DateTimeException noSuchDay) {
        // 31/4, or 29/2 outside a leap year: try the next year, else no date
      }
    }
    return Optional.empty();
  }

  /** A known kind by its words, or another transition with the partners' own short label. */
  private static Transition transition(LocalDate on, String what) {
    String label = what.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
    if (label.isEmpty()) {
      throw new Refusal(RefusalReason.TRANSITION_WHAT);
    }
    Optional<TransitionKind> kind = TransitionKind.forWords(label);
    if (kind.isPresent()) {
      return new Transition(on, kind.get(), "");
    }
    if (label.length() > Transition.LABEL_MAX) {
      throw new Refusal(RefusalReason.TRANSITION_LABEL, Transition.LABEL_MAX);
    }
    return new Transition(on, TransitionKind.OTHER, label);
  }

  private static String shown(String typed) {
    return typed.length() > 20 ? typed.substring(0, 20) + "…" : typed;
  }
}
