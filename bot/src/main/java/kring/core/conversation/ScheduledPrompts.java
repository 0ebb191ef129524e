package kring.core.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import kring.core.agreement.Agreement;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Recipient;
import kring.core.partners.Partner;
import kring.core.reply.Reply;
import kring.core.schedule.DuePrompt;
import kring.core.schedule.DuePrompts;
import kring.core.schedule.Planner;

/**
 * Sends the prompts that came due, on any node: claims them from the due list, checks that each is
 * still relevant and still in its validity window, and writes one private message per prompt to the
 * outbox as a reminder (at most once). Also plans a case again after it changed.
 */
public final class ScheduledPrompts {

  private static final Logger LOG = Logger.getLogger(ScheduledPrompts.class.getName());
  private static final int BATCH = 200;

  private final Cases cases;
  private final People people;
  private final DuePrompts due;
  private final Outbox outbox;
  private final Planner planner;
  private final Clock clock;
  private final Runnable outboxWritten;
  private final Cards cards;

  public ScheduledPrompts(
      Cases cases,
      People people,
      DuePrompts due,
      Outbox outbox,
      Planner planner,
      Clock clock,
      Runnable outboxWritten) {
    this.cases = cases;
    this.people = people;
    this.due = due;
    this.outbox = outbox;
    this.planner = planner;
    this.clock = clock;
    this.outboxWritten = outboxWritten;
    this.cards = new Cards(clock.getZone());
  }

  /** Plans the case again: what it should get from now on replaces what was planned. */
  public void replan(Case c) {
    if (c.status() == CaseStatus.CLOSED) {
      due.forget(c.code());
    } else {
      due.replace(c.code(), planner.plan(c, clock.instant()));
    }
  }

  /**
   * Claims and sends everything due now.
   *
   * @return how many messages were written to the outbox
   */
  public int runDue() {
    int sent = 0;
    while (true) {
      Instant now = clock.instant();
      List<DuePrompt> claimed = due.claim(now, BATCH);
      // Prompts of one case come due together (each partner's reminder): read each case once.
      // Read every case and every person's language of the batch in one go each.
      Map<CaseCode, Case> read =
          cases.findAll(claimed.stream().map(DuePrompt::caseCode).collect(Collectors.toSet()));
      Map<UserRef, Language> languages =
          people.languages(claimed.stream().map(DuePrompt::person).collect(Collectors.toSet()));
      List<OutboundMessage> messages = new ArrayList<>();
      for (DuePrompt prompt : claimed) {
        message(prompt, Optional.ofNullable(read.get(prompt.caseCode())), languages, now)
            .ifPresent(messages::add);
      }
      outbox.enqueueAll(messages);
      sent += messages.size();
      if (claimed.size() < BATCH) {
        if (sent > 0) {
          outboxWritten.run();
        }
        return sent;
      }
    }
  }

  /** A prompt as the log names it: its case, kind and step, never the person (who is in its id). */
  private static String named(DuePrompt prompt) {
    return prompt.caseCode() + " " + prompt.kind() + " " + prompt.step();
  }

  /** The reminder this prompt should send now, if it is still relevant and may go out now. */
  private Optional<OutboundMessage> message(
      DuePrompt prompt, Optional<Case> found, Map<UserRef, Language> languages, Instant now) {
    if (prompt.expiredAt(now)) {
      LOG.info(
          () -> "Dropped " + named(prompt) + ": no longer relevant since " + prompt.validUntil());
      return Optional.empty();
    }
    if (found.isEmpty() || found.get().status() != CaseStatus.INTAKE || found.get().paused()) {
      return Optional.empty();
    }
    Case c = found.get();
    Instant sendable = planner.calendarOf(c).sendable(now);
    if (!sendable.equals(now)) {
      // Claimed outside working hours (Kring was down when it came due): the next good moment,
      // if the prompt is still worth sending then.
      if (prompt.expiredAt(sendable)) {
        LOG.info(() -> "Dropped " + named(prompt) + ": its window closes before a school morning");
      } else {
        due.later(prompt, sendable);
      }
      return Optional.empty();
    }
    Language lang = languages.getOrDefault(prompt.person(), c.language());
    Optional<Reply> reply =
        switch (prompt.kind()) {
          case KICKOFF_REMINDER -> kickoffReminder(c, prompt, lang);
          case KICKOFF_ESCALATION -> kickoffEscalation(c, prompt, lang);
        };
    return reply.map(
        r ->
            new OutboundMessage(
                UUID.randomUUID().toString(),
                Recipient.privately(c.channel(), prompt.person()),
                r,
                MessageKind.REMINDER,
                c.code(),
                now));
  }

  private Optional<Reply> kickoffReminder(Case c, DuePrompt prompt, Language lang) {
    Optional<Partner> partner =
        Planner.missingConfirmations(c).stream().filter(p -> p.is(prompt.person())).findFirst();
    if (partner.isEmpty()) {
      return Optional.empty();
    }
    Reply.Builder reminder =
        Reply.builder().heading(Texts.get(lang, "prompt.kickoff.title", cards.title(c)));
    Optional<Agreement> current = c.currentAgreement();
    if (current.isPresent()) {
      String value = c.code().value() + ":" + current.get().version();
      reminder
          .text(Texts.get(lang, "prompt.kickoff.confirm", current.get().version()))
          .button(
              Texts.get(lang, "button.read", current.get().version()),
              Actions.READ_AGREEMENT,
              value)
          .primary(
              Texts.get(lang, "button.confirm", current.get().version()), Actions.CONFIRM, value);
    } else {
      reminder
          .text(Texts.get(lang, "prompt.kickoff.propose"))
          .primary(Texts.get(lang, "button.propose-goal"), Actions.OPEN_FORM, Forms.GOAL);
    }
    return Optional.of(reminder.note(Texts.get(lang, "prompt.kickoff.why")).build());
  }

  private Optional<Reply> kickoffEscalation(Case c, DuePrompt prompt, Language lang) {
    Optional<Partner> coordinator = c.coordinator().filter(p -> p.is(prompt.person()));
    if (coordinator.isEmpty()) {
      return Optional.empty();
    }
    List<Partner> missing = Planner.othersMissing(c, coordinator.get());
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String names = missing.stream().map(Partner::displayName).collect(Collectors.joining(", "));
    return Optional.of(
        Reply.builder()
            .heading(Texts.get(lang, "prompt.escalation.title", cards.title(c)))
            .text(Texts.get(lang, "prompt.escalation.missing", missing.size(), names))
            .note(Texts.get(lang, "prompt.escalation.private"))
            .build());
  }
}
