package kring.core.conversation.reflection;

import static kring.core.conversation.FormReader.input;
import static kring.core.conversation.reflection.RoundForms.oneLine;
import static kring.core.conversation.reflection.RoundForms.roundOf;
import static kring.core.conversation.reflection.Rounds.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.Turn;
import kring.core.conversation.agreement.AgreementFlow;
import kring.core.partners.Action;
import kring.core.partners.Permission;
import kring.core.reflection.AnswerType;
import kring.core.reflection.Improvement;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/**
 * The coordinator turns a closed round's "one thing I would change" answers into agreed changes,
 * which the next round asks about.
 */
final class AgreedChanges {

  private static final String CHANGE_PREFIX = "change.";

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
              ? RefusalReason.REFLECTION_ONLY_COORDINATOR_CHANGES
              : RefusalReason.NOT_A_PARTNER);
    }
    ReflectionRound round =
        c.reflections()
            .round(number)
            .orElseThrow(() -> new Refusal(RefusalReason.REFLECTION_NO_ROUND));
    if (round.isOpen()) {
      throw new Refusal(RefusalReason.REFLECTION_STILL_OPEN, number);
    }
    return round;
  }
}
