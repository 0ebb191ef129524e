package kring.core.conversation.team;

import static kring.core.conversation.Entries.step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.Proposals;
import kring.core.conversation.Proposals.Proposal;
import kring.core.conversation.Turn;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Voice;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/**
 * The pupil and the parents usually have no account: a partner represents them ({@code represent
 * mother}), records their perspective with the date ({@code voice P4}), and is reminded when the
 * agreement changed since.
 */
public final class VoiceFlow implements Feature {

  /** Words that make a represented person the pupil rather than a parent. */
  private static final List<String> PUPIL_WORDS =
      List.of("leerling", "jongere", "kind", "pupil", "student", "child", "young");

  private final Cards cards;

  public VoiceFlow(Cards cards) {
    this.cards = cards;
  }

  /** Representing someone without an account, and their voice. */
  @Override
  public void declare(Entries entries) {
    entries
        .command(
            "REPRESENT",
            List.of("vertegenwoordig"),
            List.of("represent"),
            step((t, a) -> represent(t, a, false)))
        .command("VOICE", List.of("stem"), List.of("voice"), this::form)
        .button(Actions.REPRESENT, step((t, v) -> represent(t, Proposals.argument(t, v), true)))
        .form(Forms.VOICE, (t, code, about) -> form(t, about), this::submit);
  }

  /**
   * {@code vertegenwoordig moeder [P2]} / {@code represent mother [P2]}: adds a person without an
   * account, represented by P2 or by whoever typed it; a partner's command is a proposal.
   */
  void represent(Turn turn, String args, boolean pressed) {
    Case c = turn.requireCase();
    String text = args == null ? "" : args.strip();
    int representative = c.partner(turn.user()).map(Partner::seq).orElse(0);
    String[] words = text.split("\\s+");
    String last = words[words.length - 1];
    if (words.length > 1 && last.toUpperCase(Locale.ROOT).matches("P\\d{1,3}")) {
      representative = Integer.parseInt(last.substring(1));
      text = text.substring(0, text.length() - last.length()).strip();
    }
    if (text.isEmpty()) {
      turn.answer("represent.usage");
      return;
    }
    String label = text;
    Role role =
        PUPIL_WORDS.stream().anyMatch(w -> label.toLowerCase(Locale.ROOT).contains(w))
            ? Role.PUPIL
            : Role.PARENT;
    int by = representative;
    Proposals.decide(
        turn,
        pressed,
        new Proposal(
            "represent",
            Actions.REPRESENT,
            label + " P" + by,
            List.of(label, "P" + by),
            now ->
                now.partners().stream()
                    .anyMatch(
                        p ->
                            p.active()
                                && p.membership() == Membership.REPRESENTED
                                && p.displayName().equalsIgnoreCase(label)),
            RefusalReason.ONLY_COORDINATOR_ACCEPTS,
            now -> now.represent(turn.user(), label, role, by, turn.now())));
  }

  /** {@code stem P4} / {@code voice P4}: the form to record a represented person's perspective. */
  Outcome form(Turn turn, String args) {
    Case c = turn.requireCase();
    String handle = args == null ? "" : args.strip().toUpperCase(Locale.ROOT);
    Optional<Partner> represented =
        handle.matches("P\\d{1,3}")
            ? c.partner(Integer.parseInt(handle.substring(1)))
                .filter(p -> p.active() && p.membership() == Membership.REPRESENTED)
            : onlyRepresentedBy(c, turn);
    if (represented.isEmpty()) {
      turn.answer("voice.usage");
      return Outcome.NOTHING;
    }
    Partner p = represented.get();
    Optional<Voice> earlier = Optional.ofNullable(p.voice());
    return Outcome.open(
        new Form(
            Forms.VOICE,
            turn.t("voice.form.title", p.displayName(), cards.title(c)),
            turn.t("voice.form.intro", p.displayName()),
            List.of(
                FormReader.input(
                    "goal",
                    turn.t("voice.form.goal"),
                    Form.Kind.LONG_TEXT,
                    false,
                    Voice.MAX,
                    earlier.map(Voice::onGoal).orElse(""),
                    ""),
                FormReader.input(
                    "collaboration",
                    turn.t("voice.form.collaboration"),
                    Form.Kind.LONG_TEXT,
                    false,
                    Voice.MAX,
                    earlier.map(Voice::onCollaboration).orElse(""),
                    "")),
            turn.t("form.save"),
            Map.of(Forms.CASE, c.code().value(), Forms.PARTNER, String.valueOf(p.seq()))));
  }

  Outcome submit(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    String seq = values.getOrDefault(Forms.PARTNER, "");
    if (seq == null || !seq.matches("\\d{1,3}")) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    FormReader form = new FormReader(values, turn);
    String goal = form.text("goal", false, Voice.MAX);
    String collaboration = form.text("collaboration", false, Voice.MAX);
    if (form.ok() && goal.isBlank() && collaboration.isBlank()) {
      form.error("goal", "voice.empty");
    }
    if (!form.ok()) {
      return Outcome.open(form(turn, "P" + seq).form().withErrors(form.values(), form.errors()));
    }
    Case after =
        turn.change(
            now ->
                now.recordVoice(
                    turn.user(), Integer.parseInt(seq), goal, collaboration, turn.now()));
    Partner heard = after.partner(Integer.parseInt(seq)).orElseThrow();
    turn.announce(Reply.text(turn.tc("voice.recorded", heard.displayName())));
    return Outcome.FORM_DONE;
  }

  /** The one represented person this speaker speaks for, when they need not say which. */
  private static Optional<Partner> onlyRepresentedBy(Case c, Turn turn) {
    List<Partner> theirs =
        c.partners().stream()
            .filter(
                p ->
                    p.active()
                        && p.membership() == Membership.REPRESENTED
                        && turn.user().equals(p.representedBy()))
            .toList();
    return theirs.size() == 1 ? Optional.of(theirs.get(0)) : Optional.empty();
  }
}
