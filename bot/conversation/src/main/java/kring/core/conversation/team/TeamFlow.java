package kring.core.conversation.team;

import static kring.core.conversation.Cards.coordinatorNotice;
import static kring.core.conversation.Entries.step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Entries.CaseBinding;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.Proposals;
import kring.core.conversation.Turn;
import kring.core.conversation.family.FamilyLinks;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.partners.Handover;
import kring.core.partners.Partner;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/**
 * People who come and go: a partner leaves (says so, leaves the channel, or is removed) and is
 * asked privately for a handover note; the coordinator's powers pass to the backup; a newcomer in
 * the same role gets the note privately when they join; once a year the coordinator checks who is
 * still on the team.
 */
public final class TeamFlow implements Feature {

  private final Cards cards;
  private final FamilyLinks familyLinks;

  /**
   * @param familyLinks the private links of represented people, forgotten when they are removed
   */
  public TeamFlow(Cards cards, FamilyLinks familyLinks) {
    this.cards = cards;
    this.familyLinks = familyLinks;
  }

  /** Leaving, removing a partner, the coordinator's team check, and the handover note. */
  @Override
  public void declare(Entries entries) {
    entries
        .command(
            "LEAVE",
            List.of("vertrek", "vertrekken"),
            List.of("leave"),
            step((t, a) -> leaveCommand(t)))
        .command(
            "REMOVE",
            List.of("verwijder", "verwijderen"),
            List.of("remove"),
            step(this::removeCommand))
        .button(Actions.TEAM_SAME, step(this::teamConfirmed))
        .button(Actions.TEAM_LEFT, step(this::removePressed))
        .form(Forms.HANDOVER, CaseBinding.OWN, (t, code, about) -> form(t, code), this::submit);
  }

  /** {@code vertrek}/{@code leave}: the speaker leaves the case. */
  void leaveCommand(Turn turn) {
    Case c = turn.requireCase();
    if (c.partner(turn.user()).isEmpty()) {
      turn.answer("leave.already");
      return;
    }
    leave(turn, turn.user());
  }

  /** The speaker left the channel: if they were part of the case, they left it. */
  public void leftChannel(Turn turn) {
    Optional<Case> here = turn.caseHere();
    if (here.isPresent() && here.get().partner(turn.user()).isPresent()) {
      leave(turn, turn.user());
    }
  }

  /** {@code verwijder P3}/{@code remove P3}: the coordinator or backup removes a partner. */
  void removeCommand(Turn turn, String args) {
    Case c = turn.requireCase();
    String handle = args == null ? "" : args.strip().toUpperCase(Locale.ROOT);
    if (!handle.matches("P\\d{1,3}")) {
      turn.answer("remove.usage");
      return;
    }
    remove(turn, c, Integer.parseInt(handle.substring(1)));
  }

  /** The coordinator pressed "X left" on the start-of-year check; the value is {@code code seq}. */
  void removePressed(Turn turn, String value) {
    String argument = Proposals.argument(turn, value);
    if (!argument.matches("\\d{1,3}")) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
    remove(turn, turn.requireCase(), Integer.parseInt(argument));
  }

  /** The coordinator pressed "everyone stays". */
  void teamConfirmed(Turn turn, String value) {
    Proposals.argument(turn, value);
    turn.change(c -> c.confirmTeam(turn.user(), turn.now()));
    turn.answer("team.confirmed");
  }

  private void remove(Turn turn, Case c, int seq) {
    Partner who =
        c.partner(seq)
            .filter(Partner::active)
            .orElseThrow(() -> new Refusal(RefusalReason.NOT_IN_CASE));
    if (who.hasAccount()) {
      leave(turn, who.user());
      return;
    }
    // A represented person: their private link and any answers still waiting go at once.
    turn.change(now -> now.removeRepresented(turn.user(), seq, turn.now()));
    CaseCode code = c.code();
    turn.afterCommit(() -> familyLinks.forget(code, seq));
    turn.announce(Reply.text(turn.tc("leave.done", cards.name(who, turn.caseLanguage()))));
  }

  private void leave(Turn turn, UserRef person) {
    Case before = turn.requireCase();
    Partner gone = before.partner(person).orElseThrow();
    Case after = turn.change(c -> c.leave(turn.user(), person, turn.now()));
    Language lang = turn.caseLanguage();
    String name = cards.name(gone, lang);
    turn.announce(
        Reply.text(
            coordinatorNotice(cards, before, after).orElseGet(() -> turn.tc("leave.done", name))));
    Language theirs = turn.languageOf(person);
    turn.tell(
        person,
        Reply.builder()
            .heading(Texts.get(theirs, "leave.thanks.title", cards.title(after)))
            .text(Texts.get(theirs, "leave.thanks.text"))
            .primary(
                Texts.get(theirs, "button.write-handover"),
                Actions.OPEN_FORM,
                Forms.HANDOVER + " " + after.code().value())
            .build());
  }

  /** The handover form for the person who left; opened from the private message they got. */
  Outcome form(Turn turn, String code) {
    Case c = turn.enterCaseLeft(code);
    Optional<Handover> earlier =
        c.activity().handovers().stream()
            .filter(h -> h.fromSeq() == c.team().leftPartner(turn.user()).orElseThrow().seq())
            .findFirst();
    return Outcome.open(
        new Form(
            Forms.HANDOVER,
            turn.t("handover.form.title", cards.title(c)),
            turn.t("handover.form.intro"),
            List.of(
                FormReader.input(
                    "note",
                    turn.t("handover.form.note"),
                    Form.Kind.LONG_TEXT,
                    true,
                    Handover.NOTE_MAX,
                    earlier.map(Handover::note).orElse(""),
                    ""),
                FormReader.input(
                    "successor",
                    turn.t("handover.form.successor"),
                    Form.Kind.TEXT,
                    false,
                    Handover.SUCCESSOR_MAX,
                    earlier.map(Handover::successor).orElse(""),
                    "")),
            turn.t("handover.form.submit"),
            Map.of(Forms.CASE, c.code().value())));
  }

  Outcome submit(Turn turn, Map<String, String> values) {
    Case c = turn.enterCaseLeft(values.getOrDefault(Forms.CASE, ""));
    FormReader form = new FormReader(values, turn);
    String note = form.text("note", true, Handover.NOTE_MAX);
    String successor = form.text("successor", false, Handover.SUCCESSOR_MAX);
    if (!form.ok()) {
      return Outcome.open(
          form(turn, c.code().value()).form().withErrors(form.values(), form.errors()));
    }
    Case after = turn.change(now -> now.handOver(turn.user(), note, successor, turn.now()));
    turn.answer("handover.saved");
    // A coordinator's note also goes to whoever took the coordination over: the backup.
    Partner author = after.team().leftPartner(turn.user()).orElseThrow();
    boolean coordinated =
        after.agreements().agreed().filter(a -> a.coordinatorSeq() == author.seq()).isPresent();
    Optional<Partner> next = after.coordinator();
    if (coordinated && next.isPresent()) {
      after.activity().handovers().stream()
          .filter(h -> h.fromSeq() == author.seq())
          .findFirst()
          .ifPresent(h -> give(turn, after, h, next.get()));
    }
    return Outcome.FORM_DONE;
  }

  /** A newcomer joined: the handover notes left in their role come to them privately, each once. */
  void welcome(Turn turn, Partner newcomer) {
    if (newcomer.role() == null) {
      return;
    }
    Case c = turn.requireCase();
    for (Handover note : c.activity().handoversFor(newcomer.role(), c.team())) {
      give(turn, c, note, newcomer);
    }
  }

  /**
   * A version was agreed: whoever coordinates it gets the notes that earlier coordinators left when
   * they went, each once (also when nobody took the coordination over when they left).
   */
  public void toCoordinator(Turn turn) {
    Case c = turn.requireCase();
    Optional<Partner> coordinator = c.coordinator();
    if (coordinator.isEmpty()) {
      return;
    }
    for (Handover note : c.activity().handovers()) {
      boolean fromACoordinator =
          c.agreements().versions().stream().anyMatch(a -> a.coordinatorSeq() == note.fromSeq());
      if (fromACoordinator && note.fromSeq() != coordinator.get().seq()) {
        give(turn, turn.requireCase(), note, coordinator.get());
      }
    }
  }

  /** Gives a handover note privately to the partner who takes over, once. */
  private void give(Turn turn, Case c, Handover note, Partner to) {
    if (note.givenTo().contains(to.seq())) {
      return;
    }
    Language lang = turn.languageOf(to.user());
    String from =
        c.partner(note.fromSeq()).map(p -> cards.name(p, lang)).orElse("P" + note.fromSeq());
    Reply.Builder message =
        Reply.builder()
            .heading(Texts.get(lang, "handover.for-you.title", cards.title(c)))
            .note(Texts.get(lang, "handover.for-you.from", from, cards.date(note.at(), lang)))
            .text(note.note());
    if (!note.successor().isBlank()) {
      message.note(Texts.get(lang, "handover.for-you.successor", note.successor()));
    }
    turn.tell(to.user(), message.build());
    turn.change(now -> now.handoverGiven(note.fromSeq(), to.seq(), turn.now()));
  }
}
