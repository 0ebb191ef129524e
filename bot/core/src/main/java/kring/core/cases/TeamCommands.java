package kring.core.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.JoinRequest;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.partners.Voice;

/**
 * The commands of a case that change its {@link Team}: joining, introducing, representing, leaving,
 * being forgotten and being reachable. Each checks the actor's role, lets the team make the change
 * and records a typed audit line; they are called on the {@link Case}, the only class that has
 * them.
 */
sealed interface TeamCommands permits Case {

  /** A channel member asks to join; asking again replaces the earlier request. */
  default Case askToJoin(JoinRequest request) {
    Case self = self();
    self.requireOpen();
    return self.changed(
        self.team().asked(request), request.at(), 0, AuditEvent.JOIN_ASKED, request.role());
  }

  /** The coordinator or backup accepts a join request; accepting twice has one effect. */
  default Case acceptJoin(UserRef actor, UserRef applicant, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    if (self.partner(applicant).isPresent()) {
      return self;
    }
    // When they asked names the request's line, which has no partner number yet.
    String asked = self.team().joinRequest(applicant).map(r -> r.at().toString()).orElse("");
    Team joined = self.team().accepted(applicant, now);
    return self.changed(
        joined, now, self.seqOf(actor), AuditEvent.JOIN_ACCEPTED, joined.joined().handle(), asked);
  }

  /** The coordinator or backup declines a join request; declining a gone request is a no-op. */
  default Case declineJoin(UserRef actor, UserRef applicant, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    Team team = self.team();
    return team.joinRequest(applicant).isEmpty()
        ? self
        : self.changed(team.declined(applicant), now, self.seqOf(actor), AuditEvent.JOIN_DECLINED);
  }

  /** A partner tells the others who they are and what their role is. */
  default Case introduce(
      UserRef actor, String name, String organisation, Sector sector, Role role, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.INTRODUCE_SELF, RefusalReason.NOT_A_PARTNER);
    Partner before = self.partner(actor).orElseThrow();
    Team introduced = self.team().introduced(before.seq(), name, organisation, sector, role);
    return self.changed(introduced, now, before.seq(), AuditEvent.INTRODUCED, role);
  }

  /** The coordinator or backup adds a person without an account (see {@link Team#represented}). */
  default Case represent(
      UserRef actor, String label, Role role, int representativeSeq, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    Team more = self.team().represented(label, role, representativeSeq, now);
    String voice = more.partner(representativeSeq).map(Partner::handle).orElse("");
    AuditEvent added = AuditEvent.REPRESENTED_ADDED;
    return self.changed(more, now, self.seqOf(actor), added, more.joined().handle(), voice);
  }

  /** The representative, the coordinator or the backup records a represented person's view. */
  default Case recordVoice(UserRef actor, int seq, String onGoal, String onCollab, Instant now) {
    Case self = self();
    self.requireOpen();
    Partner represented = self.team().representedPerson(seq);
    if (!represented.representedBy().equals(actor)) {
      self.requireAllowed(actor, Action.ADD_PARTNER, RefusalReason.VOICE_NOT_YOURS);
    }
    Team voiced = self.team().voiced(seq, new Voice(onGoal, onCollab, self.seqOf(actor), now));
    return self.changed(
        voiced, now, self.seqOf(actor), AuditEvent.VOICE_RECORDED, represented.handle());
  }

  /**
   * A person leaves: they said so or left the channel (always theirs to do), or the coordinator or
   * backup removed them. They stay listed as having left, under their number. When the coordinator
   * leaves, the backup takes over, or nobody does. Leaving twice changes nothing.
   */
  default Case leave(UserRef actor, UserRef person, Instant now) {
    Case self = self();
    self.requireOpen();
    Optional<Partner> leaving = self.partner(person);
    if (leaving.isEmpty()) {
      if (actor.equals(person) || self.team().leftPartner(person).isPresent()) {
        return self;
      }
      throw new Refusal(RefusalReason.NOT_IN_CASE);
    }
    if (!actor.equals(person)) {
      self.requireAllowed(actor, Action.REMOVE_PARTNER, RefusalReason.ONLY_COORDINATOR_REMOVES);
    }
    Partner gone = leaving.get();
    Optional<Partner> coordinated = self.coordinator().filter(p -> p.seq() == gone.seq());
    AuditEvent event = actor.equals(person) ? AuditEvent.PARTNER_LEFT : AuditEvent.PARTNER_REMOVED;
    Team left = self.team().changed(gone.seq(), p -> p.left(now));
    Case after = self.changed(left, now, self.seqOf(actor), event, gone);
    return coordinationPassed(representativeGone(after, person, now), coordinated, now);
  }

  /**
   * The coordinator or backup removes a person without an account (the pupil, a parent): they stay
   * listed as having left, under their number. Removing twice changes nothing.
   */
  default Case removeRepresented(UserRef actor, int seq, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.REMOVE_PARTNER, RefusalReason.ONLY_COORDINATOR_REMOVES);
    if (self.partner(seq).filter(p -> !p.active()).isPresent()) {
      return self;
    }
    Partner gone = self.team().representedPerson(seq);
    Team left = self.team().changed(seq, p -> p.left(now));
    return self.changed(left, now, self.seqOf(actor), AuditEvent.PARTNER_REMOVED, gone);
  }

  /**
   * A person asks Kring to forget them ({@link Action#FORGET_ME}, also after they left): every
   * entry of theirs becomes "a former partner" in the case's language, and what they gave to what
   * still runs goes (see {@link Team#forgotten}, {@link Activity#without}, {@link
   * Reflections#without}). People they spoke for pass on; a coordinator is replaced as on leaving.
   * With nobody left to act, the case closes.
   */
  default Case forget(UserRef person, Instant now) {
    Case self = self();
    Team team = self.team();
    // Everyone this account ever was in the case: someone may have left and come back.
    Set<Integer> seqs =
        self.partners().stream()
            .filter(p -> p.is(person))
            .map(Partner::seq)
            .collect(Collectors.toSet());
    if (seqs.isEmpty()) {
      if (team.joinRequest(person).isEmpty()) {
        throw new Refusal(RefusalReason.NOT_A_PARTNER);
      }
      return self.changed(team.declined(person), now, 0, AuditEvent.PARTNER_FORGOTTEN);
    }
    Optional<Partner> coordinated = self.coordinator().filter(p -> seqs.contains(p.seq()));
    String former = Texts.get(self.language(), "partner.former");
    Team anonymous = team.forgotten(person, seqs, former, now);
    Case after =
        self.with(anonymous)
            .with(self.activity().without(seqs))
            .with(self.reflections().without(seqs));
    Lifecycle lifecycle = self.lifecycle();
    if (!anonymous.anyoneActs() && lifecycle.open()) {
      after = after.with(lifecycle.closed(now, Lifecycle.Closure.Reason.NOBODY_LEFT));
    }
    Case noted = after.recorded(now, AuditEvent.PARTNER_FORGOTTEN);
    return coordinationPassed(representativeGone(noted, person, now), coordinated, now);
  }

  /** The coordinator or backup confirms, at the start of a school year, who is on the team. */
  default Case confirmTeam(UserRef actor, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.REMOVE_PARTNER, RefusalReason.ONLY_COORDINATOR_REMOVES);
    return self.note(now, actor, AuditEvent.TEAM_CONFIRMED);
  }

  /** The platform says this partner can no longer be reached; marking twice changes nothing. */
  default Case unreachable(UserRef person, Instant now) {
    Case self = self();
    Optional<Partner> p = self.partner(person).filter(partner -> !partner.unreachable());
    return p.isEmpty()
        ? self
        : self.changed(
            self.team().changed(p.get().seq(), q -> q.unreachableSince(now)),
            now,
            0,
            AuditEvent.PARTNER_UNREACHABLE,
            p.get());
  }

  /** A partner marked unreachable acted again: reachable. */
  default Case reachable(UserRef person, Instant now) {
    Case self = self();
    Optional<Partner> p = self.partner(person).filter(Partner::unreachable);
    return p.isEmpty()
        ? self
        : self.changed(
            self.team().changed(p.get().seq(), q -> q.unreachableSince(null)),
            now,
            p.get().seq(),
            AuditEvent.PARTNER_REACHABLE);
  }

  /** The people a partner who went spoke for pass to the coordinator or another who acts. */
  private static Case representativeGone(Case kase, UserRef representative, Instant now) {
    List<Partner> spokenFor = kase.team().spokenForBy(representative);
    Optional<Partner> next =
        kase.coordinator()
            .filter(Partner::confirms)
            .or(() -> kase.confirmingPartners().stream().findFirst());
    UserRef to = next.map(Partner::user).orElse(null);
    Case passed = kase.with(kase.team().passed(spokenFor, to, now));
    for (Partner p : spokenFor) {
      String handle = next.map(Partner::handle).orElse("—");
      passed = passed.recorded(now, AuditEvent.REPRESENTED_PASSED, p.handle(), handle);
    }
    return passed;
  }

  /** After the coordinator went: who took over, or that nobody coordinates. */
  private static Case coordinationPassed(Case kase, Optional<Partner> coordinated, Instant now) {
    Optional<Partner> next = kase.coordinator();
    return coordinated.isEmpty()
        ? kase
        : next.isPresent()
            ? kase.recorded(now, AuditEvent.COORDINATOR_TOOK_OVER, next.get().handle())
            : kase.recorded(now, AuditEvent.NO_COORDINATOR, coordinated.get().handle());
  }

  private Case self() {
    return (Case) this;
  }
}
