package kring.core.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.CaseRole;
import kring.core.partners.Permission;
import kring.scheduler.calendar.WorkingHours;

/**
 * The commands of a case that change its {@link CaseSettings}: hours, free days, holidays, rhythm
 * and transitions. Each checks the actor's role, lets the settings make the change and records a
 * typed audit line; they are called on the {@link Case}, the only class that has them.
 */
sealed interface SettingsCommands permits Case {

  /** The coordinator or backup sets when on a school day the case's prompts may come. */
  default Case setHours(UserRef actor, WorkingHours hours, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_SCHEDULES);
    CaseSettings settings = self.settings();
    return settings.hours().equals(hours)
        ? self
        : self.changed(
            settings.withHours(hours),
            now,
            self.seqOf(actor),
            AuditEvent.HOURS_SET,
            hours.start(),
            hours.end());
  }

  /** A school partner, the coordinator or the backup adds a free day of the school's own. */
  default Case addFreeDay(UserRef actor, LocalDate day, LocalDate today, Instant now) {
    Case self = self();
    requireMayChangeFreeDays(self, actor);
    CaseSettings added = self.settings().freeDayAdded(day, today);
    return self.changed(added, now, self.seqOf(actor), AuditEvent.FREE_DAY_ADDED, day);
  }

  /** Removes a school free day again; removing one the case does not have changes nothing. */
  default Case removeFreeDay(UserRef actor, LocalDate day, Instant now) {
    Case self = self();
    requireMayChangeFreeDays(self, actor);
    CaseSettings settings = self.settings();
    return !settings.freeDays().contains(day)
        ? self
        : self.changed(
            settings.freeDayRemoved(day), now, self.seqOf(actor), AuditEvent.FREE_DAY_REMOVED, day);
  }

  /** The coordinator or backup lets prompts skip school holidays, or (no school partner) not. */
  default Case skipHolidays(UserRef actor, boolean skip, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_SCHEDULES);
    if (!skip && !self.team().youthCareOnly()) {
      throw new Refusal(RefusalReason.HOLIDAYS_SCHOOL_CASE);
    }
    AuditEvent event = skip ? AuditEvent.HOLIDAYS_SKIPPED : AuditEvent.HOLIDAYS_WORKED;
    CaseSettings settings = self.settings();
    return settings.holidaysSkipped() == skip
        ? self
        : self.changed(settings.withHolidaysSkipped(skip), now, self.seqOf(actor), event);
  }

  /** The coordinator or backup sets the rhythm, or with null returns to the agreement's. */
  default Case setCadence(UserRef actor, Cadence cadence, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_SCHEDULES);
    CaseSettings set = self.settings().withCadence(cadence);
    return Objects.equals(self.settings().cadence(), cadence)
        ? self
        : cadence == null
            ? self.changed(set, now, self.seqOf(actor), AuditEvent.CADENCE_AGREED)
            : self.changed(
                set,
                now,
                self.seqOf(actor),
                AuditEvent.CADENCE_SET,
                cadence.checkInWeeks(),
                cadence.reflectionWeeks());
  }

  /** A partner who acts records a known transition (see {@link CaseSettings#transitionAdded}). */
  default Case addTransition(UserRef actor, Transition transition, LocalDate today, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.RECORD_TRANSITION, RefusalReason.TRANSITION_WHO);
    CaseSettings added = self.settings().transitionAdded(transition, today);
    return self.changed(
        added,
        now,
        self.seqOf(actor),
        AuditEvent.TRANSITION_ADDED,
        transition.on(),
        transition.kind());
  }

  /** A partner who acts removes the transition numbered {@code number} from today on. */
  default Case removeTransition(UserRef actor, int number, LocalDate today, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.RECORD_TRANSITION, RefusalReason.TRANSITION_WHO);
    CaseSettings settings = self.settings();
    Transition gone = settings.upcomingTransition(number, today);
    return self.changed(
        settings.transitionRemoved(number, today),
        now,
        self.seqOf(actor),
        AuditEvent.TRANSITION_REMOVED,
        gone.on(),
        gone.kind());
  }

  /** A school knows its own free days: its partners may set them, besides the coordination. */
  private static void requireMayChangeFreeDays(Case kase, UserRef actor) {
    kase.requireOpen();
    if (kase.permission(actor, Action.CHANGE_CADENCE) != Permission.ALLOWED
        && !(kase.roleOf(actor) == CaseRole.PARTNER && kase.team().fromSchool(actor))) {
      throw new Refusal(RefusalReason.FREE_DAY_WHO);
    }
  }

  private Case self() {
    return (Case) this;
  }
}
