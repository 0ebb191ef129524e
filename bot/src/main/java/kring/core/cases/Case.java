package kring.core.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.calendar.WorkingHours;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.consent.ConsentRegister;
import kring.core.consent.ConsentTerms;
import kring.core.consent.Withdrawal;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.CaseRole;
import kring.core.partners.Handover;
import kring.core.partners.JoinRequest;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.partners.Voice;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.Improvement;
import kring.core.reflection.Question;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.updates.FeedbackRequest;
import kring.core.updates.UpdateMark;

/**
 * One pupil's support network, bound to one channel: the one aggregate root, stored as one
 * document. Its state lives in parts that own their rules: the {@link Lifecycle}, the {@link Team},
 * the {@link Agreements}, the {@link CaseSettings}, the {@link Activity} (updates, feedback,
 * check-ins, handover notes), the {@link Reflections} and the {@link ConsentRegister}. Every change
 * goes through a method here that checks the actor's role in THIS case, lets a part make the
 * change, records a typed audit line and returns the changed case; the caller stores it with {@link
 * Cases#update}. Nothing is ever read back from the audit trail: it is history, not state.
 *
 * @param code the pseudonymous code
 * @param initials the pupil's initials, or null
 * @param channel the channel the case is bound to
 * @param language the language of the case's channel posts
 * @param startedAt when the case was started
 * @param lifecycle status, pause, closure and erasure proposal
 * @param team partners, join requests and the partner numbers given out
 * @param agreements every agreement version and the agreed one
 * @param settings how the case's schedule differs from Kring's defaults
 * @param activity who updated when, feedback asked, check-in rounds, handover notes
 * @param reflections the reflection rounds
 * @param consents the consent register: what consent for sharing exists, never the evidence
 * @param audit the audit trail, oldest first, capped at {@link #AUDIT_LIMIT} lines
 * @param revision the stored revision this case was read at (storage's concurrency token)
 */
public record Case(
    CaseCode code,
    Initials initials,
    ChannelRef channel,
    Language language,
    Instant startedAt,
    Lifecycle lifecycle,
    Team team,
    Agreements agreements,
    CaseSettings settings,
    Activity activity,
    Reflections reflections,
    ConsentRegister consents,
    List<AuditEntry> audit,
    long revision) {

  /** How many audit lines a case keeps; older ones drop off. */
  public static final int AUDIT_LIMIT = 500;

  public Case {
    if (code == null || channel == null || language == null || lifecycle == null) {
      throw new IllegalArgumentException("A case needs a code, a status, a channel and a language");
    }
    Objects.requireNonNull(team, "team");
    agreements = agreements == null ? Agreements.NONE : agreements;
    settings = settings == null ? CaseSettings.DEFAULT : settings;
    activity = activity == null ? Activity.NONE : activity;
    reflections = reflections == null ? Reflections.NONE : reflections;
    consents = consents == null ? ConsentRegister.EMPTY : consents;
    audit = List.copyOf(audit);
    // A consent towards a number not given out yet would pass to whoever gets it next.
    int given = team.seqsGiven();
    if (consents.records().stream()
        .flatMap(r -> r.terms().towardsPartners().stream())
        .anyMatch(seq -> seq > given)) {
      throw new IllegalArgumentException("A consent names a number the case never gave out");
    }
  }

  /** A new case, with the person who started it as its first partner and interim coordinator. */
  public static Case start(
      CaseCode code,
      Initials initials,
      ChannelRef channel,
      Language language,
      UserRef starter,
      String starterName,
      Instant now) {
    return new Case(
        code,
        initials,
        channel,
        language,
        now,
        Lifecycle.STARTED,
        Team.startedBy(starter, starterName, now),
        Agreements.NONE,
        CaseSettings.DEFAULT,
        Activity.NONE,
        Reflections.NONE,
        ConsentRegister.EMPTY,
        List.of(new AuditEntry(now, 1, AuditEvent.CASE_STARTED, List.of(code.value()))),
        0);
  }

  // ---- reading

  public CaseStatus status() {
    return lifecycle.status();
  }

  /** The pause the case is on, or null while it runs. */
  public Pause pause() {
    return lifecycle.pause();
  }

  /** Everyone in the case, in the order they joined. */
  public List<Partner> partners() {
    return team.partners();
  }

  public List<JoinRequest> joinRequests() {
    return team.joinRequests();
  }

  public Optional<Partner> partner(UserRef user) {
    return team.partner(user);
  }

  public Optional<Partner> leftPartner(UserRef user) {
    return team.leftPartner(user);
  }

  public Optional<Partner> partner(int seq) {
    return team.partner(seq);
  }

  public Optional<JoinRequest> joinRequest(UserRef user) {
    return team.joinRequest(user);
  }

  public Optional<Agreement> currentAgreement() {
    return agreements.current();
  }

  public Optional<Agreement> agreed() {
    return agreements.agreed();
  }

  public int currentVersion() {
    return agreements.currentVersion();
  }

  public CollaborationLevel level() {
    return agreements.level();
  }

  /**
   * The coordinating partner: the one named in the agreed version; until there is one, the person
   * who started the case (while they are still in it). When they left, the backup takes over.
   */
  public Optional<Partner> coordinator() {
    return team.coordinator(agreements.coordinatorSeq(), agreements.backupSeq());
  }

  /** The backup, while they are not standing in for a coordinator who left. */
  public Optional<Partner> backup() {
    return team.backup(agreements.coordinatorSeq(), agreements.backupSeq());
  }

  public CaseRole roleOf(UserRef user) {
    return team.roleOf(user, agreements.coordinatorSeq(), agreements.backupSeq());
  }

  /** What this person may do with this action here. */
  public Permission permission(UserRef user, Action action) {
    return action.forRole(roleOf(user));
  }

  public boolean involves(UserRef user) {
    return team.involves(user);
  }

  public List<UserRef> people() {
    return team.people();
  }

  /** The partners who must confirm agreements and are asked in rounds: those who act. */
  public List<Partner> confirmingPartners() {
    return team.confirmingPartners();
  }

  /** The partners a reflection round asks: account holders who act in the case. */
  public List<Partner> reflectingPartners() {
    return team.confirmingPartners();
  }

  public boolean youthCareOnly() {
    return team.youthCareOnly();
  }

  /**
   * Whether the case's prompts skip school holidays: as set, except that they always do once a
   * school or CLB partner takes part (they are off then, even if the setting predates them).
   */
  public boolean holidaysSkipped() {
    return settings.holidaysSkipped() || !youthCareOnly();
  }

  /** The rhythm of check-ins and rounds: the one the coordinator set, else the agreement's. */
  public Cadence cadence() {
    return settings.cadence() != null ? settings.cadence() : agreements.cadence();
  }

  public Cadence agreementCadence() {
    return agreements.cadence();
  }

  public boolean paused() {
    return lifecycle.paused();
  }

  /**
   * Whether the case is closing: its final evaluation is open, after which Kring closes it. Nothing
   * new starts meanwhile (check-ins, regular rounds, prompts for news).
   */
  public boolean closing() {
    return lifecycle.open() && reflections.finalOpen();
  }

  public boolean erasureConfirmed() {
    return lifecycle.erasureConfirmed();
  }

  public boolean names(UserRef person) {
    return team.names(person);
  }

  public List<UserRef> namedPeople() {
    return team.namedPeople();
  }

  public List<Handover> handoversFor(Role role) {
    return activity.handoversFor(role, team);
  }

  public Optional<Instant> agreedAt() {
    return agreements.agreedAt();
  }

  public Optional<UpdateMark> lastUpdate(int partnerSeq) {
    return activity.lastUpdate(partnerSeq);
  }

  public Optional<FeedbackRequest> feedback(int number) {
    return activity.feedback(number);
  }

  public Optional<CheckInRound> lastCheckIn() {
    return activity.lastCheckIn();
  }

  public Optional<CheckInRound> checkIn(int number) {
    return activity.checkIn(number);
  }

  public Optional<ReflectionRound> openReflection() {
    return reflections.open();
  }

  public Optional<ReflectionRound> reflection(int number) {
    return reflections.round(number);
  }

  public List<ReflectionRound> closedReflections() {
    return reflections.closed();
  }

  public List<Transition> upcomingTransitions(LocalDate today) {
    return settings.upcomingTransitions(today);
  }

  // ---- joining and representing

  /** A channel member asks to join; asking again replaces the earlier request. */
  public Case askToJoin(JoinRequest request) {
    requireOpen();
    Team asked = team.asked(request);
    return asked == team
        ? this
        : with(asked).recorded(request.at(), 0, AuditEvent.JOIN_ASKED, request.role().name());
  }

  /** The coordinator or backup accepts a join request; accepting twice has one effect. */
  public Case acceptJoin(UserRef actor, UserRef applicant, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ADD_PARTNER, "refusal.only-coordinator-accepts");
    if (partner(applicant).isPresent()) {
      return this;
    }
    Team joined = team.accepted(applicant, now);
    return with(joined)
        .recorded(now, seqOf(actor), AuditEvent.JOIN_ACCEPTED, joined.joined().handle());
  }

  /** The coordinator or backup declines a join request; declining a gone request is a no-op. */
  public Case declineJoin(UserRef actor, UserRef applicant, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ADD_PARTNER, "refusal.only-coordinator-accepts");
    if (joinRequest(applicant).isEmpty()) {
      return this;
    }
    return with(team.declined(applicant)).recorded(now, seqOf(actor), AuditEvent.JOIN_DECLINED);
  }

  /** A partner tells the others who they are and what their role is. */
  public Case introduce(
      UserRef actor, String name, String organisation, Sector sector, Role role, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.INTRODUCE_SELF, "refusal.not-a-partner");
    Partner before = partner(actor).orElseThrow();
    if (before.introduce(name, organisation, sector, role).equals(before)) {
      return this;
    }
    return with(team.changed(before.seq(), p -> p.introduce(name, organisation, sector, role)))
        .recorded(now, before.seq(), AuditEvent.INTRODUCED, role.name());
  }

  /**
   * The coordinator or backup adds a person without an account (the pupil, a parent), represented
   * by an acting partner who speaks for them. They never block a confirmation. Adding the same
   * label twice has one effect.
   */
  public Case represent(
      UserRef actor, String label, Role role, int representativeSeq, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ADD_PARTNER, "refusal.only-coordinator-accepts");
    Team more = team.represented(label, role, representativeSeq, now);
    if (more == team) {
      return this;
    }
    String voice = partner(representativeSeq).orElseThrow().handle();
    return with(more)
        .recorded(now, seqOf(actor), AuditEvent.REPRESENTED_ADDED, more.joined().handle(), voice);
  }

  /**
   * The representative (or the coordinator or backup) records the represented person's view on the
   * goal and on how the collaboration works for them; a later recording replaces it.
   */
  public Case recordVoice(UserRef actor, int seq, String onGoal, String onCollab, Instant now) {
    requireOpen();
    Partner represented = team.representedPerson(seq);
    if (!represented.representedBy().equals(actor)) {
      requireAllowed(actor, Action.ADD_PARTNER, "refusal.voice-not-yours");
    }
    Voice heard = new Voice(onGoal, onCollab, seqOf(actor), now);
    return with(team.voiced(seq, heard))
        .recorded(now, seqOf(actor), AuditEvent.VOICE_RECORDED, represented.handle());
  }

  // ---- agreeing

  /**
   * Proposes a new agreement version built on {@code baseVersion}. A proposal built on an older
   * version is refused (someone changed it meanwhile); the same proposal sent twice has one effect.
   */
  public Case propose(UserRef actor, Draft draft, int baseVersion, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.PROPOSE_AGREEMENT, "refusal.not-a-partner");
    int proposer = seqOf(actor);
    Agreements more = agreements.proposed(draft, baseVersion, proposer, team, now);
    return more == agreements
        ? this
        : with(more)
            .recorded(now, proposer, AuditEvent.AGREEMENT_PROPOSED, "" + more.currentVersion());
  }

  /**
   * A partner confirms the current agreement version; confirming twice has one effect. When every
   * confirming partner confirmed a complete version, it becomes the agreed version and an intake
   * case becomes active.
   */
  public Case confirm(UserRef actor, int version, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CONFIRM_AGREEMENT, "refusal.not-a-partner");
    int seq = seqOf(actor);
    Agreements confirmed = agreements.confirmed(version, seq, now);
    if (confirmed == agreements) {
      return this;
    }
    Case after = with(confirmed).recorded(now, seq, AuditEvent.AGREEMENT_CONFIRMED, "" + version);
    if (!confirmed.confirmedByAll(confirmingPartners())) {
      return after;
    }
    after =
        after
            .with(confirmed.agreedOnCurrent())
            .recorded(now, 0, AuditEvent.AGREEMENT_AGREED, "" + version);
    return status() == CaseStatus.INTAKE
        ? after.with(lifecycle.agreed()).recorded(now, 0, AuditEvent.CASE_ACTIVE)
        : after;
  }

  // ---- pausing, moving, closing, erasing

  /**
   * The coordinator or backup puts the case on hold; pausing a paused case changes nothing. What
   * still takes answers closes as it would when the case closes ({@link #close}), so that no
   * answers stay linked to who gave them through the pause. A closing case is not paused.
   */
  public Case pause(UserRef actor, Instant now, RandomGenerator random) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-pauses");
    if (paused()) {
      return this;
    }
    if (closing()) {
      throw new Refusal("refusal.pause-closing");
    }
    Case stopped = roundsClosed(now, random);
    return stopped
        .with(stopped.lifecycle.paused(new Pause(now, seqOf(actor))))
        .recorded(now, seqOf(actor), AuditEvent.CASE_PAUSED);
  }

  /**
   * Kring lost the case's channel (archived, deleted, Kring removed): the case pauses by itself, so
   * no prompt goes out into the void, and resumes when a coordinator says so.
   */
  public Case pauseBecauseChannelLost(String reason, Instant now) {
    Case noted = recorded(now, 0, AuditEvent.CHANNEL_LOST, reason);
    if (!lifecycle.open() || paused()) {
      return noted;
    }
    return noted.with(lifecycle.paused(new Pause(now, 0))).recorded(now, 0, AuditEvent.CASE_PAUSED);
  }

  /** The coordinator or backup lets a paused case run again. */
  public Case resume(UserRef actor, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-pauses");
    return !paused()
        ? this
        : with(lifecycle.resumed()).recorded(now, seqOf(actor), AuditEvent.CASE_RESUMED);
  }

  /**
   * The coordinator or backup moves the case to another channel in the same space: agreements,
   * consent and history go along; a case that paused because its channel was lost runs again. The
   * caller stores it with {@link Cases#move}.
   */
  public Case moveTo(UserRef actor, ChannelRef to, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.MOVE_CASE, "refusal.only-coordinator-moves");
    if (channel.equals(to)) {
      return this;
    }
    if (channel.platform() != to.platform() || !channel.space().equals(to.space())) {
      throw new Refusal("refusal.move-other-space");
    }
    Case moved =
        new Case(
                code,
                initials,
                to,
                language,
                startedAt,
                lifecycle,
                team,
                agreements,
                settings,
                activity,
                reflections,
                consents,
                audit,
                revision)
            .recorded(now, seqOf(actor), AuditEvent.CASE_MOVED);
    return lifecycle.pausedForChannel()
        ? moved.with(lifecycle.resumed()).recorded(now, 0, AuditEvent.CASE_RESUMED)
        : moved;
  }

  /**
   * Kring is back in the channel it lost: a case that paused because of it runs again; one a
   * coordinator paused stays paused.
   */
  public Case channelBack(Instant now) {
    if (!lifecycle.pausedForChannel() || !lifecycle.open()) {
      return this;
    }
    return with(lifecycle.resumed())
        .recorded(now, 0, AuditEvent.CHANNEL_BACK)
        .recorded(now, 0, AuditEvent.CASE_RESUMED);
  }

  /**
   * The coordinator or backup closes the case now; a check-in or reflection round still open closes
   * with it, so that no answers stay linked to who gave them in a closed case.
   */
  public Case close(UserRef actor, Instant now, RandomGenerator random) {
    requireOpen();
    requireAllowed(actor, Action.CLOSE_CASE, "refusal.only-coordinator-closes");
    Case stopped = roundsClosed(now, random);
    return stopped
        .with(stopped.lifecycle.closed(now, Lifecycle.Closure.Reason.COORDINATOR))
        .recorded(now, seqOf(actor), AuditEvent.CASE_CLOSED);
  }

  /**
   * This case with what still takes answers closed, for a case that stops running (it closes or
   * pauses): the open check-in keeps only its totals, the open reflection round its anonymous
   * result (or, not opened yet, is withdrawn).
   */
  private Case roundsClosed(Instant now, RandomGenerator random) {
    Case base =
        lastCheckIn()
            .filter(CheckInRound::open)
            .map(r -> closeCheckIn(r.number(), now))
            .orElse(this);
    return base.openReflection().map(r -> base.roundClosed(r, now, random, 0)).orElse(base);
  }

  /**
   * Kring closes a case nobody acted in for long, after asking its coordinator and hearing nothing.
   * A closed case stays closed.
   */
  public Case closeForInactivity(Instant now) {
    if (!lifecycle.open()) {
      return this;
    }
    return with(lifecycle.closed(now, Lifecycle.Closure.Reason.INACTIVITY))
        .recorded(now, 0, AuditEvent.CASE_CLOSED_INACTIVE);
  }

  /** The coordinator or backup proposes to erase the case now, before its retention period ends. */
  public Case proposeErasure(UserRef actor, Instant now) {
    requireAllowed(actor, Action.ERASE_CASE, "refusal.erase.only-coordinator");
    return with(lifecycle.erasureProposed(now, seqOf(actor)))
        .recorded(now, seqOf(actor), AuditEvent.ERASURE_PROPOSED);
  }

  /**
   * A partner who acts in the case, other than the one who proposed it, confirms the erasure: the
   * case closes and may be erased. The proposal must be recent and its proposer still coordinator
   * or backup, so that nobody can erase a case with a button made up from an old one. Confirming
   * twice changes nothing.
   */
  public Case confirmErasure(UserRef actor, Instant now) {
    int seq = seqOf(actor);
    if (seq == 0 || !team.acts(seq)) {
      throw new Refusal("refusal.erase.partners-confirm");
    }
    if (erasureConfirmed()) {
      return this;
    }
    Lifecycle.Erasure proposal =
        lifecycle
            .erasureProposed()
            .filter(p -> p.validAt(now))
            .filter(p -> partner(p.proposedBySeq()).map(Partner::user).isPresent())
            .filter(
                p ->
                    permission(partner(p.proposedBySeq()).orElseThrow().user(), Action.ERASE_CASE)
                        == Permission.ALLOWED)
            .orElseThrow(() -> new Refusal("refusal.erase.no-proposal"));
    if (proposal.proposedBySeq() == seq) {
      throw new Refusal("refusal.erase.other-partner");
    }
    return with(lifecycle.erasureConfirmed(now, seq))
        .recorded(now, seq, AuditEvent.ERASURE_CONFIRMED);
  }

  // ---- leaving and forgetting

  /**
   * A person leaves the case: they said so or left the channel (always theirs to do), or the
   * coordinator or backup removed them. They stay listed as having left, so that the agreements
   * naming them still read. When the coordinator leaves, the backup takes over; with no backup,
   * nobody coordinates until the partners agree on someone. Their number stays theirs: someone who
   * comes back joins under a new one. Leaving twice changes nothing.
   */
  public Case leave(UserRef actor, UserRef person, Instant now) {
    requireOpen();
    Optional<Partner> leaving = partner(person);
    if (leaving.isEmpty()) {
      if (actor.equals(person) || leftPartner(person).isPresent()) {
        return this;
      }
      throw new Refusal("refusal.not-in-case");
    }
    if (!actor.equals(person)) {
      requireAllowed(actor, Action.REMOVE_PARTNER, "refusal.only-coordinator-removes");
    }
    Partner gone = leaving.get();
    Optional<Partner> coordinated = coordinator().filter(p -> p.seq() == gone.seq());
    AuditEvent event = actor.equals(person) ? AuditEvent.PARTNER_LEFT : AuditEvent.PARTNER_REMOVED;
    return with(team.changed(gone.seq(), p -> p.left(now)))
        .recorded(now, seqOf(actor), event, gone.handle())
        .representativeGone(person, now)
        .coordinationPassed(coordinated, now);
  }

  /**
   * A person asks Kring to forget them ({@link Action#FORGET_ME}: anyone the case names may, also
   * after they left): they leave the case and their answers to rounds still open go with them;
   * closed rounds hold only totals and unattributed answers, which stay. Every entry of theirs
   * becomes "a former partner" without account, organisation or handover note. People they spoke
   * for pass to the coordinator (or another acting partner). Their number is never given to anyone
   * else. When they coordinated, the backup takes over or nobody does, as when a coordinator
   * leaves.
   */
  public Case forget(UserRef person, Instant now) {
    // Everyone this account ever was in the case: someone may have left and come back.
    Set<Integer> seqs =
        partners().stream().filter(p -> p.is(person)).map(Partner::seq).collect(Collectors.toSet());
    if (seqs.isEmpty()) {
      if (joinRequest(person).isEmpty()) {
        throw new Refusal("refusal.not-a-partner");
      }
      return with(team.declined(person)).recorded(now, 0, AuditEvent.PARTNER_FORGOTTEN);
    }
    Optional<Partner> coordinated = coordinator().filter(p -> seqs.contains(p.seq()));
    Team anonymous = team.forgotten(person, seqs, Texts.get(language, "partner.former"), now);
    Case after = with(anonymous).with(activity.without(seqs)).with(reflections.without(seqs));
    if (!anonymous.anyoneActs() && lifecycle.open()) {
      // Nobody is left who could act in it: it is closed, and erased after its retention.
      after = after.with(lifecycle.closed(now, Lifecycle.Closure.Reason.NOBODY_LEFT));
    }
    return after
        .recorded(now, 0, AuditEvent.PARTNER_FORGOTTEN)
        .representativeGone(person, now)
        .coordinationPassed(coordinated, now);
  }

  /**
   * The people a partner who left or was forgotten spoke for pass to the coordinator, or to another
   * acting partner; with nobody left to act, they have nobody speaking for them.
   */
  private Case representativeGone(UserRef representative, Instant now) {
    List<Partner> spokenFor = team.spokenForBy(representative);
    if (spokenFor.isEmpty()) {
      return this;
    }
    Optional<Partner> next =
        coordinator().filter(Partner::confirms).or(() -> confirmingPartners().stream().findFirst());
    Case passed = with(team.passed(spokenFor, next.map(Partner::user).orElse(null), now));
    String to = next.map(Partner::handle).orElse("—");
    for (Partner p : spokenFor) {
      passed = passed.recorded(now, 0, AuditEvent.REPRESENTED_PASSED, p.handle(), to);
    }
    return passed;
  }

  /** After the coordinator went: who took over, or that nobody coordinates. */
  private Case coordinationPassed(Optional<Partner> coordinated, Instant now) {
    if (coordinated.isEmpty()) {
      return this;
    }
    Optional<Partner> next = coordinator();
    return next.isPresent()
        ? recorded(now, 0, AuditEvent.COORDINATOR_TOOK_OVER, next.get().handle())
        : recorded(now, 0, AuditEvent.NO_COORDINATOR, coordinated.get().handle());
  }

  /**
   * A partner who left writes a handover note for their successor; writing again replaces it. Only
   * the person who left can write theirs.
   */
  public Case handOver(UserRef author, String note, String successor, Instant now) {
    requireOpen();
    Partner gone = leftPartner(author).orElseThrow(() -> new Refusal("refusal.handover-not-yours"));
    Handover written = new Handover(gone.seq(), gone.role(), note, successor, now, List.of());
    return with(activity.handoverWritten(written))
        .recorded(now, gone.seq(), AuditEvent.HANDOVER_WRITTEN);
  }

  /** Marks a handover note as given to the newcomer {@code toSeq}. */
  public Case handoverGiven(int fromSeq, int toSeq, Instant now) {
    return with(activity.handoverGiven(fromSeq, toSeq))
        .recorded(now, toSeq, AuditEvent.HANDOVER_GIVEN, "P" + fromSeq);
  }

  /**
   * The coordinator or backup confirms, at the start of a school year, who is still on the team.
   */
  public Case confirmTeam(UserRef actor, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.REMOVE_PARTNER, "refusal.only-coordinator-removes");
    return note(now, actor, AuditEvent.TEAM_CONFIRMED);
  }

  /**
   * The platform said this partner's account can no longer be reached (deactivated): marked, so the
   * case card shows it. Marking twice changes nothing; a partner who acts again is {@link
   * #reachable}.
   */
  public Case unreachable(UserRef person, Instant now) {
    Optional<Partner> partner = partner(person).filter(p -> !p.unreachable());
    return partner.isEmpty()
        ? this
        : with(team.changed(partner.get().seq(), p -> p.unreachableSince(now)))
            .recorded(now, 0, AuditEvent.PARTNER_UNREACHABLE, partner.get().handle());
  }

  /** A partner marked unreachable acted again: reachable. */
  public Case reachable(UserRef person, Instant now) {
    Optional<Partner> partner = partner(person).filter(Partner::unreachable);
    return partner.isEmpty()
        ? this
        : with(team.changed(partner.get().seq(), p -> p.unreachableSince(null)))
            .recorded(now, partner.get().seq(), AuditEvent.PARTNER_REACHABLE);
  }

  // ---- schedule settings and transitions

  /** The coordinator or backup sets when on a school day the case's prompts may come. */
  public Case setHours(UserRef actor, WorkingHours hours, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-schedules");
    return settings.hours().equals(hours)
        ? this
        : with(settings.withHours(hours))
            .recorded(
                now,
                seqOf(actor),
                AuditEvent.HOURS_SET,
                hours.start().toString(),
                hours.end().toString());
  }

  /** A school partner, the coordinator or the backup adds a free day of the school's own. */
  public Case addFreeDay(UserRef actor, LocalDate day, LocalDate today, Instant now) {
    requireOpen();
    requireMayChangeFreeDays(actor);
    CaseSettings changed = settings.freeDayAdded(day, today);
    return changed == settings
        ? this
        : with(changed).recorded(now, seqOf(actor), AuditEvent.FREE_DAY_ADDED, day.toString());
  }

  /** Removes a school free day again; removing one the case does not have changes nothing. */
  public Case removeFreeDay(UserRef actor, LocalDate day, Instant now) {
    requireOpen();
    requireMayChangeFreeDays(actor);
    return !settings.freeDays().contains(day)
        ? this
        : with(settings.freeDayRemoved(day))
            .recorded(now, seqOf(actor), AuditEvent.FREE_DAY_REMOVED, day.toString());
  }

  /**
   * The coordinator or backup lets prompts skip school holidays, or not; working through them is
   * only for a case without school or CLB partners, who are off then.
   */
  public Case skipHolidays(UserRef actor, boolean skip, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-schedules");
    if (!skip && !youthCareOnly()) {
      throw new Refusal("refusal.holidays-school-case");
    }
    AuditEvent event = skip ? AuditEvent.HOLIDAYS_SKIPPED : AuditEvent.HOLIDAYS_WORKED;
    return settings.holidaysSkipped() == skip
        ? this
        : with(settings.withHolidaysSkipped(skip)).recorded(now, seqOf(actor), event);
  }

  /** The coordinator or backup sets the rhythm, or with null returns to the agreement's. */
  public Case setCadence(UserRef actor, Cadence cadence, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-schedules");
    if (Objects.equals(settings.cadence(), cadence)) {
      return this;
    }
    Case set = with(settings.withCadence(cadence));
    return cadence == null
        ? set.recorded(now, seqOf(actor), AuditEvent.CADENCE_AGREED)
        : set.recorded(
            now,
            seqOf(actor),
            AuditEvent.CADENCE_SET,
            "" + cadence.checkInWeeks(),
            "" + cadence.reflectionWeeks());
  }

  /** A partner who acts records a known transition (see {@link CaseSettings#transitionAdded}). */
  public Case addTransition(UserRef actor, Transition transition, LocalDate today, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.RECORD_TRANSITION, "refusal.transition-who");
    CaseSettings changed = settings.transitionAdded(transition, today);
    return changed == settings
        ? this
        : with(changed)
            .recorded(
                now,
                seqOf(actor),
                AuditEvent.TRANSITION_ADDED,
                transition.on().toString(),
                transition.kind().name());
  }

  /**
   * A partner who acts removes the transition numbered {@code number} in the list from today on
   * ({@link #upcomingTransitions}); past ones drop off with it.
   */
  public Case removeTransition(UserRef actor, int number, LocalDate today, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.RECORD_TRANSITION, "refusal.transition-who");
    Transition gone = settings.upcomingTransition(number, today);
    return with(settings.transitionRemoved(number, today))
        .recorded(
            now,
            seqOf(actor),
            AuditEvent.TRANSITION_REMOVED,
            gone.on().toString(),
            gone.kind().name());
  }

  // ---- running: updates, feedback, check-ins

  /** A partner gave the others news, or said there is nothing new: only when and which is kept. */
  public Case updated(UserRef actor, boolean nothingNew, Instant now) {
    requireRunning();
    requireAllowed(actor, Action.POST_UPDATE, "refusal.not-a-partner");
    return with(activity.updated(seqOf(actor), nothingNew, now));
  }

  /**
   * A partner's update asked some partners for feedback; the request gets the highest number. Only
   * partners who act in the case and are not the sender can be asked.
   */
  public Case askFeedback(UserRef actor, List<Integer> addressed, Instant now) {
    requireRunning();
    requireAllowed(actor, Action.POST_UPDATE, "refusal.not-a-partner");
    int from = seqOf(actor);
    List<Integer> asked =
        addressed.stream().distinct().filter(s -> s != from && team.acts(s)).sorted().toList();
    if (asked.isEmpty()) {
      throw new Refusal("refusal.feedback-nobody");
    }
    return with(activity.feedbackAsked(from, asked, now));
  }

  /** A partner asked for feedback says they saw or answered the update. */
  public Case feedbackGiven(UserRef actor, int number, Instant now) {
    requireOpen();
    return with(activity.feedbackGiven(seqOf(actor), number));
  }

  /**
   * The schedule opens check-in {@code number}: every partner who acts and can be reached is asked.
   * Opening it again changes nothing; an older number than the newest round is ignored.
   */
  public Case openCheckIn(int number, Instant now, Instant closesAt) {
    requireRunning();
    if (closing()) {
      throw new Refusal("refusal.closing");
    }
    List<Integer> invited =
        confirmingPartners().stream().filter(p -> !p.unreachable()).map(Partner::seq).toList();
    Activity opened = activity.checkInOpened(number, now, closesAt, invited);
    return opened == activity
        ? this
        : with(opened).recorded(now, 0, AuditEvent.CHECK_IN_OPENED, "" + number);
  }

  /** A partner answers an open check-in, or skips it ({@code answers} null). */
  public Case answerCheckIn(
      UserRef actor, int number, Map<CheckInQuestion, CheckInAnswer> answers, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ANSWER, "refusal.not-a-partner");
    return with(activity.checkInAnswered(seqOf(actor), number, answers, now));
  }

  /** Closes a check-in: only the tally stays. Closing a closed round changes nothing. */
  public Case closeCheckIn(int number, Instant now) {
    Activity closed = activity.checkInClosed(number);
    return closed == activity
        ? this
        : with(closed).recorded(now, 0, AuditEvent.CHECK_IN_CLOSED, "" + number);
  }

  // ---- reflection rounds

  /**
   * The coordinator or backup starts a reflection round (see {@link Reflections#opened}); a partner
   * may only propose one.
   */
  public Case startReflection(
      UserRef actor,
      RoundKind kind,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    requireAllowed(actor, Action.START_REFLECTION, "refusal.reflection.only-coordinator");
    return openRound(seqOf(actor), kind, questions, anonymity, opensAt, closesAt, now);
  }

  /** The case's rhythm starts a reflection round; nobody in particular asked for it. */
  public Case startScheduledReflection(
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    return openRound(0, RoundKind.REGULAR, questions, anonymity, opensAt, closesAt, now);
  }

  /**
   * The coordinator or backup starts the final evaluation of an active case: a short round every
   * acting partner answers privately; when it closes, Kring closes the case.
   */
  public Case startFinalReflection(
      UserRef actor,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CLOSE_CASE, "refusal.only-coordinator-closes");
    if (status() != CaseStatus.ACTIVE) {
      throw new Refusal("refusal.final.not-active");
    }
    return openRound(seqOf(actor), RoundKind.FINAL, questions, anonymity, opensAt, closesAt, now);
  }

  private Case openRound(
      int startedBy,
      RoundKind kind,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    requireOpen();
    List<Integer> invited = confirmingPartners().stream().map(Partner::seq).toList();
    Reflections more =
        reflections.opened(startedBy, kind, questions, anonymity, invited, opensAt, closesAt, now);
    return with(more).recorded(now, startedBy, AuditEvent.REFLECTION_STARTED, "" + more.newest());
  }

  /**
   * A partner saves their answers to an open round, replacing earlier ones. Only the partner
   * themselves can answer: the actor is who the platform says acted, never a name in the form.
   */
  public Case answerReflection(
      UserRef actor, int number, Map<String, Answer> answers, Instant now) {
    requireAllowed(
        actor,
        Action.ANSWER,
        partner(actor).isPresent() ? "refusal.reflection.not-invited" : "refusal.not-a-partner");
    int seq = seqOf(actor);
    boolean first = reflection(number).flatMap(r -> r.answersOf(seq)).isEmpty();
    Reflections answered = reflections.answered(seq, number, answers, now);
    if (answered == reflections) {
      return this;
    }
    return first
        ? with(answered).recorded(now, seq, AuditEvent.REFLECTION_ANSWERED, "" + number)
        : with(answered);
  }

  /**
   * Kring closes a round (its deadline passed, or everyone answered): the answers lose their link
   * to who gave them. Closing the final evaluation closes the case too, with a check-in still open.
   * Closing a closed round changes nothing.
   */
  public Case closeReflection(int number, Instant now, RandomGenerator random) {
    Optional<ReflectionRound> round = reflection(number).filter(ReflectionRound::isOpen);
    if (round.isEmpty()) {
      return this;
    }
    if (round.get().kind() != RoundKind.FINAL || !lifecycle.open()) {
      return roundClosed(round.get(), now, random, 0);
    }
    Case base =
        lastCheckIn()
            .filter(CheckInRound::open)
            .map(r -> closeCheckIn(r.number(), now))
            .orElse(this);
    Case closed = base.roundClosed(round.get(), now, random, 0);
    return closed
        .with(closed.lifecycle.closed(now, Lifecycle.Closure.Reason.FINAL_EVALUATION))
        .recorded(now, 0, AuditEvent.CASE_CLOSED_FINAL);
  }

  /**
   * The coordinator or backup closes an open regular round before its deadline; one that has not
   * opened yet is withdrawn. The final evaluation is closed by closing the case.
   */
  public Case closeReflectionEarly(UserRef actor, int number, Instant now, RandomGenerator random) {
    requireOpen();
    requireAllowed(
        actor,
        Action.CLOSE_REFLECTION,
        partner(actor).isPresent()
            ? "refusal.reflection.only-coordinator-closes"
            : "refusal.not-a-partner");
    ReflectionRound round = reflections.existing(number);
    if (!round.isOpen()) {
      return this;
    }
    if (round.kind() == RoundKind.FINAL) {
      throw new Refusal("refusal.closing");
    }
    return roundClosed(round, now, random, seqOf(actor));
  }

  /**
   * This case with an open round closed: its answers become its anonymous result. A round that
   * waits for a school holiday to pass and has not opened yet is withdrawn, as nobody was asked.
   *
   * @param bySeq the partner who closed it before its deadline, or 0 when Kring did
   */
  private Case roundClosed(ReflectionRound round, Instant now, RandomGenerator random, int bySeq) {
    if (round.opensAfter(now)) {
      return with(reflections.withdrawn(round.number()))
          .recorded(now, bySeq, AuditEvent.REFLECTION_WITHDRAWN, "" + round.number());
    }
    ReflectionRound closed = round.close(random);
    return with(reflections.replaced(closed))
        .recorded(
            now,
            bySeq,
            AuditEvent.REFLECTION_CLOSED,
            "" + closed.number(),
            "" + closed.result().tookPart().size(),
            "" + closed.invited().size());
  }

  /**
   * The coordinator or backup records what the partners agreed to change after a closed round,
   * replacing what was recorded before. The list also becomes the agreement's "improvements we
   * agreed": a new version with the current version's contents and this list, which the partners
   * confirm like any other; the round's improvements name that version (0 without any agreement).
   * Recording the same list again changes nothing.
   */
  public Case agreeImprovements(UserRef actor, int number, List<Improvement> agreed, Instant now) {
    requireAllowed(actor, Action.START_REFLECTION, "refusal.reflection.only-coordinator");
    requireOpen();
    ReflectionRound round = reflections.existing(number);
    if (round.isOpen()) {
      throw new Refusal("refusal.reflection.still-open", number);
    }
    List<String> texts = agreed.stream().map(Improvement::text).toList();
    Optional<Agreement> current = currentAgreement();
    boolean recorded = round.improvements().stream().map(Improvement::text).toList().equals(texts);
    if (recorded && current.map(a -> a.improvements().equals(texts)).orElse(true)) {
      return this;
    }
    Draft draft;
    try {
      draft = current.map(a -> a.draft().withImprovements(texts)).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new Refusal("refusal.bad-form");
    }
    Case withVersion =
        draft == null || draft.sameAs(current.get())
            ? this
            : propose(actor, draft, currentVersion(), now);
    return withVersion
        .with(withVersion.reflections.improved(number, texts, withVersion.currentVersion()))
        .recorded(
            now, seqOf(actor), AuditEvent.REFLECTION_IMPROVEMENTS, "" + number, "" + agreed.size());
  }

  // ---- consent register

  /**
   * A partner records a consent (or another ground) for sharing information: the record, never the
   * evidence. The same terms recorded twice while the first still holds have one effect.
   *
   * @param today the day it is where the case is kept, to tell which records still hold
   */
  public Case recordConsent(UserRef actor, ConsentTerms terms, LocalDate today, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.RECORD_CONSENT, "refusal.consent-who");
    for (int seq : terms.towardsPartners()) {
      if (partner(seq).isEmpty()) {
        throw new Refusal("refusal.unknown-partner", "P" + seq);
      }
    }
    if (terms.informedOn().isAfter(today)) {
      throw new Refusal("refusal.consent-informed-future");
    }
    if (terms.validUntil() != null && terms.validUntil().isBefore(today)) {
      throw new Refusal("refusal.consent-ended");
    }
    if (consents.holds(terms, today)) {
      return this;
    }
    int by = seqOf(actor);
    ConsentRegister more =
        consents
            .add(terms, by, now, today)
            .orElseThrow(() -> new Refusal("refusal.consent-full", ConsentRegister.LIMIT));
    return with(more)
        .recorded(
            now,
            by,
            AuditEvent.CONSENT_RECORDED,
            "" + (more.nextNumber() - 1),
            terms.givenBy().name(),
            terms.basis().name());
  }

  /** A partner records that a consent was withdrawn; withdrawing it twice has one effect. */
  public Case withdrawConsent(UserRef actor, int number, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.RECORD_CONSENT, "refusal.consent-who");
    var record =
        consents.record(number).orElseThrow(() -> new Refusal("refusal.consent-unknown", number));
    if (record.withdrawn()) {
      return this;
    }
    int by = seqOf(actor);
    return with(consents.withdraw(number, new Withdrawal(by, now)))
        .recorded(now, by, AuditEvent.CONSENT_WITHDRAWN, "" + number);
  }

  // ---- helpers

  /**
   * Records something that happened around the case without changing it otherwise; it carries no
   * free text.
   */
  public Case note(Instant at, UserRef actor, AuditEvent event, String... args) {
    return recorded(at, seqOf(actor), event, args);
  }

  /** The same case as stored at a given revision; only storage calls this. */
  public Case atRevision(long newRevision) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        agreements,
        settings,
        activity,
        reflections,
        consents,
        audit,
        newRevision);
  }

  /** Refuses with {@code key} unless the actor may do the action outright here. */
  public void requireAllowed(UserRef actor, Action action, String key) {
    if (permission(actor, action) != Permission.ALLOWED) {
      throw new Refusal(key);
    }
  }

  /** A school knows its own free days: its partners may set them, besides the coordination. */
  private void requireMayChangeFreeDays(UserRef actor) {
    if (permission(actor, Action.CHANGE_CADENCE) != Permission.ALLOWED
        && !(roleOf(actor) == CaseRole.PARTNER && team.fromSchool(actor))) {
      throw new Refusal("refusal.free-day-who");
    }
  }

  private void requireOpen() {
    lifecycle.requireOpen(code);
  }

  /** Updates and check-ins belong to a running case: active and not on hold. */
  private void requireRunning() {
    requireOpen();
    if (status() != CaseStatus.ACTIVE) {
      throw new Refusal("refusal.not-active-yet");
    }
  }

  private int seqOf(UserRef user) {
    return team.seqOf(user);
  }

  private Case recorded(Instant at, int actorSeq, AuditEvent event, String... args) {
    List<AuditEntry> lines = new ArrayList<>(audit);
    lines.add(new AuditEntry(at, actorSeq, event, List.of(args)));
    if (lines.size() > AUDIT_LIMIT) {
      lines.subList(0, lines.size() - AUDIT_LIMIT).clear();
    }
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        agreements,
        settings,
        activity,
        reflections,
        consents,
        lines,
        revision);
  }

  private Case with(Lifecycle value) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        value,
        team,
        agreements,
        settings,
        activity,
        reflections,
        consents,
        audit,
        revision);
  }

  private Case with(Team value) {
    if (value.seqsGiven() < team.seqsGiven()) {
      throw new IllegalStateException("The partner numbers given out never go down");
    }
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        value,
        agreements,
        settings,
        activity,
        reflections,
        consents,
        audit,
        revision);
  }

  private Case with(Agreements value) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        value,
        settings,
        activity,
        reflections,
        consents,
        audit,
        revision);
  }

  private Case with(CaseSettings value) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        agreements,
        value,
        activity,
        reflections,
        consents,
        audit,
        revision);
  }

  private Case with(Activity value) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        agreements,
        settings,
        value,
        reflections,
        consents,
        audit,
        revision);
  }

  private Case with(Reflections value) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        agreements,
        settings,
        activity,
        value,
        consents,
        audit,
        revision);
  }

  private Case with(ConsentRegister value) {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        lifecycle,
        team,
        agreements,
        settings,
        activity,
        reflections,
        value,
        audit,
        revision);
  }
}
