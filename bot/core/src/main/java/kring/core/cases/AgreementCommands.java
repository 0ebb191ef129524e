package kring.core.cases;

import java.time.Instant;
import kring.core.agreement.Agreement.Draft;
import kring.core.identity.UserRef;
import kring.core.partners.Action;

/**
 * The commands of a case that change its {@link Agreements}: proposing a version and confirming it.
 * Each checks the actor's role, lets the agreements make the change and records a typed audit line;
 * they are called on the {@link Case}, the only class that has them.
 */
sealed interface AgreementCommands permits Case {

  /** Proposes a new agreement version built on {@code baseVersion} (see {@link Agreements}). */
  default Case propose(UserRef actor, Draft draft, int baseVersion, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.PROPOSE_AGREEMENT, RefusalReason.NOT_A_PARTNER);
    int by = self.seqOf(actor);
    Agreements more = self.agreements().proposed(draft, baseVersion, by, self.team(), now);
    return self.changed(more, now, by, AuditEvent.AGREEMENT_PROPOSED, more.currentVersion());
  }

  /**
   * A partner confirms the current version; twice has one effect. Once every confirming partner
   * confirmed a complete version it is the agreed version, and an intake case becomes active.
   */
  default Case confirm(UserRef actor, int version, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CONFIRM_AGREEMENT, RefusalReason.NOT_A_PARTNER);
    int by = self.seqOf(actor);
    Agreements confirmed = self.agreements().confirmed(version, by, now);
    Case after = self.changed(confirmed, now, by, AuditEvent.AGREEMENT_CONFIRMED, version);
    if (after == self || !confirmed.confirmedByAll(self.confirmingPartners())) {
      return after;
    }
    after =
        after.with(confirmed.agreedOnCurrent()).recorded(now, AuditEvent.AGREEMENT_AGREED, version);
    return self.status() != CaseStatus.INTAKE
        ? after
        : after.with(self.lifecycle().agreed()).recorded(now, AuditEvent.CASE_ACTIVE);
  }

  private Case self() {
    return (Case) this;
  }
}
