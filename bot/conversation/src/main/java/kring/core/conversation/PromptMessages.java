package kring.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import kring.core.agreement.Agreement;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.checkin.CheckInRound;
import kring.core.conversation.reflection.ReflectionPrompts;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.partners.Partner;
import kring.core.reply.Reply;
import kring.core.updates.FeedbackRequest;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;

/**
 * What each kind of personal prompt says, if it is still worth saying when it is sent: the case may
 * have moved on since it was planned (the partner confirmed, posted news, answered). Every prompt
 * carries a button to be reminded the next school day instead.
 */
final class PromptMessages {

  private final Cards cards;
  private final Planner planner;
  private final ReflectionPrompts reflections;

  PromptMessages(Cards cards, Planner planner, ReflectionPrompts reflections) {
    this.cards = cards;
    this.planner = planner;
    this.reflections = reflections;
  }

  /** The private message for this prompt now, or empty when it is no longer relevant. */
  Optional<Reply> of(DuePrompt prompt, Case c, Language lang, Instant now) {
    Optional<Partner> to = c.partner(prompt.person()).filter(p -> !p.unreachable());
    if (to.isEmpty()) {
      return Optional.empty();
    }
    boolean intake = c.status() == CaseStatus.INTAKE;
    boolean running = c.status() == CaseStatus.ACTIVE;
    Optional<Reply.Builder> message =
        switch (prompt.kind()) {
          case KICKOFF_REMINDER -> intake ? kickoffReminder(c, to.get(), lang) : Optional.empty();
          case KICKOFF_ESCALATION ->
              intake ? kickoffEscalation(c, to.get(), lang) : Optional.empty();
          case UPDATE_DUE -> running ? update(c, prompt, to.get(), lang) : Optional.empty();
          case FEEDBACK_FOLLOWUP ->
              running ? feedback(c, prompt, to.get(), lang) : Optional.empty();
          case CHECK_IN_INVITE, CHECK_IN_REMINDER ->
              running ? checkIn(c, prompt, to.get(), lang) : Optional.empty();
          case TEAM_CHECK -> running ? teamCheck(c, to.get(), lang) : Optional.empty();
          case VOICE_REMINDER -> running ? voice(c, prompt, lang) : Optional.empty();
          case REFLECTION_INVITE ->
              reflections.invitation(c, prompt, lang, now).map(PromptMessages::continued);
          case REFLECTION_REMINDER ->
              reflections.reminder(c, prompt, lang, now).map(PromptMessages::continued);
          case CHECK_IN_OPEN, CHECK_IN_CLOSE, REFLECTION_OPEN, REFLECTION_CLOSE -> Optional.empty();
        };
    return message.map(
        m -> m.button(Texts.get(lang, "button.later"), Actions.PROMPT_LATER, prompt.id()).build());
  }

  /** A finished reply to add more to: a row of buttons last is still open for more. */
  private static Reply.Builder continued(Reply reply) {
    return Reply.builder().blocks(reply.blocks());
  }

  private Optional<Reply.Builder> kickoffReminder(Case c, Partner to, Language lang) {
    if (Planner.missingConfirmations(c).stream().noneMatch(p -> p.seq() == to.seq())) {
      return Optional.empty();
    }
    Reply.Builder reminder =
        Reply.builder().heading(Texts.get(lang, "prompt.kickoff.title", cards.title(c)));
    Optional<Agreement> current = c.currentAgreement();
    if (current.isPresent()) {
      String value = c.code().value() + ":" + current.get().version();
      reminder
          .text(Texts.get(lang, "prompt.kickoff.confirm", current.get().version()))
          .note(Texts.get(lang, "prompt.kickoff.why"))
          .button(
              Texts.get(lang, "button.read", current.get().version()),
              Actions.READ_AGREEMENT,
              value)
          .primary(
              Texts.get(lang, "button.confirm", current.get().version()), Actions.CONFIRM, value);
    } else {
      reminder
          .text(Texts.get(lang, "prompt.kickoff.propose"))
          .note(Texts.get(lang, "prompt.kickoff.why"))
          .primary(
              Texts.get(lang, "button.propose-goal"),
              Actions.OPEN_FORM,
              Forms.GOAL + " " + c.code().value());
    }
    return Optional.of(reminder);
  }

  private Optional<Reply.Builder> voice(Case c, DuePrompt prompt, Language lang) {
    int seq = (int) (prompt.round() % 1000);
    Optional<Partner> represented =
        c.partner(seq)
            .filter(p -> p.active() && prompt.person().equals(p.representedBy()))
            .filter(
                p ->
                    p.voice() == null
                        || c.agreements()
                            .agreedAt()
                            .filter(a -> p.voice().recordedAt().isBefore(a))
                            .isPresent());
    // A view the family shared themselves (through their page) is asked again through a new link.
    return represented.map(
        p ->
            Reply.builder()
                .heading(Texts.get(lang, "prompt.voice.title", p.displayName(), cards.title(c)))
                .text(
                    p.voice() != null && p.voice().recordedBySeq() == p.seq()
                        ? Texts.get(lang, "prompt.voice.family", p.handle())
                        : Texts.get(lang, "prompt.voice.text"))
                .primary(
                    Texts.get(lang, "button.record-voice"),
                    Actions.OPEN_FORM,
                    Forms.VOICE + " " + c.code().value() + " P" + p.seq()));
  }

  private Optional<Reply.Builder> teamCheck(Case c, Partner to, Language lang) {
    if (c.coordinator().filter(p -> p.seq() == to.seq()).isEmpty()) {
      return Optional.empty();
    }
    Reply.Builder check =
        Reply.builder()
            .heading(Texts.get(lang, "prompt.team-check.title", cards.title(c)))
            .text(Texts.get(lang, "prompt.team-check.text"))
            .note(Texts.get(lang, "prompt.team-check.why"))
            .primary(Texts.get(lang, "button.team-same"), Actions.TEAM_SAME, c.code().value());
    for (Partner p : c.partners()) {
      if (p.active() && p.hasAccount() && p.seq() != to.seq()) {
        check.button(
            Texts.get(lang, "button.team-left", p.displayName()),
            Actions.TEAM_LEFT,
            c.code().value() + " " + p.seq());
      }
    }
    return Optional.of(check);
  }

  private Optional<Reply.Builder> kickoffEscalation(Case c, Partner to, Language lang) {
    if (c.coordinator().filter(p -> p.seq() == to.seq()).isEmpty()) {
      return Optional.empty();
    }
    List<Partner> missing = Planner.othersMissing(c, to);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String names = missing.stream().map(Partner::displayName).collect(Collectors.joining(", "));
    return Optional.of(
        Reply.builder()
            .heading(Texts.get(lang, "prompt.escalation.title", cards.title(c)))
            .text(Texts.get(lang, "prompt.escalation.missing", missing.size(), names))
            .note(Texts.get(lang, "prompt.escalation.private")));
  }

  private Optional<Reply.Builder> update(Case c, DuePrompt prompt, Partner to, Language lang) {
    if (!to.confirms() || planner.updateWaitStart(c, to).toEpochDay() != prompt.round()) {
      // They gave news since this was planned: the wait it was about is over.
      return Optional.empty();
    }
    return Optional.of(
        Reply.builder()
            .heading(Texts.get(lang, "prompt.update.title", cards.title(c)))
            .text(Texts.get(lang, "prompt.update.text"))
            .note(Texts.get(lang, "prompt.update.why", Planner.updateEverySchoolDays(c)))
            .primary(
                Texts.get(lang, "button.post-update"),
                Actions.OPEN_FORM,
                Forms.UPDATE + " " + c.code().value())
            .button(Texts.get(lang, "button.nothing-new"), Actions.NOTHING_NEW, c.code().value()));
  }

  private Optional<Reply.Builder> feedback(Case c, DuePrompt prompt, Partner to, Language lang) {
    Optional<FeedbackRequest> request =
        c.activity().feedback((int) prompt.round()).filter(f -> f.waitingFor().contains(to.seq()));
    if (request.isEmpty()) {
      return Optional.empty();
    }
    String from = c.partner(request.get().fromSeq()).map(Partner::displayName).orElse("?");
    String value = c.code().value() + ":" + request.get().number();
    return Optional.of(
        Reply.builder()
            .heading(Texts.get(lang, "prompt.feedback.title", cards.title(c)))
            .text(
                Texts.get(
                    lang, "prompt.feedback.text", from, cards.date(request.get().postedAt(), lang)))
            .primary(Texts.get(lang, "button.answered"), Actions.FEEDBACK_ANSWERED, value)
            .button(Texts.get(lang, "button.seen"), Actions.FEEDBACK_SEEN, value));
  }

  private Optional<Reply.Builder> checkIn(Case c, DuePrompt prompt, Partner to, Language lang) {
    Optional<CheckInRound> round =
        c.activity().checkIn((int) prompt.round()).filter(r -> CheckIns.waitsFor(r, to.seq()));
    if (round.isEmpty()) {
      return Optional.empty();
    }
    CheckInRound open = round.get();
    String text =
        switch (prompt.kind()) {
          case CHECK_IN_REMINDER ->
              Texts.get(
                  lang,
                  "prompt.check-in.reminder",
                  open.number(),
                  cards.date(open.closesAt(), lang));
          default -> Texts.get(lang, "prompt.check-in.text", cards.date(open.closesAt(), lang));
        };
    if (prompt.kind() == PromptKind.CHECK_IN_INVITE) {
      // The invitation opens the check-in for its person: it says how it fits around a holiday.
      Optional<String> holiday =
          cards.holidayNote(planner.checkInWindow(c, open), "check-in", lang);
      if (holiday.isPresent()) {
        text = text + " " + holiday.get();
      }
    }
    return Optional.of(CheckIns.card(c, open, to.seq(), cards, lang, text));
  }
}
