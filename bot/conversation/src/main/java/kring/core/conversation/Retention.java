package kring.core.conversation;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.People;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Recipient;
import kring.core.partners.Partner;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.privacy.RetentionPeriods;
import kring.core.reply.Reply;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;

/**
 * The retention clock, run by every node from time to time: erases the cases two partners agreed to
 * erase and the closed cases whose retention period is over, asks the coordinator of a case nobody
 * acted in for long whether it can close, and closes it when nobody answers. Each step reads only
 * what is due from the {@link RetentionIndex}.
 */
public final class Retention {

  /** How many cases one run handles per step; the rest wait for the next run. */
  static final int BATCH = 100;

  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d/M/yyyy");

  private final Cases cases;
  private final People people;
  private final Outbox outbox;
  private final Erasure erasure;
  private final RetentionIndex index;
  private final RetentionPeriods periods;
  private final Clock clock;
  private final Schedule schedule;
  private final Runnable outboxWritten;
  private final Commits commits;

  /**
   * @param schedule planned again for a case Kring closes, so its prompts stop
   * @param outboxWritten called after messages were written, to deliver them soon
   * @param store commits a case Kring closes with what it says and its plan
   */
  public Retention(
      Cases cases,
      People people,
      Outbox outbox,
      Erasure erasure,
      RetentionIndex index,
      RetentionPeriods periods,
      Clock clock,
      Schedule schedule,
      Runnable outboxWritten,
      CaseStore store) {
    this.commits = new Commits(cases, store, schedule::plan);
    this.cases = cases;
    this.people = people;
    this.outbox = outbox;
    this.erasure = erasure;
    this.index = index;
    this.periods = periods;
    this.clock = clock;
    this.schedule = schedule;
    this.outboxWritten = outboxWritten;
  }

  /** One run: everything that came due since the last. */
  public void runDue() {
    Instant now = clock.instant();
    erasure.finishRewrites();
    for (CaseCode code : index.erasuresDue(now, BATCH)) {
      eraseIfClosed(code, now);
    }
    for (CaseCode code : index.closedBefore(before(now, periods.closedCase()), BATCH)) {
      eraseIfClosed(code, now);
    }
    for (CaseCode code : index.askedBefore(before(now, periods.closeAfterAsking()), BATCH)) {
      closeQuiet(code, now);
    }
    for (CaseCode code : index.quietSince(before(now, periods.inactiveAfter()), BATCH)) {
      askToClose(code, now);
    }
  }

  /**
   * At start: erases again every erased case whose records are back, and forgets again every person
   * Kring forgot in a case that names them again, as after restoring a backup made before the
   * erasure.
   *
   * @return how many cases were erased again
   */
  public int eraseReappeared() {
    int again = 0;
    for (CaseCode code : erasure.reappeared()) {
      LOG.info(() -> "Case " + code.value() + " was erased before and is back; erasing it again");
      erasure.erase(code);
      index.forget(code);
      again++;
    }
    forgetReappeared();
    return again;
  }

  /**
   * Forgets again, silently (the channel was told the first time), every person Kring forgot in a
   * case that names them again; the case is planned anew in the same commit.
   *
   * @return how many people were forgotten again in a case
   */
  public int forgetReappeared() {
    int again = 0;
    for (Erasure.Forgotten back : erasure.forgottenBack()) {
      LOG.info(
          () ->
              "A person forgotten in case "
                  + back.code().value()
                  + " is back in it; forgetting them again");
      commits.change(
          back.code(),
          c ->
              new Change(
                  c.team().names(back.person()) ? c.forget(back.person(), back.at()) : c,
                  List.of()));
      erasure.forget(
          back.code(), back.person(), back.at(), cases.findNaming(back.person()).isEmpty());
      again++;
    }
    erasure.forgetPeopleBack();
    return again;
  }

  /**
   * Only a closed case (or what is left of one) is erased; an index that says otherwise is fixed.
   */
  private void eraseIfClosed(CaseCode code, Instant now) {
    Optional<Case> c = cases.find(code);
    if (c.isPresent() && c.get().status() != CaseStatus.CLOSED) {
      LOG.warning(() -> "Case " + code.value() + " is due for erasure but open; not erasing it");
      index.forget(code);
      index.active(code, now);
      return;
    }
    erasure.erase(code);
    index.forget(code);
  }

  private void askToClose(CaseCode code, Instant now) {
    Optional<Case> found = cases.find(code);
    if (found.isEmpty()) {
      index.forget(code);
      return;
    }
    Case c = found.get();
    if (c.status() == CaseStatus.CLOSED) {
      index.closed(code, now);
      return;
    }
    Optional<Partner> asked = c.coordinator().or(c::backup);
    // The question comes like every message Kring sends on its own: within the school days and
    // hours and the share of the one asked; until then the next run tries again.
    if (asked.isPresent() && !schedule.mayWrite(c, asked.get().user(), now)) {
      return;
    }
    if (!index.asked(code, now) || asked.isEmpty()) {
      // Asked already, or nobody to ask: the case closes after the same wait.
      return;
    }
    Language lang = people.language(asked.get().user()).orElse(c.language());
    ZoneId zone = clock.getZone();
    String by = DAY.format(now.atZone(zone).plus(periods.closeAfterAsking()));
    Reply question =
        Reply.builder()
            .text(Texts.get(lang, "retention.ask", code.value(), by))
            .primary(Texts.get(lang, "button.retention.close"), Actions.QUIET_CLOSE, code.value())
            .button(Texts.get(lang, "button.retention.keep"), Actions.QUIET_KEEP, code.value())
            .build();
    send(
        c,
        Recipient.privately(c.channel(), asked.get().user()),
        question,
        MessageKind.REMINDER,
        now);
  }

  private void closeQuiet(CaseCode code, Instant now) {
    Optional<Case> found = cases.find(code);
    if (found.isEmpty()) {
      index.forget(code);
      return;
    }
    // The notice is posted on a school day within the case's hours; the next run tries again.
    if (found.get().status() != CaseStatus.CLOSED && !schedule.mayPost(found.get(), now)) {
      return;
    }
    if (!index.closed(code, now) || found.get().status() == CaseStatus.CLOSED) {
      return;
    }
    commits.change(
        code,
        c -> {
          if (c.status() == CaseStatus.CLOSED) {
            return Change.none(c);
          }
          Case closed = c.closeForInactivity(now);
          Reply notice =
              Reply.text(Texts.get(closed.language(), "retention.closed-inactive", code.value()));
          return new Change(
              closed, List.of(OutboundMessage.inChannel(closed.channel(), notice, code, now)));
        });
    outboxWritten.run();
  }

  private void send(Case c, Recipient to, Reply reply, MessageKind kind, Instant now) {
    outbox.enqueue(
        new OutboundMessage(UUID.randomUUID().toString(), to, reply, kind, c.code(), now));
    outboxWritten.run();
  }

  private Instant before(Instant now, Period period) {
    return now.atZone(clock.getZone()).minus(period).toInstant();
  }
}
