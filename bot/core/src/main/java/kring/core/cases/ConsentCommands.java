package kring.core.cases;

import java.time.Instant;
import java.time.LocalDate;
import kring.core.consent.ConsentRegister;
import kring.core.consent.ConsentTerms;
import kring.core.consent.Withdrawal;
import kring.core.identity.UserRef;
import kring.core.partners.Action;

/**
 * The commands of a case that change its {@link ConsentRegister}: recording a consent for sharing
 * and its withdrawal. Each checks the actor's role, lets the register make the change and records a
 * typed audit line; they are called on the {@link Case}, the only class that has them.
 */
sealed interface ConsentCommands permits Case {

  /**
   * A partner records a consent (or another ground) for sharing: the record, never the evidence.
   * The same terms twice while the first still holds have one effect.
   *
   * @param today the day it is where the case is kept, to tell which records still hold
   */
  default Case recordConsent(UserRef actor, ConsentTerms terms, LocalDate today, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.RECORD_CONSENT, RefusalReason.CONSENT_WHO);
    for (int seq : terms.towardsPartners()) {
      if (self.partner(seq).isEmpty()) {
        throw new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + seq);
      }
    }
    if (terms.informedOn().isAfter(today)) {
      throw new Refusal(RefusalReason.CONSENT_INFORMED_FUTURE);
    }
    if (terms.validUntil() != null && terms.validUntil().isBefore(today)) {
      throw new Refusal(RefusalReason.CONSENT_ENDED);
    }
    ConsentRegister consents = self.consents();
    if (consents.holds(terms, today)) {
      return self;
    }
    ConsentRegister more =
        consents
            .add(terms, self.seqOf(actor), now, today)
            .orElseThrow(() -> new Refusal(RefusalReason.CONSENT_FULL, ConsentRegister.LIMIT));
    return self.changed(
        more,
        now,
        self.seqOf(actor),
        AuditEvent.CONSENT_RECORDED,
        more.nextNumber() - 1,
        terms.givenBy(),
        terms.basis());
  }

  /** A partner records that a consent was withdrawn; withdrawing it twice has one effect. */
  default Case withdrawConsent(UserRef actor, int number, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.RECORD_CONSENT, RefusalReason.CONSENT_WHO);
    ConsentRegister consents = self.consents();
    var record =
        consents
            .record(number)
            .orElseThrow(() -> new Refusal(RefusalReason.CONSENT_UNKNOWN, number));
    if (record.withdrawn()) {
      return self;
    }
    ConsentRegister withdrawn = consents.withdraw(number, new Withdrawal(self.seqOf(actor), now));
    return self.changed(withdrawn, now, self.seqOf(actor), AuditEvent.CONSENT_WITHDRAWN, number);
  }

  private Case self() {
    return (Case) this;
  }
}
