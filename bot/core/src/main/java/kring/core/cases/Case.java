package kring.core.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
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
import kring.scheduler.calendar.WorkingHours;

/**
 * One pupil's support network, bound to one channel: the one aggregate root, stored as one
 * document. Its state lives in parts that own their rules: the {@link Lifecycle}, the {@link Team},
 * the {@link Agreements}, the {@link CaseSettings}, the {@link Activity} (updates, feedback,
 * check-ins, handover notes), the {@link Reflections} and the {@link ConsentRegister}. Every change
 * goes through a method here that checks the actor's role in THIS case, lets a part make the
 * change, records a typed audit line and returns the changed case; the caller stores it with {@link
 * Cases#update}. Nothing is read back from the audit trail: it is history, not state.
 *
 * <p>Why this file is longer than most: it is the one aggregate root, and each of its some fifty
 * commands stays here as its public entry (the flows call them), each no more than the role check,
 * the call to the part that owns the rule and the typed audit line. Reads that belong to one part
 * are asked of that part ({@code kase.team().joinRequest(user)}).
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
    List<AuditEntry> started =
        List.of(new AuditEntry(now, 1, AuditEvent.CASE_STARTED, List.of(code.value())));
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
        started,
        0);
  }

  // ---- reading what spans parts, or what nearly every flow asks

  public CaseStatus status() {
    return lifecycle.status();
  }

  /** Whether the case is on hold: no prompts until it resumes. */
  public boolean paused() {
    return lifecycle.paused();
  }

  /** Whether the final evaluation is open, after which Kring closes the case. */
  public boolean closing() {
    return lifecycle.open() && reflections.finalOpen();
  }

  public List<Partner> partners() {
    return team.partners();
  }

  /** The person's place in the case while they take part; someone who left has none. */
  public Optional<Partner> partner(UserRef user) {
    return team.partner(user);
  }

  public Optional<Partner> partner(int seq) {
    return team.partner(seq);
  }

  /** The partners who must confirm agreements: account holders who act in the case. */
  public List<Partner> confirmingPartners() {
    return team.confirmingPartners();
  }

  /** The partners a reflection round asks: the same as those who confirm agreements. */
  public List<Partner> reflectingPartners() {
    return team.confirmingPartners();
  }

  public Optional<Agreement> currentAgreement() {
    return agreements.current();
  }

  /** The coordinator the agreed version names (P1 before); when they left, the backup. */
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

  /** Refuses with {@code key} unless the actor may do the action outright here. */
  public void requireAllowed(UserRef actor, Action action, RefusalReason reason) {
    if (permission(actor, action) != Permission.ALLOWED) {
      throw new Refusal(reason);
    }
  }

  /** Whether prompts skip school holidays: as set, and always once a school or CLB takes part. */
  public boolean holidaysSkipped() {
    return settings.holidaysSkipped() || !team.youthCareOnly();
  }

  /** The rhythm of check-ins and rounds: the one the coordinator set, else the agreement's. */
  public Cadence cadence() {
    return settings.cadence() != null ? settings.cadence() : agreements.cadence();
  }

  public Optional<ReflectionRound> openReflection() {
    return reflections.open();
  }

  // ---- joining and representing

  /** A channel member asks to join; asking again replaces the earlier request. */
  public Case askToJoin(JoinRequest request) {
    requireOpen();
    return changed(team.asked(request), request.at(), 0, AuditEvent.JOIN_ASKED, request.role());
  }

  /** The coordinator or backup accepts a join request; accepting twice has one effect. */
  public Case acceptJoin(UserRef actor, UserRef applicant, Instant now) {
    requireAllowedOpen(actor, Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    if (partner(applicant).isPresent()) {
      return this;
    }
    Team joined = team.accepted(applicant, now);
    return changed(joined, now, seqOf(actor), AuditEvent.JOIN_ACCEPTED, joined.joined().handle());
  }

  /** The coordinator or backup declines a join request; declining a gone request is a no-op. */
  public Case declineJoin(UserRef actor, UserRef applicant, Instant now) {
    requireAllowedOpen(actor, Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    return team.joinRequest(applicant).isEmpty()
        ? this
        : changed(team.declined(applicant), now, seqOf(actor), AuditEvent.JOIN_DECLINED);
  }

  /** A partner tells the others who they are and what their role is. */
  public Case introduce(
      UserRef actor, String name, String organisation, Sector sector, Role role, Instant now) {
    requireAllowedOpen(actor, Action.INTRODUCE_SELF, RefusalReason.NOT_A_PARTNER);
    Partner before = partner(actor).orElseThrow();
    Team introduced = team.introduced(before.seq(), name, organisation, sector, role);
    return changed(introduced, now, before.seq(), AuditEvent.INTRODUCED, role);
  }

  /** The coordinator or backup adds a person without an account (see {@link Team#represented}). */
  public Case represent(
      UserRef actor, String label, Role role, int representativeSeq, Instant now) {
    requireAllowedOpen(actor, Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    Team more = team.represented(label, role, representativeSeq, now);
    String voice = more.partner(representativeSeq).map(Partner::handle).orElse("");
    AuditEvent added = AuditEvent.REPRESENTED_ADDED;
    return changed(more, now, seqOf(actor), added, more.joined().handle(), voice);
  }

  /** The representative, the coordinator or the backup records a represented person's view. */
  public Case recordVoice(UserRef actor, int seq, String onGoal, String onCollab, Instant now) {
    requireOpen();
    Partner represented = team.representedPerson(seq);
    if (!represented.representedBy().equals(actor)) {
      requireAllowed(actor, Action.ADD_PARTNER, RefusalReason.VOICE_NOT_YOURS);
    }
    Team voiced = team.voiced(seq, new Voice(onGoal, onCollab, seqOf(actor), now));
    return changed(voiced, now, seqOf(actor), AuditEvent.VOICE_RECORDED, represented.handle());
  }

  // ---- agreeing

  /** Proposes a new agreement version built on {@code baseVersion} (see {@link Agreements}). */
  public Case propose(UserRef actor, Draft draft, int baseVersion, Instant now) {
    requireAllowedOpen(actor, Action.PROPOSE_AGREEMENT, RefusalReason.NOT_A_PARTNER);
    Agreements more = agreements.proposed(draft, baseVersion, seqOf(actor), team, now);
    return changed(more, now, seqOf(actor), AuditEvent.AGREEMENT_PROPOSED, more.currentVersion());
  }

  /**
   * A partner confirms the current version; twice has one effect. Once every confirming partner
   * confirmed a complete version it is the agreed version, and an intake case becomes active.
   */
  public Case confirm(UserRef actor, int version, Instant now) {
    requireAllowedOpen(actor, Action.CONFIRM_AGREEMENT, RefusalReason.NOT_A_PARTNER);
    Agreements confirmed = agreements.confirmed(version, seqOf(actor), now);
    Case after = changed(confirmed, now, seqOf(actor), AuditEvent.AGREEMENT_CONFIRMED, version);
    if (after == this || !confirmed.confirmedByAll(confirmingPartners())) {
      return after;
    }
    after =
        after.with(confirmed.agreedOnCurrent()).recorded(now, AuditEvent.AGREEMENT_AGREED, version);
    return status() != CaseStatus.INTAKE
        ? after
        : after.with(lifecycle.agreed()).recorded(now, AuditEvent.CASE_ACTIVE);
  }

  // ---- pausing, moving, closing, erasing

  /**
   * The coordinator or backup puts the case on hold; twice changes nothing. What takes answers
   * closes as when the case closes ({@link #close}). A closing case is not paused.
   */
  public Case pause(UserRef actor, Instant now, RandomGenerator random) {
    requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_PAUSES);
    if (paused()) {
      return this;
    }
    if (closing()) {
      throw new Refusal(RefusalReason.PAUSE_CLOSING);
    }
    Case stopped = roundsClosed(now, random);
    Lifecycle onHold = stopped.lifecycle.paused(new Pause(now, seqOf(actor)));
    return stopped.changed(onHold, now, seqOf(actor), AuditEvent.CASE_PAUSED);
  }

  /** Kring lost the case's channel: the case pauses by itself until a coordinator resumes it. */
  public Case pauseBecauseChannelLost(String reason, Instant now) {
    Case noted = recorded(now, AuditEvent.CHANNEL_LOST, reason);
    return !lifecycle.open() || paused()
        ? noted
        : noted.changed(lifecycle.paused(new Pause(now, 0)), now, 0, AuditEvent.CASE_PAUSED);
  }

  /** The coordinator or backup lets a paused case run again. */
  public Case resume(UserRef actor, Instant now) {
    requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_PAUSES);
    return !paused()
        ? this
        : changed(lifecycle.resumed(), now, seqOf(actor), AuditEvent.CASE_RESUMED);
  }

  /**
   * The coordinator or backup moves the case to another channel in the same space, with all it
   * holds; a case paused because its channel was lost runs again. Stored with {@link Cases#move}.
   */
  public Case moveTo(UserRef actor, ChannelRef to, Instant now) {
    requireAllowedOpen(actor, Action.MOVE_CASE, RefusalReason.ONLY_COORDINATOR_MOVES);
    if (channel.equals(to)) {
      return this;
    }
    if (channel.platform() != to.platform() || !channel.space().equals(to.space())) {
      throw new Refusal(RefusalReason.MOVE_OTHER_SPACE);
    }
    Case moved = with(to).recorded(now, seqOf(actor), AuditEvent.CASE_MOVED);
    return !lifecycle.pausedForChannel()
        ? moved
        : moved.changed(lifecycle.resumed(), now, 0, AuditEvent.CASE_RESUMED);
  }

  /** Kring is back in the channel it lost: a case paused because of it runs again. */
  public Case channelBack(Instant now) {
    return !lifecycle.pausedForChannel() || !lifecycle.open()
        ? this
        : changed(lifecycle.resumed(), now, 0, AuditEvent.CHANNEL_BACK)
            .recorded(now, AuditEvent.CASE_RESUMED);
  }

  /** The coordinator or backup closes the case now; what still takes answers closes with it. */
  public Case close(UserRef actor, Instant now, RandomGenerator random) {
    requireAllowedOpen(actor, Action.CLOSE_CASE, RefusalReason.ONLY_COORDINATOR_CLOSES);
    Case stopped = roundsClosed(now, random);
    Lifecycle closed = stopped.lifecycle.closed(now, Lifecycle.Closure.Reason.COORDINATOR);
    return stopped.changed(closed, now, seqOf(actor), AuditEvent.CASE_CLOSED);
  }

  /**
   * This case with what still takes answers closed, for a case that stops running: the open
   * check-in keeps only its totals, the open round its anonymous result (or is withdrawn).
   */
  private Case roundsClosed(Instant now, RandomGenerator random) {
    Case base = checkInClosed(now);
    return base.openReflection().map(r -> base.roundClosed(r, now, random, 0)).orElse(base);
  }

  private Case checkInClosed(Instant now) {
    Optional<CheckInRound> open = activity.lastCheckIn().filter(CheckInRound::open);
    return open.map(r -> closeCheckIn(r.number(), now)).orElse(this);
  }

  /** Kring closes a case nobody acted in for long, after asking its coordinator. */
  public Case closeForInactivity(Instant now) {
    Lifecycle closed = lifecycle.closed(now, Lifecycle.Closure.Reason.INACTIVITY);
    return !lifecycle.open() ? this : changed(closed, now, 0, AuditEvent.CASE_CLOSED_INACTIVE);
  }

  /** The coordinator or backup proposes to erase the case now, before its retention ends. */
  public Case proposeErasure(UserRef actor, Instant now) {
    requireAllowed(actor, Action.ERASE_CASE, RefusalReason.ERASE_ONLY_COORDINATOR);
    Lifecycle proposed = lifecycle.erasureProposed(now, seqOf(actor));
    return changed(proposed, now, seqOf(actor), AuditEvent.ERASURE_PROPOSED);
  }

  /**
   * A partner who acts, other than the proposer, confirms the erasure: the case closes and may be
   * erased. The proposal must be recent and its proposer still coordinator or backup, so that
   * nobody can erase a case with a button made up from an old one. Twice changes nothing.
   */
  public Case confirmErasure(UserRef actor, Instant now) {
    int seq = seqOf(actor);
    if (!team.acts(seq)) {
      throw new Refusal(RefusalReason.ERASE_PARTNERS_CONFIRM);
    }
    IntPredicate mayErase =
        by ->
            partner(by)
                .map(Partner::user)
                .filter(user -> permission(user, Action.ERASE_CASE) == Permission.ALLOWED)
                .isPresent();
    Lifecycle confirmed = lifecycle.erasureConfirmedBy(seq, now, mayErase);
    return changed(confirmed, now, seq, AuditEvent.ERASURE_CONFIRMED);
  }

  // ---- leaving and forgetting

  /**
   * A person leaves: they said so or left the channel (always theirs to do), or the coordinator or
   * backup removed them. They stay listed as having left, under their number. When the coordinator
   * leaves, the backup takes over, or nobody does. Leaving twice changes nothing.
   */
  public Case leave(UserRef actor, UserRef person, Instant now) {
    requireOpen();
    Optional<Partner> leaving = partner(person);
    if (leaving.isEmpty()) {
      if (actor.equals(person) || team.leftPartner(person).isPresent()) {
        return this;
      }
      throw new Refusal(RefusalReason.NOT_IN_CASE);
    }
    if (!actor.equals(person)) {
      requireAllowed(actor, Action.REMOVE_PARTNER, RefusalReason.ONLY_COORDINATOR_REMOVES);
    }
    Partner gone = leaving.get();
    Optional<Partner> coordinated = coordinator().filter(p -> p.seq() == gone.seq());
    AuditEvent event = actor.equals(person) ? AuditEvent.PARTNER_LEFT : AuditEvent.PARTNER_REMOVED;
    return changed(team.changed(gone.seq(), p -> p.left(now)), now, seqOf(actor), event, gone)
        .representativeGone(person, now)
        .coordinationPassed(coordinated, now);
  }

  /**
   * A person asks Kring to forget them ({@link Action#FORGET_ME}, also after they left): every
   * entry of theirs becomes "a former partner" in the case's language, and what they gave to what
   * still runs goes (see {@link Team#forgotten}, {@link Activity#without}, {@link
   * Reflections#without}). People they spoke for pass on; a coordinator is replaced as on leaving.
   * With nobody left to act, the case closes.
   */
  public Case forget(UserRef person, Instant now) {
    // Everyone this account ever was in the case: someone may have left and come back.
    Set<Integer> seqs =
        partners().stream().filter(p -> p.is(person)).map(Partner::seq).collect(Collectors.toSet());
    if (seqs.isEmpty()) {
      if (team.joinRequest(person).isEmpty()) {
        throw new Refusal(RefusalReason.NOT_A_PARTNER);
      }
      return changed(team.declined(person), now, 0, AuditEvent.PARTNER_FORGOTTEN);
    }
    Optional<Partner> coordinated = coordinator().filter(p -> seqs.contains(p.seq()));
    Team anonymous = team.forgotten(person, seqs, Texts.get(language, "partner.former"), now);
    Case after = with(anonymous).with(activity.without(seqs)).with(reflections.without(seqs));
    if (!anonymous.anyoneActs() && lifecycle.open()) {
      after = after.with(lifecycle.closed(now, Lifecycle.Closure.Reason.NOBODY_LEFT));
    }
    return after
        .recorded(now, AuditEvent.PARTNER_FORGOTTEN)
        .representativeGone(person, now)
        .coordinationPassed(coordinated, now);
  }

  /** The people a partner who went spoke for pass to the coordinator or another who acts. */
  private Case representativeGone(UserRef representative, Instant now) {
    List<Partner> spokenFor = team.spokenForBy(representative);
    Optional<Partner> next =
        coordinator().filter(Partner::confirms).or(() -> confirmingPartners().stream().findFirst());
    Case passed = with(team.passed(spokenFor, next.map(Partner::user).orElse(null), now));
    for (Partner p : spokenFor) {
      String to = next.map(Partner::handle).orElse("—");
      passed = passed.recorded(now, AuditEvent.REPRESENTED_PASSED, p.handle(), to);
    }
    return passed;
  }

  /** After the coordinator went: who took over, or that nobody coordinates. */
  private Case coordinationPassed(Optional<Partner> coordinated, Instant now) {
    Optional<Partner> next = coordinator();
    return coordinated.isEmpty()
        ? this
        : next.isPresent()
            ? recorded(now, AuditEvent.COORDINATOR_TOOK_OVER, next.get().handle())
            : recorded(now, AuditEvent.NO_COORDINATOR, coordinated.get().handle());
  }

  /** A partner who left writes a handover note for their successor; again replaces it. */
  public Case handOver(UserRef author, String note, String successor, Instant now) {
    requireOpen();
    Partner gone =
        team.leftPartner(author).orElseThrow(() -> new Refusal(RefusalReason.HANDOVER_NOT_YOURS));
    Handover written = new Handover(gone.seq(), gone.role(), note, successor, now, List.of());
    return changed(activity.handoverWritten(written), now, gone.seq(), AuditEvent.HANDOVER_WRITTEN);
  }

  /** Marks a handover note as given to the newcomer {@code toSeq}. */
  public Case handoverGiven(int fromSeq, int toSeq, Instant now) {
    Activity given = activity.handoverGiven(fromSeq, toSeq);
    return changed(given, now, toSeq, AuditEvent.HANDOVER_GIVEN, "P" + fromSeq);
  }

  /** The coordinator or backup confirms, at the start of a school year, who is on the team. */
  public Case confirmTeam(UserRef actor, Instant now) {
    requireAllowedOpen(actor, Action.REMOVE_PARTNER, RefusalReason.ONLY_COORDINATOR_REMOVES);
    return note(now, actor, AuditEvent.TEAM_CONFIRMED);
  }

  /** The platform says this partner can no longer be reached; marking twice changes nothing. */
  public Case unreachable(UserRef person, Instant now) {
    Optional<Partner> p = partner(person).filter(partner -> !partner.unreachable());
    return p.isEmpty()
        ? this
        : changed(
            team.changed(p.get().seq(), q -> q.unreachableSince(now)),
            now,
            0,
            AuditEvent.PARTNER_UNREACHABLE,
            p.get());
  }

  /** A partner marked unreachable acted again: reachable. */
  public Case reachable(UserRef person, Instant now) {
    Optional<Partner> p = partner(person).filter(Partner::unreachable);
    return p.isEmpty()
        ? this
        : changed(
            team.changed(p.get().seq(), q -> q.unreachableSince(null)),
            now,
            p.get().seq(),
            AuditEvent.PARTNER_REACHABLE);
  }

  // ---- schedule settings and transitions

  /** The coordinator or backup sets when on a school day the case's prompts may come. */
  public Case setHours(UserRef actor, WorkingHours hours, Instant now) {
    requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_SCHEDULES);
    return settings.hours().equals(hours)
        ? this
        : changed(
            settings.withHours(hours),
            now,
            seqOf(actor),
            AuditEvent.HOURS_SET,
            hours.start(),
            hours.end());
  }

  /** A school partner, the coordinator or the backup adds a free day of the school's own. */
  public Case addFreeDay(UserRef actor, LocalDate day, LocalDate today, Instant now) {
    requireMayChangeFreeDays(actor);
    CaseSettings added = settings.freeDayAdded(day, today);
    return changed(added, now, seqOf(actor), AuditEvent.FREE_DAY_ADDED, day);
  }

  /** Removes a school free day again; removing one the case does not have changes nothing. */
  public Case removeFreeDay(UserRef actor, LocalDate day, Instant now) {
    requireMayChangeFreeDays(actor);
    return !settings.freeDays().contains(day)
        ? this
        : changed(
            settings.freeDayRemoved(day), now, seqOf(actor), AuditEvent.FREE_DAY_REMOVED, day);
  }

  /** The coordinator or backup lets prompts skip school holidays, or (no school partner) not. */
  public Case skipHolidays(UserRef actor, boolean skip, Instant now) {
    requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_SCHEDULES);
    if (!skip && !team.youthCareOnly()) {
      throw new Refusal(RefusalReason.HOLIDAYS_SCHOOL_CASE);
    }
    AuditEvent event = skip ? AuditEvent.HOLIDAYS_SKIPPED : AuditEvent.HOLIDAYS_WORKED;
    return settings.holidaysSkipped() == skip
        ? this
        : changed(settings.withHolidaysSkipped(skip), now, seqOf(actor), event);
  }

  /** The coordinator or backup sets the rhythm, or with null returns to the agreement's. */
  public Case setCadence(UserRef actor, Cadence cadence, Instant now) {
    requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_SCHEDULES);
    CaseSettings set = settings.withCadence(cadence);
    return Objects.equals(settings.cadence(), cadence)
        ? this
        : cadence == null
            ? changed(set, now, seqOf(actor), AuditEvent.CADENCE_AGREED)
            : changed(
                set,
                now,
                seqOf(actor),
                AuditEvent.CADENCE_SET,
                cadence.checkInWeeks(),
                cadence.reflectionWeeks());
  }

  /** A partner who acts records a known transition (see {@link CaseSettings#transitionAdded}). */
  public Case addTransition(UserRef actor, Transition transition, LocalDate today, Instant now) {
    requireAllowedOpen(actor, Action.RECORD_TRANSITION, RefusalReason.TRANSITION_WHO);
    CaseSettings added = settings.transitionAdded(transition, today);
    return changed(
        added, now, seqOf(actor), AuditEvent.TRANSITION_ADDED, transition.on(), transition.kind());
  }

  /** A partner who acts removes the transition numbered {@code number} from today on. */
  public Case removeTransition(UserRef actor, int number, LocalDate today, Instant now) {
    requireAllowedOpen(actor, Action.RECORD_TRANSITION, RefusalReason.TRANSITION_WHO);
    Transition gone = settings.upcomingTransition(number, today);
    return changed(
        settings.transitionRemoved(number, today),
        now,
        seqOf(actor),
        AuditEvent.TRANSITION_REMOVED,
        gone.on(),
        gone.kind());
  }

  // ---- running: updates, feedback, check-ins

  /** A partner gave news, or said there is nothing new: only when and which is kept. */
  public Case updated(UserRef actor, boolean nothingNew, Instant now) {
    requireRunning(actor, Action.POST_UPDATE);
    return with(activity.updated(seqOf(actor), nothingNew, now));
  }

  /** A partner's update asks other partners who act for feedback, under the next number. */
  public Case askFeedback(UserRef actor, List<Integer> addressed, Instant now) {
    requireRunning(actor, Action.POST_UPDATE);
    int from = seqOf(actor);
    List<Integer> asked =
        addressed.stream().distinct().filter(s -> s != from && team.acts(s)).sorted().toList();
    if (asked.isEmpty()) {
      throw new Refusal(RefusalReason.FEEDBACK_NOBODY);
    }
    return with(activity.feedbackAsked(from, asked, now));
  }

  /** A partner asked for feedback says they saw or answered the update. */
  public Case feedbackGiven(UserRef actor, int number, Instant now) {
    requireOpen();
    return with(activity.feedbackGiven(seqOf(actor), number));
  }

  /** The schedule opens check-in {@code number} for every partner who acts and can be reached. */
  public Case openCheckIn(int number, Instant now, Instant closesAt) {
    requireRunning(null, null);
    if (closing()) {
      throw new Refusal(RefusalReason.CLOSING);
    }
    List<Integer> invited =
        confirmingPartners().stream().filter(p -> !p.unreachable()).map(Partner::seq).toList();
    Activity opened = activity.checkInOpened(number, now, closesAt, invited);
    return changed(opened, now, 0, AuditEvent.CHECK_IN_OPENED, number);
  }

  /** A partner answers an open check-in, or skips it ({@code answers} null). */
  public Case answerCheckIn(
      UserRef actor, int number, Map<CheckInQuestion, CheckInAnswer> answers, Instant now) {
    requireAllowedOpen(actor, Action.ANSWER, RefusalReason.NOT_A_PARTNER);
    return with(activity.checkInAnswered(seqOf(actor), number, answers, now));
  }

  /** Closes a check-in: only the tally stays. Closing a closed round changes nothing. */
  public Case closeCheckIn(int number, Instant now) {
    return changed(activity.checkInClosed(number), now, 0, AuditEvent.CHECK_IN_CLOSED, number);
  }

  // ---- reflection rounds

  /** The coordinator or backup starts a reflection round (see {@link Reflections#opened}). */
  public Case startReflection(
      UserRef actor,
      RoundKind kind,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    requireAllowed(actor, Action.START_REFLECTION, RefusalReason.REFLECTION_ONLY_COORDINATOR);
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

  /** The coordinator or backup starts the final evaluation; when it closes, so does the case. */
  public Case startFinalReflection(
      UserRef actor,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    requireAllowedOpen(actor, Action.CLOSE_CASE, RefusalReason.ONLY_COORDINATOR_CLOSES);
    if (status() != CaseStatus.ACTIVE) {
      throw new Refusal(RefusalReason.FINAL_NOT_ACTIVE);
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
    return changed(more, now, startedBy, AuditEvent.REFLECTION_STARTED, more.newest());
  }

  /** A partner saves their answers to an open round; only they can, never a name in a form. */
  public Case answerReflection(
      UserRef actor, int number, Map<String, Answer> answers, Instant now) {
    RefusalReason refusal =
        partner(actor).isPresent()
            ? RefusalReason.REFLECTION_NOT_INVITED
            : RefusalReason.NOT_A_PARTNER;
    requireAllowed(actor, Action.ANSWER, refusal);
    int seq = seqOf(actor);
    boolean first = reflections.round(number).flatMap(r -> r.answersOf(seq)).isEmpty();
    Reflections answered = reflections.answered(seq, number, answers, now);
    return first
        ? changed(answered, now, seq, AuditEvent.REFLECTION_ANSWERED, number)
        : with(answered);
  }

  /**
   * Kring closes a round (its deadline passed, or everyone answered): the answers lose their link
   * to who gave them. The final evaluation closes the case with it, and a check-in still open.
   */
  public Case closeReflection(int number, Instant now, RandomGenerator random) {
    Optional<ReflectionRound> round = reflections.round(number).filter(ReflectionRound::isOpen);
    if (round.isEmpty() || round.get().kind() != RoundKind.FINAL || !lifecycle.open()) {
      return round.map(r -> roundClosed(r, now, random, 0)).orElse(this);
    }
    Case closed = checkInClosed(now).roundClosed(round.get(), now, random, 0);
    Lifecycle.Closure.Reason reason = Lifecycle.Closure.Reason.FINAL_EVALUATION;
    return closed.changed(
        closed.lifecycle.closed(now, reason), now, 0, AuditEvent.CASE_CLOSED_FINAL);
  }

  /** The coordinator or backup closes an open regular round before its deadline. */
  public Case closeReflectionEarly(UserRef actor, int number, Instant now, RandomGenerator random) {
    requireOpen();
    RefusalReason refusal =
        partner(actor).isPresent()
            ? RefusalReason.REFLECTION_ONLY_COORDINATOR_CLOSES
            : RefusalReason.NOT_A_PARTNER;
    requireAllowed(actor, Action.CLOSE_REFLECTION, refusal);
    ReflectionRound round = reflections.existing(number);
    if (!round.isOpen()) {
      return this;
    }
    if (round.kind() == RoundKind.FINAL) {
      throw new Refusal(RefusalReason.CLOSING);
    }
    return roundClosed(round, now, random, seqOf(actor));
  }

  /**
   * This case with an open round closed to its anonymous result; one that waits for a school
   * holiday to pass and never opened is withdrawn. {@code bySeq} is 0 when Kring closed it.
   */
  private Case roundClosed(ReflectionRound round, Instant now, RandomGenerator random, int bySeq) {
    if (round.opensAfter(now)) {
      Reflections withdrawn = reflections.withdrawn(round.number());
      return changed(withdrawn, now, bySeq, AuditEvent.REFLECTION_WITHDRAWN, round.number());
    }
    ReflectionRound closed = round.close(random);
    return changed(
        reflections.replaced(closed),
        now,
        bySeq,
        AuditEvent.REFLECTION_CLOSED,
        closed.number(),
        closed.result().tookPart().size(),
        closed.invited().size());
  }

  /**
   * The coordinator or backup records what the partners agreed to change after a closed round. The
   * list also becomes the agreement's "improvements we agreed": a new version the partners confirm
   * like any other, which the round's improvements name (0 without any agreement). The same list
   * again changes nothing.
   */
  public Case agreeImprovements(UserRef actor, int number, List<Improvement> agreed, Instant now) {
    requireAllowed(actor, Action.START_REFLECTION, RefusalReason.REFLECTION_ONLY_COORDINATOR);
    requireOpen();
    ReflectionRound round = reflections.existing(number);
    if (round.isOpen()) {
      throw new Refusal(RefusalReason.REFLECTION_STILL_OPEN, number);
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
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    Case withVersion =
        draft == null || draft.sameAs(current.get())
            ? this
            : propose(actor, draft, agreements.currentVersion(), now);
    Reflections improved =
        withVersion.reflections.improved(number, texts, withVersion.agreements.currentVersion());
    return withVersion.changed(
        improved, now, seqOf(actor), AuditEvent.REFLECTION_IMPROVEMENTS, number, agreed.size());
  }

  // ---- consent register

  /**
   * A partner records a consent (or another ground) for sharing: the record, never the evidence.
   * The same terms twice while the first still holds have one effect.
   *
   * @param today the day it is where the case is kept, to tell which records still hold
   */
  public Case recordConsent(UserRef actor, ConsentTerms terms, LocalDate today, Instant now) {
    requireAllowedOpen(actor, Action.RECORD_CONSENT, RefusalReason.CONSENT_WHO);
    for (int seq : terms.towardsPartners()) {
      if (partner(seq).isEmpty()) {
        throw new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + seq);
      }
    }
    if (terms.informedOn().isAfter(today)) {
      throw new Refusal(RefusalReason.CONSENT_INFORMED_FUTURE);
    }
    if (terms.validUntil() != null && terms.validUntil().isBefore(today)) {
      throw new Refusal(RefusalReason.CONSENT_ENDED);
    }
    if (consents.holds(terms, today)) {
      return this;
    }
    ConsentRegister more =
        consents
            .add(terms, seqOf(actor), now, today)
            .orElseThrow(() -> new Refusal(RefusalReason.CONSENT_FULL, ConsentRegister.LIMIT));
    return changed(
        more,
        now,
        seqOf(actor),
        AuditEvent.CONSENT_RECORDED,
        more.nextNumber() - 1,
        terms.givenBy(),
        terms.basis());
  }

  /** A partner records that a consent was withdrawn; withdrawing it twice has one effect. */
  public Case withdrawConsent(UserRef actor, int number, Instant now) {
    requireAllowedOpen(actor, Action.RECORD_CONSENT, RefusalReason.CONSENT_WHO);
    var record =
        consents
            .record(number)
            .orElseThrow(() -> new Refusal(RefusalReason.CONSENT_UNKNOWN, number));
    if (record.withdrawn()) {
      return this;
    }
    ConsentRegister withdrawn = consents.withdraw(number, new Withdrawal(seqOf(actor), now));
    return changed(withdrawn, now, seqOf(actor), AuditEvent.CONSENT_WITHDRAWN, number);
  }

  // ---- helpers

  /** Records something that happened around the case without changing it; no free text. */
  public Case note(Instant at, UserRef actor, AuditEvent event, String... args) {
    return changed(null, at, seqOf(actor), event, (Object[]) args);
  }

  /** The same case as stored at a given revision; only storage calls this. */
  public Case atRevision(long newRevision) {
    return with(Long.valueOf(newRevision));
  }

  /** A school knows its own free days: its partners may set them, besides the coordination. */
  private void requireMayChangeFreeDays(UserRef actor) {
    requireOpen();
    if (permission(actor, Action.CHANGE_CADENCE) != Permission.ALLOWED
        && !(roleOf(actor) == CaseRole.PARTNER && team.fromSchool(actor))) {
      throw new Refusal(RefusalReason.FREE_DAY_WHO);
    }
  }

  private void requireOpen() {
    lifecycle.requireOpen(code);
  }

  private void requireAllowedOpen(UserRef actor, Action action, RefusalReason reason) {
    requireOpen();
    requireAllowed(actor, action, reason);
  }

  /** Updates and check-ins belong to an active case; {@code actor} null when the schedule acts. */
  private void requireRunning(UserRef actor, Action action) {
    requireOpen();
    if (status() != CaseStatus.ACTIVE) {
      throw new Refusal(RefusalReason.NOT_ACTIVE_YET);
    }
    if (actor != null) {
      requireAllowed(actor, action, RefusalReason.NOT_A_PARTNER);
    }
  }

  private int seqOf(UserRef user) {
    return team.seqOf(user);
  }

  /**
   * This case with a changed part and the audit line that says so; this very case when the part is
   * the one it has (the change changed nothing). A null part records the line alone. Values are
   * recorded as text: enums by their name, partners by their handle.
   */
  private Case changed(Object part, Instant at, int by, AuditEvent event, Object... args) {
    Case changed = part == null ? this : with(part);
    return part != null && changed == this
        ? this
        : changed.with(new AuditEntry(at, by, event, Stream.of(args).map(Case::text).toList()));
  }

  /** Records a line of Kring's own, changing nothing else. */
  private Case recorded(Instant at, AuditEvent event, Object... args) {
    return changed(null, at, 0, event, args);
  }

  private Case recorded(Instant at, int by, AuditEvent event, Object... args) {
    return changed(null, at, by, event, args);
  }

  private static String text(Object value) {
    return value instanceof Partner p
        ? p.handle()
        : value instanceof Enum<?> e ? e.name() : String.valueOf(value);
  }

  /**
   * This case with one thing replaced: a part, the channel or the revision (a {@code Long}), or
   * with an {@link AuditEntry} added to its trail (the oldest lines drop off beyond {@link
   * #AUDIT_LIMIT}); this very case when the part is the one it has.
   */
  private Case with(Object part) {
    List<AuditEntry> lines = audit;
    if (part instanceof AuditEntry line) {
      lines = new ArrayList<>(audit);
      lines.add(line);
      lines = lines.subList(Math.max(0, lines.size() - AUDIT_LIMIT), lines.size());
    }
    if (part instanceof Team t && t.seqsGiven() < team.seqsGiven()) {
      throw new IllegalStateException("The partner numbers given out never go down");
    }
    Case changed =
        new Case(
            code,
            initials,
            part instanceof ChannelRef p ? p : channel,
            language,
            startedAt,
            part instanceof Lifecycle p ? p : lifecycle,
            part instanceof Team p ? p : team,
            part instanceof Agreements p ? p : agreements,
            part instanceof CaseSettings p ? p : settings,
            part instanceof Activity p ? p : activity,
            part instanceof Reflections p ? p : reflections,
            part instanceof ConsentRegister p ? p : consents,
            lines,
            part instanceof Long p ? p : revision);
    return part == lifecycle
            || part == team
            || part == agreements
            || part == settings
            || part == activity
            || part == reflections
            || part == consents
        ? this
        : changed;
  }
}
