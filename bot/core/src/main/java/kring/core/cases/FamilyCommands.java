package kring.core.cases;

import java.time.Instant;
import java.time.LocalDate;
import kring.core.consent.ConsentRegister;
import kring.core.consent.ConsentTerms;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Voice;

/**
 * The commands of a case through which a represented pupil or parent speaks for themselves: their
 * representative hands them a private link, they answer and give consent on its page, and the
 * representative shares their view. The link itself is kept outside the case; the audit trail says
 * only that it was given, never what was answered.
 */
sealed interface FamilyCommands permits Case {

  /** The representative hands the represented person a new private link (or takes it back). */
  default Case familyLink(UserRef actor, int seq, boolean given, Instant now) {
    Case self = self();
    Partner represented = requireRepresentative(self, actor, seq);
    AuditEvent event = given ? AuditEvent.FAMILY_LINK_GIVEN : AuditEvent.FAMILY_LINK_REVOKED;
    return self.recorded(now, self.seqOf(actor), event, represented.handle());
  }

  /** The represented person sent their answers through their link; what they said is not kept. */
  default Case familyAnswered(int seq, Instant now) {
    Case self = self();
    self.requireOpen();
    Partner represented = self.team().representedPerson(seq);
    return self.recorded(now, seq, AuditEvent.FAMILY_ANSWERED, represented.handle());
  }

  /**
   * The represented person gave a consent themselves, on their page: it is recorded as given by
   * them, with the wording they saw as its purpose. The same terms twice have one effect.
   */
  default Case familyConsent(int seq, ConsentTerms terms, LocalDate today, Instant now) {
    Case self = self();
    self.requireOpen();
    Partner represented = self.team().representedPerson(seq);
    for (int towards : terms.towardsPartners()) {
      if (self.partner(towards).isEmpty()) {
        throw new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + towards);
      }
    }
    ConsentRegister consents = self.consents();
    if (consents.holds(terms, today)) {
      return self;
    }
    ConsentRegister more =
        consents
            .add(terms, seq, now, today)
            .orElseThrow(() -> new Refusal(RefusalReason.CONSENT_FULL, ConsentRegister.LIMIT));
    return self.changed(
        more,
        now,
        seq,
        AuditEvent.FAMILY_CONSENT_GIVEN,
        more.nextNumber() - 1,
        represented.handle());
  }

  /**
   * The representative shares the represented person's own view with the partners: it becomes their
   * voice, recorded by themselves on the day they gave it.
   */
  default Case shareFamilyView(
      UserRef actor, int seq, String onGoal, String onCollab, Instant givenAt, Instant now) {
    Case self = self();
    Partner represented = requireRepresentative(self, actor, seq);
    Team voiced = self.team().voiced(seq, new Voice(onGoal, onCollab, seq, givenAt));
    return self.changed(
        voiced, now, self.seqOf(actor), AuditEvent.FAMILY_VIEW_SHARED, represented.handle());
  }

  private Case self() {
    return (Case) this;
  }

  private static Partner requireRepresentative(Case self, UserRef actor, int seq) {
    self.requireAllowedOpen(actor, Action.GIVE_FAMILY_LINK, RefusalReason.FAMILY_LINK_NOT_YOURS);
    Partner represented = self.team().representedPerson(seq);
    if (!actor.equals(represented.representedBy())) {
      throw new Refusal(RefusalReason.FAMILY_LINK_NOT_YOURS);
    }
    return represented;
  }
}
