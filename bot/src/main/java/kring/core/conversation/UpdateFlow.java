package kring.core.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Refusal;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.updates.FeedbackRequest;

/**
 * Updates: a partner posts short news through Kring (or says there is nothing new), optionally
 * asking some partners for feedback, who then say "seen" or "answered". Kring posts the text in the
 * channel and keeps only who gave news when, and who was asked and answered.
 */
final class UpdateFlow {

  /** An update is short news, not a report. */
  static final int TEXT_MAX = 1500;

  private static final String NOBODY = "nobody";
  private static final String EVERYONE = "everyone";

  private final Cards cards;

  UpdateFlow(Cards cards) {
    this.cards = cards;
  }

  /** {@code update}: the form; {@code update nothing} says there is no news. */
  Outcome command(Turn turn, String args) {
    String word = args == null ? "" : args.strip().toLowerCase(Locale.ROOT);
    if (List.of("niets", "nothing", "niets nieuws", "nothing new").contains(word)) {
      nothingNew(turn);
      return Outcome.NOTHING;
    }
    return form(turn);
  }

  Outcome form(Turn turn) {
    Case c = requirePoster(turn);
    List<Form.Option> options = new ArrayList<>();
    options.add(new Form.Option(NOBODY, turn.t("update.form.nobody")));
    List<Partner> others = others(c, turn);
    if (others.size() > 1) {
      options.add(new Form.Option(EVERYONE, turn.t("update.form.everyone")));
    }
    others.forEach(p -> options.add(new Form.Option(p.handle(), p.displayName())));
    List<Form.Input> inputs =
        List.of(
            MembershipFlow.input(
                "text",
                turn.t("update.form.text"),
                Form.Kind.LONG_TEXT,
                true,
                TEXT_MAX,
                "",
                turn.t("update.form.text-hint")),
            new Form.Input(
                "feedback",
                turn.t("update.form.feedback"),
                Form.Kind.CHOICE,
                false,
                10,
                options,
                NOBODY,
                "",
                null));
    return Outcome.open(
        new Form(
            Forms.UPDATE,
            turn.t("update.form.title", cards.title(c)),
            turn.t("update.form.intro"),
            inputs,
            turn.t("update.form.submit"),
            Map.of(Forms.CASE, c.code().value())));
  }

  Outcome submit(Turn turn, Map<String, String> values) {
    Case c = requirePoster(turn);
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal("refusal.other-case");
    }
    FormReader form = new FormReader(values, turn);
    String text = form.text("text", true, TEXT_MAX);
    String feedback = form.text("feedback", false, 10);
    List<Partner> others = others(c, turn);
    List<Partner> asked =
        switch (feedback.isEmpty() ? NOBODY : feedback) {
          case NOBODY -> List.of();
          case EVERYONE -> others;
          default -> others.stream().filter(p -> p.handle().equals(feedback)).toList();
        };
    if (!feedback.isEmpty() && !NOBODY.equals(feedback) && asked.isEmpty()) {
      form.error("feedback", "form.choose");
    }
    if (!form.ok()) {
      return Outcome.open(form(turn).form().withErrors(form.values(), form.errors()));
    }
    Case after =
        turn.change(
            now -> {
              Case marked = now.updated(turn.user(), false, turn.now());
              return asked.isEmpty()
                  ? marked
                  : marked.askFeedback(
                      turn.user(), asked.stream().map(Partner::seq).toList(), turn.now());
            });
    Partner from = after.partner(turn.user()).orElseThrow();
    Reply.Builder post =
        Reply.builder().heading(turn.tc("update.posted.title", cards.name(from, c.language())));
    post.text(text);
    if (!asked.isEmpty()) {
      FeedbackRequest request =
          after.activity().feedback().get(after.activity().feedback().size() - 1);
      String names = asked.stream().map(Partner::displayName).collect(Collectors.joining(", "));
      String value = c.code().value() + ":" + request.number();
      post.note(turn.tc("update.posted.feedback", from.displayName(), names))
          .primary(turn.tc("button.answered"), Actions.FEEDBACK_ANSWERED, value)
          .button(turn.tc("button.seen"), Actions.FEEDBACK_SEEN, value);
    }
    turn.announce(post.build());
    turn.answer("update.done");
    return Outcome.FORM_DONE;
  }

  void nothingNew(Turn turn) {
    requirePoster(turn);
    turn.change(c -> c.updated(turn.user(), true, turn.now()));
    turn.answer("update.nothing-new");
  }

  /** An addressed partner saw or answered an update; the poster is not bothered with it. */
  void feedbackGiven(Turn turn, String value, boolean answered) {
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || !parts[1].matches("\\d{1,6}")) {
      throw new Refusal("refusal.other-case");
    }
    turn.enterCase(parts[0]);
    int number = Integer.parseInt(parts[1]);
    turn.change(c -> c.feedbackGiven(turn.user(), number, turn.now()));
    turn.answer(answered ? "feedback.answered" : "feedback.seen");
  }

  private static Case requirePoster(Turn turn) {
    Case c = turn.requireCase();
    if (c.permission(turn.user(), Action.POST_UPDATE) != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? "refusal.informed-only-update"
              : "refusal.not-a-partner");
    }
    if (c.status() != CaseStatus.ACTIVE) {
      throw new Refusal(
          c.status() == CaseStatus.CLOSED ? "refusal.case-closed" : "refusal.not-active-yet",
          c.code().value());
    }
    return c;
  }

  /** The partners who can be asked for feedback: those who act, other than the poster. */
  private static List<Partner> others(Case c, Turn turn) {
    return c.partners().stream().filter(p -> p.confirms() && !p.is(turn.user())).toList();
  }
}
