package kring.core.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kring.core.consent.ConsentRecord;
import kring.core.consent.ConsentRegister;
import kring.core.consent.ConsentTerms;
import kring.core.consent.InfoKind;
import kring.core.consent.Withdrawal;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Declined;
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
    Partner represented =
        requireRepresentative(self, actor, seq, RefusalReason.FAMILY_LINK_NOT_YOURS);
    AuditEvent event = given ? AuditEvent.FAMILY_LINK_GIVEN : AuditEvent.FAMILY_LINK_REVOKED;
    return self.recorded(now, self.seqOf(actor), event, represented.handle());
  }

  /**
   * The representative writes the goal in plain words for the person they represent, shown on that
   * person's page instead of the partners' own wording; null or blank takes it away. The audit
   * trail says only that it was written, never the words.
   */
  default Case familyGoal(UserRef actor, int seq, String goal, Instant now) {
    Case self = self();
    requireRepresentative(self, actor, seq, RefusalReason.FAMILY_GOAL_NOT_YOURS);
    String text = goal == null || goal.isBlank() ? null : goal.strip();
    if (text != null && text.length() > Partner.FAMILY_GOAL_MAX) {
      throw new Refusal(RefusalReason.FAMILY_GOAL_LONG, Partner.FAMILY_GOAL_MAX);
    }
    Partner represented = self.team().representedPerson(seq);
    if (Objects.equals(text, represented.familyGoal())) {
      return self;
    }
    Team written = self.team().changed(seq, p -> p.withFamilyGoal(text));
    AuditEvent event =
        text == null ? AuditEvent.FAMILY_GOAL_REMOVED : AuditEvent.FAMILY_GOAL_WRITTEN;
    return self.changed(written, now, self.seqOf(actor), event, represented.handle());
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
   * them, with the wording they saw as its purpose. A consent of theirs that still holds for the
   * same kind of information and partner is not recorded again; an earlier "no" of theirs to it is
   * forgotten.
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
    List<Declined> no =
        represented.familyNo().stream()
            .filter(
                d ->
                    !(terms.kinds().stream().anyMatch(k -> k.name().equals(d.kind()))
                        && terms.towardsPartners().contains(d.towardsSeq())))
            .toList();
    Case before = self.with(self.team().changed(seq, p -> p.withFamilyNo(no)));
    ConsentRegister consents = before.consents();
    boolean held =
        terms.kinds().stream()
            .allMatch(
                kind ->
                    terms.towardsPartners().stream()
                        .allMatch(towards -> ownConsent(before, seq, kind, towards, today)));
    if (held || consents.holds(terms, today)) {
      return before;
    }
    ConsentRegister more =
        consents
            .add(terms, seq, now, today)
            .orElseThrow(() -> new Refusal(RefusalReason.CONSENT_FULL, ConsentRegister.LIMIT));
    return before.changed(
        more,
        now,
        seq,
        AuditEvent.FAMILY_CONSENT_GIVEN,
        more.nextNumber() - 1,
        represented.handle());
  }

  /**
   * The represented person said no on their page to sharing this kind of information with this
   * partner. Each consent they gave there themselves that covers it is withdrawn, recorded as
   * withdrawn by them at this moment; their "no" is kept, so that their next page shows it again. A
   * consent a partner recorded for them stays: that one is withdrawn through the partner.
   */
  default Case familyDeclined(int seq, InfoKind kind, int towards, LocalDate today, Instant now) {
    Case self = self();
    self.requireOpen();
    Partner represented = self.team().representedPerson(seq);
    if (self.partner(towards).isEmpty()) {
      throw new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + towards);
    }
    Declined said = new Declined(kind.name(), towards);
    Case after = self;
    if (!represented.familyNo().contains(said)) {
      List<Declined> no = new ArrayList<>(represented.familyNo());
      no.add(said);
      after = self.with(self.team().changed(seq, p -> p.withFamilyNo(no)));
    }
    for (ConsentRecord record : self.consents().inForce(today)) {
      if (record.recordedBySeq() == seq
          && record.terms().kinds().contains(kind)
          && record.terms().towardsPartners().contains(towards)) {
        after =
            after.changed(
                after.consents().withdraw(record.number(), new Withdrawal(seq, now)),
                now,
                seq,
                AuditEvent.FAMILY_CONSENT_WITHDRAWN,
                record.number(),
                represented.handle());
      }
    }
    return after;
  }

  /** Whether a consent the person gave themselves holds for this kind and partner today. */
  private static boolean ownConsent(Case c, int seq, InfoKind kind, int towards, LocalDate today) {
    return c.consents().inForce(today).stream()
        .anyMatch(
            r ->
                r.recordedBySeq() == seq
                    && r.terms().kinds().contains(kind)
                    && r.terms().towardsPartners().contains(towards));
  }

  /**
   * The representative shares the represented person's own view with the partners: it becomes their
   * voice, recorded by themselves on the day they gave it.
   */
  default Case shareFamilyView(
      UserRef actor, int seq, String onGoal, String onCollab, Instant givenAt, Instant now) {
    Case self = self();
    Partner represented =
        requireRepresentative(self, actor, seq, RefusalReason.FAMILY_LINK_NOT_YOURS);
    Team voiced = self.team().voiced(seq, new Voice(onGoal, onCollab, seq, givenAt));
    return self.changed(
        voiced, now, self.seqOf(actor), AuditEvent.FAMILY_VIEW_SHARED, represented.handle());
  }

  private Case self() {
    return (Case) this;
  }

  private static Partner requireRepresentative(
      Case self, UserRef actor, int seq, RefusalReason notYours) {
    self.requireAllowedOpen(actor, Action.GIVE_FAMILY_LINK, notYours);
    Partner represented = self.team().representedPerson(seq);
    if (!actor.equals(represented.representedBy())) {
      throw new Refusal(notYours);
    }
    return represented;
  }
}
