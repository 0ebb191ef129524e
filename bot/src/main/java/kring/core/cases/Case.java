package kring.core.cases;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.Confirmation;
import kring.core.agreement.EvaluationPlan;
import kring.core.agreement.Task;
import kring.core.calendar.FlemishHolidays;
import kring.core.calendar.WorkingHours;
import kring.core.checkin.AnswersGiven;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.checkin.Tally;
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
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.partners.Voice;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.Improvement;
import kring.core.reflection.PartnerAnswers;
import kring.core.reflection.Question;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.updates.FeedbackRequest;
import kring.core.updates.UpdateMark;

/**
 * One pupil's support network, bound to one channel. Every change goes through a method here that
 * checks the actor's role in THIS case, returns the changed case and records an audit line; the
 * caller stores it with {@link Cases#update}.
 *
 * @param code the pseudonymous code
 * @param initials the pupil's initials, or null
 * @param status intake, active or closed
 * @param channel the channel the case is bound to
 * @param language the language of the case's channel posts
 * @param startedAt when the case was started
 * @param partners everyone in the case, in the order they joined; a forgotten partner is gone
 * @param seqsGiven how many partner numbers the case gave out: P1 up to this one. It never goes
 *     down, so a number is never given to a second person, not even after the first was forgotten
 *     and nothing else names them; a consent recorded towards a number stays with that person
 * @param joinRequests channel members waiting to be accepted
 * @param agreements every agreement version, oldest first
 * @param agreedVersion the newest version every confirming partner confirmed, or 0
 * @param pause the pause the case is on, or null while it runs
 * @param settings how the case's schedule differs from Kring's defaults
 * @param activity who updated when, feedback asked, check-in rounds
 * @param reflections the reflection rounds, oldest first, at most {@link #REFLECTIONS_KEPT}; only
 *     an open round holds attributed answers
 * @param consents the consent register: what consent for sharing exists, never the evidence
 * @param audit the audit trail, oldest first, capped at {@link #AUDIT_LIMIT} lines
 * @param revision the stored revision this case was read at (storage's concurrency token)
 */
public record Case(
    CaseCode code,
    Initials initials,
    CaseStatus status,
    ChannelRef channel,
    Language language,
    Instant startedAt,
    List<Partner> partners,
    int seqsGiven,
    List<JoinRequest> joinRequests,
    List<Agreement> agreements,
    int agreedVersion,
    Pause pause,
    CaseSettings settings,
    Activity activity,
    List<ReflectionRound> reflections,
    ConsentRegister consents,
    List<AuditEntry> audit,
    long revision) {

  /** How many reflection rounds a case keeps for its trend; older ones drop off. */
  public static final int REFLECTIONS_KEPT = 20;

  /** How many audit lines a case keeps; older ones drop off. */
  public static final int AUDIT_LIMIT = 500;

  /** How many people a case may hold; a support network is small. */
  public static final int PARTNER_LIMIT = 40;

  public Case {
    if (code == null || status == null || channel == null || language == null) {
      throw new IllegalArgumentException("A case needs a code, a status, a channel and a language");
    }
    partners = List.copyOf(partners);
    joinRequests = List.copyOf(joinRequests);
    agreements = List.copyOf(agreements);
    settings = settings == null ? CaseSettings.DEFAULT : settings;
    activity = activity == null ? Activity.NONE : activity;
    reflections = reflections == null ? List.of() : List.copyOf(reflections);
    if (reflections.size() > REFLECTIONS_KEPT) {
      throw new IllegalArgumentException("A case keeps at most " + REFLECTIONS_KEPT + " rounds");
    }
    if (reflections.stream().filter(ReflectionRound::isOpen).count() > 1) {
      throw new IllegalArgumentException("A case has at most one open reflection round");
    }
    consents = consents == null ? ConsentRegister.EMPTY : consents;
    audit = List.copyOf(audit);
    if (partners.stream().anyMatch(p -> p.seq() > seqsGiven)) {
      throw new IllegalArgumentException("A partner holds a number the case never gave out");
    }
    // A consent towards a number not given out yet would pass to whoever gets it next.
    if (consents.records().stream()
        .flatMap(r -> r.terms().towardsPartners().stream())
        .anyMatch(seq -> seq > seqsGiven)) {
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
    Partner first =
        new Partner(1, starter, starterName, null, null, null, Membership.PARTNER, null, now);
    return new Case(
        code,
        initials,
        CaseStatus.INTAKE,
        channel,
        language,
        now,
        List.of(first),
        first.seq(),
        List.of(),
        List.of(),
        0,
        null,
        CaseSettings.DEFAULT,
        Activity.NONE,
        List.of(),
        ConsentRegister.EMPTY,
        List.of(new AuditEntry(now, 1, AuditEvent.CASE_STARTED, List.of(code.value()))),
        0);
  }

  // ---- reading

  /** The person's place in the case while they take part; someone who left has none. */
  public Optional<Partner> partner(UserRef user) {
    return partners.stream().filter(p -> p.is(user) && p.active()).findFirst();
  }

  /** The person as a partner who left the case, most recently, if they did. */
  public Optional<Partner> leftPartner(UserRef user) {
    return partners.stream()
        .filter(p -> p.is(user) && !p.active())
        .reduce((earlier, later) -> later);
  }

  public Optional<Partner> partner(int seq) {
    return partners.stream().filter(p -> p.seq() == seq).findFirst();
  }

  public Optional<JoinRequest> joinRequest(UserRef user) {
    return joinRequests.stream().filter(r -> r.user().equals(user)).findFirst();
  }

  /** The newest agreement version, if anyone proposed one. */
  public Optional<Agreement> currentAgreement() {
    return agreements.isEmpty()
        ? Optional.empty()
        : Optional.of(agreements.get(agreements.size() - 1));
  }

  /** The newest version every confirming partner confirmed, if any. */
  public Optional<Agreement> agreed() {
    return agreements.stream().filter(a -> a.version() == agreedVersion).findFirst();
  }

  public int currentVersion() {
    return currentAgreement().map(Agreement::version).orElse(0);
  }

  /** The collaboration level of the agreed version, or of the current proposal before that. */
  public CollaborationLevel level() {
    return agreed()
        .or(this::currentAgreement)
        .map(a -> a.evaluation().level())
        .orElse(CollaborationLevel.COORDINATION);
  }

  /**
   * The coordinating partner: the one named in the agreed version; until there is one, the person
   * who started the case (while they are still in it).
   */
  public Optional<Partner> coordinator() {
    int seq = agreed().map(Agreement::coordinatorSeq).orElse(1);
    Optional<Partner> named = partner(seq).filter(Partner::active);
    // The coordinator left: the backup takes over their powers (see Action).
    return named.isPresent() ? named : namedBackup();
  }

  /** The backup, while they are not standing in for a coordinator who left. */
  public Optional<Partner> backup() {
    return partner(agreed().map(Agreement::coordinatorSeq).orElse(1))
        .filter(Partner::active)
        .flatMap(coordinating -> namedBackup());
  }

  private Optional<Partner> namedBackup() {
    return agreed()
        .map(Agreement::backupSeq)
        .filter(seq -> seq > 0)
        .flatMap(this::partner)
        .filter(Partner::active);
  }

  /** The role of a person in this case. */
  public CaseRole roleOf(UserRef user) {
    Optional<Partner> partner = partner(user);
    if (partner.isEmpty()) {
      return CaseRole.NON_MEMBER;
    }
    if (coordinator().filter(c -> c.is(user)).isPresent()) {
      return CaseRole.COORDINATOR;
    }
    if (backup().filter(b -> b.is(user)).isPresent()) {
      return CaseRole.BACKUP;
    }
    return partner.get().membership() == Membership.INFORMED_ONLY
        ? CaseRole.INFORMED_ONLY
        : CaseRole.PARTNER;
  }

  /** What this person may do with this action here. */
  public Permission permission(UserRef user, Action action) {
    return action.forRole(roleOf(user));
  }

  /** Whether this person takes part in the case or is waiting to be accepted. */
  public boolean involves(UserRef user) {
    return partner(user).isPresent() || joinRequest(user).isPresent();
  }

  /** Everyone with an account the case knows: partners and people waiting to join. */
  public List<UserRef> people() {
    List<UserRef> people = new ArrayList<>();
    partners.stream().filter(p -> p.hasAccount() && p.active()).forEach(p -> people.add(p.user()));
    joinRequests.forEach(r -> people.add(r.user()));
    return people;
  }

  /** The partners who must confirm agreements: account holders who act in the case. */
  public List<Partner> confirmingPartners() {
    return partners.stream().filter(Partner::confirms).toList();
  }

  /** Whether no partner comes from a school or the CLB, so the case may work through holidays. */
  public boolean youthCareOnly() {
    return partners.stream()
        .noneMatch(p -> p.sector() == Sector.EDUCATION || p.sector() == Sector.CLB);
  }

  /**
   * Whether the case's prompts skip school holidays: as set, except that they always do once a
   * school or CLB partner takes part (they are off then, even if the setting predates them).
   */
  public boolean holidaysSkipped() {
    return settings.holidaysSkipped() || !youthCareOnly();
  }

  /**
   * The rhythm of check-ins and reflection rounds: the one the coordinator set, else the
   * agreement's.
   */
  public Cadence cadence() {
    return settings.cadence() != null ? settings.cadence() : agreementCadence();
  }

  /**
   * The rhythm the agreement sets: the agreed version's (or, before there is one, the current
   * proposal's), else the default for the collaboration level.
   */
  public Cadence agreementCadence() {
    EvaluationPlan plan =
        agreed()
            .or(this::currentAgreement)
            .map(Agreement::evaluation)
            .orElseGet(() -> EvaluationPlan.defaultFor(level()));
    return new Cadence(plan.checkInWeeks(), plan.reflectionWeeks());
  }

  // ---- changing

  /** A channel member asks to join; asking again replaces the earlier request. */
  public Case askToJoin(JoinRequest request) {
    requireOpen();
    if (partner(request.user()).isPresent()) {
      throw new Refusal("refusal.already-partner");
    }
    if (partners.stream().filter(Partner::active).count() + joinRequests.size() >= PARTNER_LIMIT) {
      throw new Refusal("refusal.case-full", PARTNER_LIMIT);
    }
    Optional<JoinRequest> earlier = joinRequest(request.user());
    if (earlier.isPresent() && earlier.get().sameAs(request)) {
      return this;
    }
    List<JoinRequest> requests = without(joinRequests, r -> r.user().equals(request.user()));
    requests.add(request);
    return edit()
        .joinRequests(requests)
        .audit(request.at(), 0, AuditEvent.JOIN_ASKED, request.role().name())
        .done();
  }

  /** The coordinator or backup accepts a join request; accepting twice has one effect. */
  public Case acceptJoin(UserRef actor, UserRef applicant, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ADD_PARTNER, "refusal.only-coordinator-accepts");
    if (partner(applicant).isPresent()) {
      return this;
    }
    JoinRequest request =
        joinRequest(applicant).orElseThrow(() -> new Refusal("refusal.no-join-request"));
    Membership membership = request.informedOnly() ? Membership.INFORMED_ONLY : Membership.PARTNER;
    Partner joined =
        new Partner(
            nextSeq(),
            applicant,
            request.displayName(),
            request.organisation(),
            request.sector(),
            request.role(),
            membership,
            null,
            now);
    List<Partner> more = new ArrayList<>(partners);
    more.add(joined);
    return edit()
        .partners(more)
        .seqsGiven(joined.seq())
        .joinRequests(without(joinRequests, r -> r.user().equals(applicant)))
        .audit(now, seqOf(actor), AuditEvent.JOIN_ACCEPTED, joined.handle())
        .done();
  }

  /** The coordinator or backup declines a join request; declining a gone request is a no-op. */
  public Case declineJoin(UserRef actor, UserRef applicant, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ADD_PARTNER, "refusal.only-coordinator-accepts");
    if (joinRequest(applicant).isEmpty()) {
      return this;
    }
    return edit()
        .joinRequests(without(joinRequests, r -> r.user().equals(applicant)))
        .audit(now, seqOf(actor), AuditEvent.JOIN_DECLINED)
        .done();
  }

  /** A partner tells the others who they are and what their role is. */
  public Case introduce(
      UserRef actor, String name, String organisation, Sector sector, Role role, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.INTRODUCE_SELF, "refusal.not-a-partner");
    Partner before = partner(actor).orElseThrow();
    Partner after = before.introduce(name, organisation, sector, role);
    if (after.equals(before)) {
      return this;
    }
    List<Partner> changed =
        partners.stream().map(p -> p.seq() == before.seq() ? after : p).toList();
    return edit()
        .partners(changed)
        .audit(now, before.seq(), AuditEvent.INTRODUCED, role.name())
        .done();
  }

  /**
   * Proposes a new agreement version built on {@code baseVersion}. A proposal built on an older
   * version is refused (someone changed it meanwhile); the same proposal sent twice has one effect.
   */
  public Case propose(UserRef actor, Draft draft, int baseVersion, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.PROPOSE_AGREEMENT, "refusal.not-a-partner");
    Optional<Agreement> current = currentAgreement();
    if (current.isPresent() && draft.sameAs(current.get())) {
      return this;
    }
    if (baseVersion != currentVersion()) {
      throw new Refusal("refusal.stale-version", baseVersion, currentVersion());
    }
    checkNamesPartners(draft);
    int proposer = seqOf(actor);
    Agreement next =
        current
            .map(a -> a.next(draft, proposer, now))
            .orElseGet(() -> Agreement.first(draft, proposer, now));
    List<Agreement> versions = new ArrayList<>(agreements);
    versions.add(next);
    return edit()
        .agreements(versions)
        .audit(now, proposer, AuditEvent.AGREEMENT_PROPOSED, String.valueOf(next.version()))
        .done();
  }

  /**
   * A partner confirms an agreement version. Only the current version can be confirmed; confirming
   * twice has one effect. When every confirming partner confirmed a complete version, it becomes
   * the agreed version and an intake case becomes active.
   */
  public Case confirm(UserRef actor, int version, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CONFIRM_AGREEMENT, "refusal.not-a-partner");
    Agreement current = currentAgreement().orElseThrow(() -> new Refusal("refusal.no-agreement"));
    if (version != current.version()) {
      throw new Refusal("refusal.stale-version", version, current.version());
    }
    int seq = seqOf(actor);
    if (current.confirmedBy(seq)) {
      return this;
    }
    Agreement confirmed = current.confirm(seq, now);
    List<Agreement> versions = new ArrayList<>(agreements);
    versions.set(versions.size() - 1, confirmed);
    Edit edit =
        edit().agreements(versions).audit(now, seq, AuditEvent.AGREEMENT_CONFIRMED, "" + version);
    boolean everyone = confirmingPartners().stream().allMatch(p -> confirmed.confirmedBy(p.seq()));
    if (everyone && confirmed.complete()) {
      edit.agreedVersion(version).audit(now, 0, AuditEvent.AGREEMENT_AGREED, "" + version);
      if (status == CaseStatus.INTAKE) {
        edit.status(CaseStatus.ACTIVE).audit(now, 0, AuditEvent.CASE_ACTIVE);
      }
    }
    return edit.done();
  }

  /** Whether the case is on hold: no prompts until it resumes. */
  public boolean paused() {
    return pause != null;
  }

  /**
   * The coordinator or backup puts the case on hold; pausing a paused case changes nothing. A
   * check-in or reflection round still open closes as it would when the case closes ({@link
   * #close}), so that no answers stay linked to who gave them through the pause. A closing case
   * (its final evaluation runs) is not paused: that would close it.
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
    return roundsClosed(now, random)
        .pause(new Pause(now, seqOf(actor)))
        .audit(now, seqOf(actor), AuditEvent.CASE_PAUSED)
        .done();
  }

  /**
   * Kring lost the case's channel (archived, deleted, Kring removed): the case pauses by itself, so
   * no prompt goes out into the void, and resumes when a coordinator says so.
   */
  public Case pauseBecauseChannelLost(String reason, Instant now) {
    if (status == CaseStatus.CLOSED || paused()) {
      return note(now, null, AuditEvent.CHANNEL_LOST, reason);
    }
    return edit()
        .pause(new Pause(now, 0))
        .audit(now, 0, AuditEvent.CHANNEL_LOST, reason)
        .audit(now, 0, AuditEvent.CASE_PAUSED)
        .done();
  }

  /**
   * The platform said this partner's account can no longer be reached (deactivated): marked, so the
   * case card shows it and the coordinator can find a new contact. Marking twice changes nothing; a
   * partner who acts again is reachable again ({@link #reachable}).
   */
  public Case unreachable(UserRef person, Instant now) {
    Optional<Partner> partner = partner(person);
    if (partner.isEmpty() || partner.get().unreachable()) {
      return this;
    }
    Partner marked = partner.get().unreachableSince(now);
    return edit()
        .partners(partners.stream().map(p -> p.seq() == marked.seq() ? marked : p).toList())
        .audit(now, 0, AuditEvent.PARTNER_UNREACHABLE, marked.handle())
        .done();
  }

  /** A partner marked unreachable acted again: reachable. */
  public Case reachable(UserRef person, Instant now) {
    Optional<Partner> partner = partner(person);
    if (partner.isEmpty() || !partner.get().unreachable()) {
      return this;
    }
    Partner back = partner.get().unreachableSince(null);
    return edit()
        .partners(partners.stream().map(p -> p.seq() == back.seq() ? back : p).toList())
        .audit(now, back.seq(), AuditEvent.PARTNER_REACHABLE)
        .done();
  }

  /** The coordinator or backup lets a paused case run again. */
  public Case resume(UserRef actor, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-pauses");
    if (!paused()) {
      return this;
    }
    return edit().pause(null).audit(now, seqOf(actor), AuditEvent.CASE_RESUMED).done();
  }

  /** The coordinator or backup sets when on a school day the case's prompts may come. */
  public Case setHours(UserRef actor, WorkingHours hours, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-schedules");
    if (settings.hours().equals(hours)) {
      return this;
    }
    return edit()
        .settings(settings.withHours(hours))
        .audit(
            now,
            seqOf(actor),
            AuditEvent.HOURS_SET,
            hours.start().toString(),
            hours.end().toString())
        .done();
  }

  /**
   * A school partner, the coordinator or the backup adds a free day of the school's own: a school
   * day from {@code today} to the end of the next school year. Adding it twice has one effect; free
   * days already past are dropped, so they do not count against the limit.
   */
  public Case addFreeDay(UserRef actor, LocalDate day, LocalDate today, Instant now) {
    requireOpen();
    requireMayChangeFreeDays(actor);
    if (settings.freeDays().contains(day)) {
      return this;
    }
    if (day.isBefore(today)
        || FlemishHolidays.schoolYearOf(day) > FlemishHolidays.schoolYearOf(today) + 1) {
      throw new Refusal("refusal.free-day-when", day.toString());
    }
    if (day.getDayOfWeek() == DayOfWeek.SATURDAY
        || day.getDayOfWeek() == DayOfWeek.SUNDAY
        || FlemishHolidays.on(day).isPresent()) {
      throw new Refusal("refusal.free-day-not-school-day", day.toString());
    }
    List<LocalDate> days = without(settings.freeDays(), d -> d.isBefore(today));
    days.add(day);
    days.sort(null);
    if (days.size() > CaseSettings.FREE_DAY_LIMIT) {
      throw new Refusal("refusal.free-days-full", CaseSettings.FREE_DAY_LIMIT);
    }
    return edit()
        .settings(settings.withFreeDays(days))
        .audit(now, seqOf(actor), AuditEvent.FREE_DAY_ADDED, day.toString())
        .done();
  }

  /** Removes a school free day again; removing one the case does not have changes nothing. */
  public Case removeFreeDay(UserRef actor, LocalDate day, Instant now) {
    requireOpen();
    requireMayChangeFreeDays(actor);
    if (!settings.freeDays().contains(day)) {
      return this;
    }
    return edit()
        .settings(settings.withFreeDays(without(settings.freeDays(), day::equals)))
        .audit(now, seqOf(actor), AuditEvent.FREE_DAY_REMOVED, day.toString())
        .done();
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
    if (settings.holidaysSkipped() == skip) {
      return this;
    }
    return edit()
        .settings(settings.withHolidaysSkipped(skip))
        .audit(now, seqOf(actor), skip ? AuditEvent.HOLIDAYS_SKIPPED : AuditEvent.HOLIDAYS_WORKED)
        .done();
  }

  /**
   * The coordinator or backup sets the rhythm of check-ins and reflection rounds, or with null
   * returns to the agreement's.
   */
  public Case setCadence(UserRef actor, Cadence cadence, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.CHANGE_CADENCE, "refusal.only-coordinator-schedules");
    if (Objects.equals(settings.cadence(), cadence)) {
      return this;
    }
    Edit edit = edit().settings(settings.withCadence(cadence));
    if (cadence == null) {
      return edit.audit(now, seqOf(actor), AuditEvent.CADENCE_AGREED).done();
    }
    return edit.audit(
            now,
            seqOf(actor),
            AuditEvent.CADENCE_SET,
            String.valueOf(cadence.checkInWeeks()),
            String.valueOf(cadence.reflectionWeeks()))
        .done();
  }

  /**
   * The coordinator or backup moves the case to another channel (the pupil changed school, the old
   * channel was archived): agreements, consent and history go along; a case that paused because its
   * channel was lost runs again. The caller stores it with {@link Cases#move}.
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
    Edit edit = edit().channel(to).audit(now, seqOf(actor), AuditEvent.CASE_MOVED);
    if (pause != null && pause.bySeq() == 0) {
      edit.pause(null).audit(now, 0, AuditEvent.CASE_RESUMED);
    }
    return edit.done();
  }

  /**
   * Kring is back in the channel it lost (re-added after being removed, the channel unarchived): a
   * case that paused because of it runs again; one a coordinator paused stays paused.
   */
  public Case channelBack(Instant now) {
    if (pause == null || pause.bySeq() != 0 || status == CaseStatus.CLOSED) {
      return this;
    }
    return edit()
        .pause(null)
        .audit(now, 0, AuditEvent.CHANNEL_BACK)
        .audit(now, 0, AuditEvent.CASE_RESUMED)
        .done();
  }

  /**
   * The coordinator or backup closes the case now; a reflection round still open (the final
   * evaluation, or a regular round) closes with it, so that no answers stay linked to who gave them
   * in a closed case.
   */
  public Case close(UserRef actor, Instant now, RandomGenerator random) {
    requireOpen();
    requireAllowed(actor, Action.CLOSE_CASE, "refusal.only-coordinator-closes");
    return roundsClosed(now, random)
        .status(CaseStatus.CLOSED)
        .audit(now, seqOf(actor), AuditEvent.CASE_CLOSED)
        .done();
  }

  /**
   * The edit that closes what still takes answers, for a case that stops running (it closes or
   * pauses): the open check-in keeps only its totals, the open reflection round its anonymous
   * result (or, not opened yet, is withdrawn).
   */
  private Edit roundsClosed(Instant now, RandomGenerator random) {
    Case base = checkInClosed(now);
    return base.openReflection()
        .map(r -> base.closingRound(r, now, random, 0))
        .orElseGet(base::edit);
  }

  /**
   * This case with a check-in that is still open closed now (only its totals stay), for a case that
   * closes: nothing plans its close any more, and no answers may stay linked to who gave them.
   */
  private Case checkInClosed(Instant now) {
    return lastCheckIn()
        .filter(CheckInRound::open)
        .map(r -> closeCheckIn(r.number(), now))
        .orElse(this);
  }

  /**
   * Whether the case is closing: its final evaluation is open, after which Kring closes it. Nothing
   * new starts meanwhile (check-ins, regular rounds, prompts for news).
   */
  public boolean closing() {
    return status != CaseStatus.CLOSED
        && openReflection().filter(r -> r.kind() == RoundKind.FINAL).isPresent();
  }

  /**
   * The coordinator or backup starts the final evaluation of a running case: a short round that
   * every acting partner answers privately; when it closes, Kring closes the case. It opens at
   * {@code opensAt}: now, or after a school holiday it would otherwise run into (its partners are
   * then asked through their own prompts).
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
    if (status != CaseStatus.ACTIVE) {
      throw new Refusal("refusal.final.not-active");
    }
    return openRound(seqOf(actor), RoundKind.FINAL, questions, anonymity, opensAt, closesAt, now);
  }

  /** How long a proposal to erase the case waits for a second partner's confirmation. */
  public static final Duration ERASURE_PROPOSAL_VALID = Duration.ofDays(7);

  /**
   * The coordinator or backup proposes to erase the case now, before its retention period ends. The
   * proposal is recorded in the audit trail, where a second partner's confirmation finds it.
   */
  public Case proposeErasure(UserRef actor, Instant now) {
    requireAllowed(actor, Action.ERASE_CASE, "refusal.erase.only-coordinator");
    return edit().audit(now, seqOf(actor), AuditEvent.ERASURE_PROPOSED).done();
  }

  /**
   * A partner who acts in the case, other than the one who proposed it, confirms the erasure: the
   * case closes and may be erased. The proposal must be recent and its proposer still coordinator
   * or backup, so that nobody can erase a case with a button made up from an old one. Confirming
   * twice changes nothing.
   */
  public Case confirmErasure(UserRef actor, Instant now) {
    int seq = seqOf(actor);
    if (seq == 0 || !acts(seq)) {
      throw new Refusal("refusal.erase.partners-confirm");
    }
    if (erasureConfirmed()) {
      return this;
    }
    AuditEntry proposal =
        lastAudit(AuditEvent.ERASURE_PROPOSED)
            .filter(p -> !p.at().isBefore(now.minus(ERASURE_PROPOSAL_VALID)))
            .filter(p -> partner(p.actorSeq()).map(Partner::user).isPresent())
            .filter(
                p ->
                    permission(partner(p.actorSeq()).orElseThrow().user(), Action.ERASE_CASE)
                        == Permission.ALLOWED)
            .orElseThrow(() -> new Refusal("refusal.erase.no-proposal"));
    if (proposal.actorSeq() == seq) {
      throw new Refusal("refusal.erase.other-partner");
    }
    return edit().status(CaseStatus.CLOSED).audit(now, seq, AuditEvent.ERASURE_CONFIRMED).done();
  }

  /** Whether two partners agreed to erase this case (after the latest proposal). */
  public boolean erasureConfirmed() {
    Optional<AuditEntry> confirmed = lastAudit(AuditEvent.ERASURE_CONFIRMED);
    Optional<AuditEntry> proposed = lastAudit(AuditEvent.ERASURE_PROPOSED);
    return confirmed.isPresent()
        && proposed.isPresent()
        && audit.lastIndexOf(confirmed.get()) > audit.lastIndexOf(proposed.get());
  }

  /**
   * Kring closes a case nobody acted in for long, after asking its coordinator and hearing nothing.
   * A closed case stays closed.
   */
  public Case closeForInactivity(Instant now) {
    if (status == CaseStatus.CLOSED) {
      return this;
    }
    return edit().status(CaseStatus.CLOSED).audit(now, 0, AuditEvent.CASE_CLOSED_INACTIVE).done();
  }

  /**
   * A person asks Kring to forget them ({@link kring.core.partners.Action#FORGET_ME}: anyone the
   * case names may, also after they left): they leave the case and their answers to rounds still
   * open go with them; closed rounds hold only totals and unattributed answers, which stay. Every
   * entry of theirs becomes "a former partner" (in the case's language) without account,
   * organisation or handover note, so that the agreement tasks, confirmations, consent records and
   * audit lines under their number name nobody, and the role split shows the gap as after leaving.
   * People they spoke for pass to the coordinator (or another acting partner). Their number is
   * never given to anyone else ({@link #seqsGiven} stays). When they coordinated, the backup takes
   * over or nobody does, as when a coordinator leaves.
   */
  public Case forget(UserRef person, Instant now) {
    // Everyone this account ever was in the case: someone may have left and come back.
    Set<Integer> seqs =
        partners.stream().filter(p -> p.is(person)).map(Partner::seq).collect(Collectors.toSet());
    if (seqs.isEmpty()) {
      if (joinRequest(person).isEmpty()) {
        throw new Refusal("refusal.not-a-partner");
      }
      return edit()
          .joinRequests(without(joinRequests, r -> r.user().equals(person)))
          .audit(now, 0, AuditEvent.PARTNER_FORGOTTEN)
          .done();
    }
    Optional<Partner> coordinatedBefore = coordinator().filter(p -> seqs.contains(p.seq()));
    List<CheckInRound> checkIns =
        activity.checkIns().stream()
            .map(
                r ->
                    !r.open()
                        ? r
                        : new CheckInRound(
                            r.number(),
                            r.openedAt(),
                            r.closesAt(),
                            without(r.invited(), seqs::contains),
                            without(r.answers(), a -> seqs.contains(a.partnerSeq())),
                            without(r.skipped(), seqs::contains),
                            null))
            .toList();
    List<ReflectionRound> rounds = reflections;
    for (int seq : seqs) {
      rounds = rounds.stream().map(r -> r.isOpen() ? r.without(seq) : r).toList();
    }
    String former = Texts.get(language, "partner.former");
    List<Partner> anonymous =
        partners.stream().map(p -> seqs.contains(p.seq()) ? p.forgotten(former, now) : p).toList();
    Edit edit = edit();
    if (anonymous.stream().noneMatch(p -> p.hasAccount() && p.active())) {
      // Nobody is left who could act in it: it is closed, and erased after its retention.
      edit.status(CaseStatus.CLOSED);
    }
    Case after =
        edit.partners(anonymous)
            .joinRequests(without(joinRequests, r -> r.user().equals(person)))
            .activity(
                activity
                    .withUpdates(without(activity.updates(), u -> seqs.contains(u.partnerSeq())))
                    .withCheckIns(checkIns)
                    .withHandovers(without(activity.handovers(), h -> seqs.contains(h.fromSeq()))))
            .reflections(rounds)
            .audit(now, 0, AuditEvent.PARTNER_FORGOTTEN)
            .done()
            .representativeGone(person, now);
    if (coordinatedBefore.isPresent()) {
      Optional<Partner> next = after.coordinator();
      return after.note(
          now,
          null,
          next.isPresent() ? AuditEvent.COORDINATOR_TOOK_OVER : AuditEvent.NO_COORDINATOR,
          next.map(Partner::handle).orElse(coordinatedBefore.get().handle()));
    }
    return after;
  }

  /**
   * The people a partner who left or was forgotten spoke for pass to the coordinator, or to another
   * acting partner; with nobody left to act, they leave the case too.
   */
  private Case representativeGone(UserRef representative, Instant now) {
    List<Partner> spokenFor =
        partners.stream()
            .filter(p -> p.active() && representative.equals(p.representedBy()))
            .toList();
    if (spokenFor.isEmpty()) {
      return this;
    }
    Optional<Partner> next =
        coordinator()
            .filter(Partner::confirms)
            .or(() -> partners.stream().filter(Partner::confirms).findFirst());
    UserRef to = next.map(Partner::user).orElse(null);
    Edit edit =
        edit()
            .partners(
                partners.stream()
                    .map(p -> spokenFor.contains(p) ? p.representedBy(to, now) : p)
                    .toList());
    for (Partner p : spokenFor) {
      edit.audit(
          now, 0, AuditEvent.REPRESENTED_PASSED, p.handle(), next.map(Partner::handle).orElse("—"));
    }
    return edit.done();
  }

  /**
   * Whether the case records anything about this person: as a partner (also after they left), as
   * the representative of someone without an account, or as someone waiting to join.
   */
  public boolean names(UserRef person) {
    return partners.stream().anyMatch(p -> p.is(person) || person.equals(p.representedBy()))
        || joinRequest(person).isPresent();
  }

  /** Everyone with an account the case names: partners, also those who left, and applicants. */
  public List<UserRef> namedPeople() {
    List<UserRef> named = new ArrayList<>();
    partners.stream().filter(Partner::hasAccount).forEach(p -> named.add(p.user()));
    joinRequests.forEach(r -> named.add(r.user()));
    return named.stream().distinct().toList();
  }

  private Optional<AuditEntry> lastAudit(AuditEvent event) {
    for (int i = audit.size() - 1; i >= 0; i--) {
      if (audit.get(i).event() == event) {
        return Optional.of(audit.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Records something that happened around the case without changing it otherwise, such as a
   * partner leaving the channel; it carries no free text.
   */
  public Case note(Instant at, UserRef actor, AuditEvent event, String... args) {
    return edit().audit(at, seqOf(actor), event, args).done();
  }

  /** The same case as stored at a given revision; only storage calls this. */
  public Case atRevision(long newRevision) {
    return edit().revision(newRevision).done();
  }

  // ---- people without an account

  /** The longest label for a represented person ("mother", "pupil"); never required a name. */
  public static final int LABEL_MAX = 40;

  /**
   * The coordinator or backup adds a person without an account (the pupil, a parent), represented
   * by an acting partner who speaks for them. They never block a confirmation. Adding the same
   * label twice has one effect.
   */
  public Case represent(
      UserRef actor, String label, Role role, int representativeSeq, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ADD_PARTNER, "refusal.only-coordinator-accepts");
    String name = label == null ? "" : label.strip();
    if (name.isEmpty() || name.length() > LABEL_MAX) {
      throw new Refusal("refusal.represent-label", LABEL_MAX);
    }
    if (role != Role.PUPIL && role != Role.PARENT) {
      throw new Refusal("refusal.represent-role");
    }
    Partner voice =
        partner(representativeSeq)
            .filter(Partner::confirms)
            .orElseThrow(() -> new Refusal("refusal.unknown-partner", "P" + representativeSeq));
    boolean known =
        partners.stream()
            .anyMatch(
                p ->
                    p.active()
                        && p.membership() == Membership.REPRESENTED
                        && p.displayName().equalsIgnoreCase(name));
    if (known) {
      return this;
    }
    if (partners.stream().filter(Partner::active).count() + joinRequests.size() >= PARTNER_LIMIT) {
      throw new Refusal("refusal.case-full", PARTNER_LIMIT);
    }
    Partner added =
        new Partner(
            nextSeq(),
            null,
            name,
            null,
            Sector.FAMILY,
            role,
            Membership.REPRESENTED,
            voice.user(),
            now);
    List<Partner> more = new ArrayList<>(partners);
    more.add(added);
    return edit()
        .partners(more)
        .seqsGiven(added.seq())
        .audit(now, seqOf(actor), AuditEvent.REPRESENTED_ADDED, added.handle(), voice.handle())
        .done();
  }

  /**
   * The representative (or the coordinator or backup) records the represented person's view on the
   * goal and on how the collaboration works for them; a later recording replaces it.
   */
  public Case recordVoice(UserRef actor, int seq, String onGoal, String onCollab, Instant now) {
    requireOpen();
    Partner represented =
        partner(seq)
            .filter(p -> p.active() && p.membership() == Membership.REPRESENTED)
            .orElseThrow(() -> new Refusal("refusal.unknown-partner", "P" + seq));
    boolean speaksForThem = represented.representedBy().equals(actor);
    if (!speaksForThem) {
      requireAllowed(actor, Action.ADD_PARTNER, "refusal.voice-not-yours");
    }
    Voice heard = new Voice(onGoal, onCollab, seqOf(actor), now);
    return edit()
        .partners(partners.stream().map(p -> p.seq() == seq ? p.withVoice(heard) : p).toList())
        .audit(now, seqOf(actor), AuditEvent.VOICE_RECORDED, represented.handle())
        .done();
  }

  // ---- people leaving

  /**
   * A person leaves the case: they said so or left the channel (always theirs to do), or the
   * coordinator or backup removed them. They stay listed as having left, so that the agreements
   * naming them still read and the role split shows the gap. When the coordinator leaves, the
   * backup takes over; with no backup, nobody coordinates until the partners agree on someone.
   * Their number stays theirs: someone who comes back joins under a new one, and a consent towards
   * the old number passes to nobody. Leaving twice changes nothing.
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
    boolean coordinated = coordinator().filter(p -> p.seq() == gone.seq()).isPresent();
    Edit edit =
        edit()
            .partners(partners.stream().map(p -> p.seq() == gone.seq() ? p.left(now) : p).toList())
            .audit(
                now,
                seqOf(actor),
                actor.equals(person) ? AuditEvent.PARTNER_LEFT : AuditEvent.PARTNER_REMOVED,
                gone.handle());
    Case after = edit.done().representativeGone(person, now);
    if (coordinated) {
      Optional<Partner> next = after.coordinator();
      return after.note(
          now,
          null,
          next.isPresent() ? AuditEvent.COORDINATOR_TOOK_OVER : AuditEvent.NO_COORDINATOR,
          next.map(Partner::handle).orElse(gone.handle()));
    }
    return after;
  }

  /**
   * A partner who left writes a handover note for their successor; writing again replaces it. Only
   * the person who left can write theirs.
   */
  public Case handOver(UserRef author, String note, String successor, Instant now) {
    requireOpen();
    Partner gone = leftPartner(author).orElseThrow(() -> new Refusal("refusal.handover-not-yours"));
    List<Handover> notes = without(activity.handovers(), h -> h.fromSeq() == gone.seq());
    notes.add(new Handover(gone.seq(), gone.role(), note, successor, now, List.of()));
    if (notes.size() > Activity.HANDOVERS_KEPT) {
      notes.subList(0, notes.size() - Activity.HANDOVERS_KEPT).clear();
    }
    return edit()
        .activity(activity.withHandovers(notes))
        .audit(now, gone.seq(), AuditEvent.HANDOVER_WRITTEN)
        .done();
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
   * The handover notes waiting for a newcomer in this role: not yet given to anyone in it (a
   * coordinator's note may have gone to the backup who took over in another role).
   */
  public List<Handover> handoversFor(Role role) {
    return activity.handovers().stream()
        .filter(h -> h.role() != null && h.role() == role)
        .filter(
            h ->
                h.givenTo().stream()
                    .noneMatch(seq -> partner(seq).filter(p -> p.role() == role).isPresent()))
        .toList();
  }

  /** Marks a handover note as given to the newcomer {@code toSeq}. */
  public Case handoverGiven(int fromSeq, int toSeq, Instant now) {
    return edit()
        .activity(
            activity.withHandovers(
                activity.handovers().stream()
                    .map(h -> h.fromSeq() == fromSeq ? h.givenTo(toSeq) : h)
                    .toList()))
        .audit(now, toSeq, AuditEvent.HANDOVER_GIVEN, "P" + fromSeq)
        .done();
  }

  // ---- running: updates, feedback, check-ins

  /** When the agreed version got its last confirmation: the moment the partners agreed. */
  public Optional<Instant> agreedAt() {
    return agreed()
        .flatMap(a -> a.confirmations().stream().map(Confirmation::at).max(Instant::compareTo));
  }

  /** A partner's latest update mark, if they ever gave news. */
  public Optional<UpdateMark> lastUpdate(int partnerSeq) {
    return activity.updates().stream().filter(u -> u.partnerSeq() == partnerSeq).findFirst();
  }

  /**
   * A partner gave the others news: posted an update through Kring, or said there is nothing new.
   * Only when and which of the two is kept, never the text.
   */
  public Case updated(UserRef actor, boolean nothingNew, Instant now) {
    requireRunning();
    requireAllowed(actor, Action.POST_UPDATE, "refusal.not-a-partner");
    int seq = seqOf(actor);
    List<UpdateMark> marks = without(activity.updates(), u -> u.partnerSeq() == seq);
    marks.add(new UpdateMark(seq, now, nothingNew));
    return edit().activity(activity.withUpdates(marks)).done();
  }

  /**
   * A partner's update asked some partners for feedback; returns the case with the request, whose
   * number is the highest. Only partners who act in the case and are not the sender can be asked.
   */
  public Case askFeedback(UserRef actor, List<Integer> addressed, Instant now) {
    requireRunning();
    requireAllowed(actor, Action.POST_UPDATE, "refusal.not-a-partner");
    int from = seqOf(actor);
    List<Integer> asked =
        addressed.stream().distinct().filter(seq -> seq != from && acts(seq)).sorted().toList();
    if (asked.isEmpty()) {
      throw new Refusal("refusal.feedback-nobody");
    }
    int number = activity.feedback().stream().mapToInt(FeedbackRequest::number).max().orElse(0);
    List<FeedbackRequest> requests = new ArrayList<>(activity.feedback());
    requests.add(new FeedbackRequest(number + 1, from, now, asked, List.of()));
    if (requests.size() > Activity.FEEDBACK_KEPT) {
      requests.subList(0, requests.size() - Activity.FEEDBACK_KEPT).clear();
    }
    return edit().activity(activity.withFeedback(requests)).done();
  }

  /** The feedback request with this number, if the case still keeps it. */
  public Optional<FeedbackRequest> feedback(int number) {
    return activity.feedback().stream().filter(f -> f.number() == number).findFirst();
  }

  /**
   * A partner asked for feedback says they saw or answered the update; saying it twice, or about a
   * request they were not asked in, changes nothing or is refused.
   */
  public Case feedbackGiven(UserRef actor, int number, Instant now) {
    requireOpen();
    int seq = seqOf(actor);
    FeedbackRequest request =
        feedback(number)
            .filter(f -> f.addressed().contains(seq))
            .orElseThrow(() -> new Refusal("refusal.feedback-not-asked"));
    if (request.answered().contains(seq)) {
      return this;
    }
    List<Integer> answered = new ArrayList<>(request.answered());
    answered.add(seq);
    FeedbackRequest done =
        new FeedbackRequest(
            request.number(), request.fromSeq(), request.postedAt(), request.addressed(), answered);
    List<FeedbackRequest> requests =
        activity.feedback().stream().map(f -> f.number() == number ? done : f).toList();
    return edit().activity(activity.withFeedback(requests)).done();
  }

  /** The newest check-in round, if there was one. */
  public Optional<CheckInRound> lastCheckIn() {
    List<CheckInRound> rounds = activity.checkIns();
    return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
  }

  /** The check-in with this number, if the case still keeps it. */
  public Optional<CheckInRound> checkIn(int number) {
    return activity.checkIns().stream().filter(r -> r.number() == number).findFirst();
  }

  /**
   * The schedule opens check-in {@code number}: every partner who acts and can be reached is asked.
   * Opening it again changes nothing; an older number than the newest round is refused.
   */
  public Case openCheckIn(int number, Instant now, Instant closesAt) {
    requireRunning();
    if (closing()) {
      throw new Refusal("refusal.closing");
    }
    Optional<CheckInRound> last = lastCheckIn();
    if (last.isPresent() && last.get().number() >= number) {
      return this;
    }
    List<Integer> invited =
        partners.stream().filter(p -> p.confirms() && !p.unreachable()).map(Partner::seq).toList();
    List<CheckInRound> rounds = new ArrayList<>(activity.checkIns());
    rounds.add(new CheckInRound(number, now, closesAt, invited, List.of(), List.of(), null));
    if (rounds.size() > Activity.CHECK_INS_KEPT) {
      rounds.subList(0, rounds.size() - Activity.CHECK_INS_KEPT).clear();
    }
    return edit()
        .activity(activity.withCheckIns(rounds))
        .audit(now, 0, AuditEvent.CHECK_IN_OPENED, String.valueOf(number))
        .done();
  }

  /**
   * A partner answers an open check-in (a later answer replaces theirs), or skips it ({@code
   * answers} null). Answering a closed round, or one they were not asked in, is refused.
   */
  public Case answerCheckIn(
      UserRef actor, int number, Map<CheckInQuestion, CheckInAnswer> answers, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.ANSWER, "refusal.not-a-partner");
    int seq = seqOf(actor);
    CheckInRound round =
        checkIn(number)
            .filter(r -> r.invited().contains(seq))
            .orElseThrow(() -> new Refusal("refusal.check-in-not-yours"));
    if (!round.open()) {
      throw new Refusal("refusal.check-in-closed");
    }
    List<AnswersGiven> given = without(round.answers(), a -> a.partnerSeq() == seq);
    List<Integer> skipped = without(round.skipped(), s -> s == seq);
    if (answers == null) {
      if (round.skipped().contains(seq)) {
        return this;
      }
      skipped.add(seq);
    } else {
      Optional<AnswersGiven> earlier =
          round.answers().stream().filter(a -> a.partnerSeq() == seq).findFirst();
      if (earlier.isPresent() && earlier.get().answers().equals(answers)) {
        return this;
      }
      given.add(new AnswersGiven(seq, now, answers));
    }
    return withCheckIn(
        new CheckInRound(
            number, round.openedAt(), round.closesAt(), round.invited(), given, skipped, null));
  }

  /**
   * Closes a check-in: only the tally stays, nobody's individual answers. Closing a closed round
   * changes nothing.
   */
  public Case closeCheckIn(int number, Instant now) {
    CheckInRound round = checkIn(number).orElseThrow(() -> new Refusal("refusal.check-in-gone"));
    if (!round.open()) {
      return this;
    }
    Map<CheckInQuestion, Map<CheckInAnswer, Integer>> counts = new EnumMap<>(CheckInQuestion.class);
    for (AnswersGiven given : round.answers()) {
      given
          .answers()
          .forEach(
              (question, answer) ->
                  counts
                      .computeIfAbsent(question, q -> new EnumMap<>(CheckInAnswer.class))
                      .merge(answer, 1, Integer::sum));
    }
    Tally tally = new Tally(round.invited().size(), round.answers().size(), counts);
    return edit()
        .activity(
            activity.withCheckIns(
                activity.checkIns().stream()
                    .map(
                        r ->
                            r.number() != number
                                ? r
                                : new CheckInRound(
                                    number,
                                    r.openedAt(),
                                    r.closesAt(),
                                    r.invited(),
                                    List.of(),
                                    List.of(),
                                    tally))
                    .toList()))
        .audit(now, 0, AuditEvent.CHECK_IN_CLOSED, String.valueOf(number))
        .done();
  }

  private Case withCheckIn(CheckInRound changed) {
    return edit()
        .activity(
            activity.withCheckIns(
                activity.checkIns().stream()
                    .map(r -> r.number() == changed.number() ? changed : r)
                    .toList()))
        .done();
  }

  /** Updates and check-ins belong to a running case: active and not on hold. */
  private void requireRunning() {
    requireOpen();
    if (status != CaseStatus.ACTIVE) {
      throw new Refusal("refusal.not-active-yet");
    }
  }

  // ---- reflection rounds

  /** The reflection round that is open for answers, if any. */
  public Optional<ReflectionRound> openReflection() {
    return reflections.stream().filter(ReflectionRound::isOpen).findFirst();
  }

  public Optional<ReflectionRound> reflection(int number) {
    return reflections.stream().filter(r -> r.number() == number).findFirst();
  }

  /** The closed rounds, oldest first: the trend of every summary. */
  public List<ReflectionRound> closedReflections() {
    return reflections.stream().filter(r -> !r.isOpen()).toList();
  }

  /** The partners a reflection round asks: account holders who act in the case. */
  public List<Partner> reflectingPartners() {
    return confirmingPartners();
  }

  /**
   * The coordinator or backup starts a reflection round; a partner may only propose one. Refused
   * while another round is open, and in a case with fewer partners than the anonymity threshold,
   * where no answer could be shown without giving away who gave it. It opens at {@code opensAt}:
   * now, or after a school holiday it would otherwise run into (its partners are then asked through
   * their own prompts).
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

  /**
   * The case's rhythm starts a reflection round, opening at {@code opensAt} (now, or after a school
   * holiday it would otherwise run into); nobody in particular asked for it.
   */
  public Case startScheduledReflection(
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    return openRound(0, RoundKind.REGULAR, questions, anonymity, opensAt, closesAt, now);
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
    Optional<ReflectionRound> open = openReflection();
    if (open.isPresent()) {
      throw new Refusal("refusal.reflection.already-open", open.get().number());
    }
    List<Integer> invited = reflectingPartners().stream().map(Partner::seq).toList();
    if (!anonymity.allows(invited.size())) {
      throw new Refusal("refusal.reflection.too-few", invited.size(), anonymity.threshold());
    }
    Instant opens = opensAt.isAfter(now) ? opensAt : now;
    if (!closesAt.isAfter(opens)) {
      throw new Refusal("refusal.reflection.deadline-past");
    }
    int number = reflections.stream().mapToInt(ReflectionRound::number).max().orElse(0) + 1;
    // A round that opens later asks its partners through their own prompts (see ReflectionRound).
    int asker = opens.equals(now) ? startedBy : 0;
    ReflectionRound round =
        ReflectionRound.open(number, kind, asker, opens, closesAt, anonymity, questions, invited);
    List<ReflectionRound> rounds = new ArrayList<>(reflections);
    rounds.add(round);
    if (rounds.size() > REFLECTIONS_KEPT) {
      rounds.subList(0, rounds.size() - REFLECTIONS_KEPT).clear();
    }
    return edit()
        .reflections(rounds)
        .audit(now, startedBy, AuditEvent.REFLECTION_STARTED, String.valueOf(number))
        .done();
  }

  /**
   * A partner saves their answers to an open round, replacing earlier ones; they count until the
   * deadline. Saving the same answers twice changes nothing. Only the partner themselves can
   * answer: the actor is who the platform says acted, never a name in the form.
   */
  public Case answerReflection(
      UserRef actor, int number, Map<String, Answer> answers, Instant now) {
    requireAllowed(
        actor,
        Action.ANSWER,
        partner(actor).isPresent() ? "refusal.reflection.not-invited" : "refusal.not-a-partner");
    ReflectionRound round =
        reflection(number).orElseThrow(() -> new Refusal("refusal.reflection.no-round"));
    if (round.opensAfter(now)) {
      throw new Refusal("refusal.reflection.not-open-yet", number);
    }
    if (!round.acceptsAnswersAt(now)) {
      throw new Refusal("refusal.reflection.closed", number);
    }
    int seq = seqOf(actor);
    if (!round.invites(seq)) {
      throw new Refusal("refusal.reflection.not-invited");
    }
    Optional<PartnerAnswers> before = round.answersOf(seq);
    if (before.isPresent() && before.get().answers().equals(answers)) {
      return this;
    }
    ReflectionRound answered;
    try {
      answered = round.withAnswers(new PartnerAnswers(seq, now, answers));
    } catch (IllegalArgumentException e) {
      throw new Refusal("refusal.bad-form");
    }
    Edit edit = edit().reflections(replace(answered));
    if (before.isEmpty()) {
      edit.audit(now, seq, AuditEvent.REFLECTION_ANSWERED, String.valueOf(number));
    }
    return edit.done();
  }

  /**
   * Kring closes a round (its deadline passed, or everyone answered): the answers lose their link
   * to who gave them; only who took part stays. Closing the final evaluation closes the case too.
   * Closing a closed round changes nothing.
   */
  public Case closeReflection(int number, Instant now, RandomGenerator random) {
    Optional<ReflectionRound> round = reflection(number).filter(ReflectionRound::isOpen);
    if (round.isEmpty()) {
      return this;
    }
    if (round.get().kind() == RoundKind.FINAL && status != CaseStatus.CLOSED) {
      // The final evaluation is the case's last step: Kring closes the case with it, and with a
      // check-in still open.
      Case base = checkInClosed(now);
      return base.closingRound(round.get(), now, random, 0)
          .status(CaseStatus.CLOSED)
          .audit(now, 0, AuditEvent.CASE_CLOSED_FINAL)
          .done();
    }
    return closingRound(round.get(), now, random, 0).done();
  }

  /**
   * The coordinator or backup closes an open regular round before its deadline (so that the final
   * evaluation can start): its summary shows what may be shown of the answers given so far; one
   * that has not opened yet is withdrawn. Closing a closed round changes nothing; the final
   * evaluation is closed by closing the case.
   */
  public Case closeReflectionEarly(UserRef actor, int number, Instant now, RandomGenerator random) {
    requireOpen();
    requireAllowed(
        actor,
        Action.CLOSE_REFLECTION,
        partner(actor).isPresent()
            ? "refusal.reflection.only-coordinator-closes"
            : "refusal.not-a-partner");
    ReflectionRound round =
        reflection(number).orElseThrow(() -> new Refusal("refusal.reflection.no-round"));
    if (!round.isOpen()) {
      return this;
    }
    if (round.kind() == RoundKind.FINAL) {
      throw new Refusal("refusal.closing");
    }
    return closingRound(round, now, random, seqOf(actor)).done();
  }

  /**
   * The edit that closes an open round: its answers become its anonymous result. A round that waits
   * for a school holiday to pass and has not opened yet is withdrawn instead, as nobody was asked.
   *
   * @param bySeq the partner who closed it before its deadline, or 0 when Kring did
   */
  private Edit closingRound(ReflectionRound round, Instant now, RandomGenerator random, int bySeq) {
    if (round.opensAfter(now)) {
      return edit()
          .reflections(reflections.stream().filter(r -> r.number() != round.number()).toList())
          .audit(now, bySeq, AuditEvent.REFLECTION_WITHDRAWN, String.valueOf(round.number()));
    }
    ReflectionRound closed = round.close(random);
    return edit()
        .reflections(replace(closed))
        .audit(
            now,
            bySeq,
            AuditEvent.REFLECTION_CLOSED,
            String.valueOf(closed.number()),
            String.valueOf(closed.result().tookPart().size()),
            String.valueOf(closed.invited().size()));
  }

  /**
   * The coordinator or backup records what the partners agreed to change after a closed round
   * (taken from its "one thing I would change" answers), replacing what was recorded before; the
   * next round asks whether it happened. The list also becomes the agreement's "improvements we
   * agreed": a new version with the current version's contents and this list, which the partners
   * confirm like any other version; the round's improvements name that version. Without any
   * agreement yet there is nothing to add them to: they stay with the round only (version 0).
   * Recording the same list again changes nothing.
   */
  public Case agreeImprovements(UserRef actor, int number, List<Improvement> agreed, Instant now) {
    requireAllowed(actor, Action.START_REFLECTION, "refusal.reflection.only-coordinator");
    requireOpen();
    ReflectionRound round =
        reflection(number).orElseThrow(() -> new Refusal("refusal.reflection.no-round"));
    if (round.isOpen()) {
      throw new Refusal("refusal.reflection.still-open", number);
    }
    List<String> texts = agreed.stream().map(Improvement::text).toList();
    Optional<Agreement> current = currentAgreement();
    boolean recorded = round.improvements().stream().map(Improvement::text).toList().equals(texts);
    if (recorded && current.map(a -> a.improvements().equals(texts)).orElse(true)) {
      return this;
    }
    int by = seqOf(actor);
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
    // The version that holds them now; 0 while the case has no agreement.
    int version = withVersion.currentVersion();
    ReflectionRound changed;
    try {
      changed =
          round.withImprovements(
              texts.stream().map(text -> new Improvement(text, version)).toList());
    } catch (IllegalArgumentException e) {
      throw new Refusal("refusal.bad-form");
    }
    return withVersion
        .edit()
        .reflections(withVersion.replace(changed))
        .audit(
            now,
            by,
            AuditEvent.REFLECTION_IMPROVEMENTS,
            String.valueOf(number),
            String.valueOf(agreed.size()))
        .done();
  }

  private List<ReflectionRound> replace(ReflectionRound round) {
    return reflections.stream().map(r -> r.number() == round.number() ? round : r).toList();
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
    int number = more.nextNumber() - 1;
    return edit()
        .consents(more)
        .audit(
            now,
            by,
            AuditEvent.CONSENT_RECORDED,
            String.valueOf(number),
            terms.givenBy().name(),
            terms.basis().name())
        .done();
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
    return edit()
        .consents(consents.withdraw(number, new Withdrawal(by, now)))
        .audit(now, by, AuditEvent.CONSENT_WITHDRAWN, String.valueOf(number))
        .done();
  }

  // ---- known transitions

  /** How far ahead a transition may be recorded: a school year and a half. */
  public static final int TRANSITION_MONTHS_AHEAD = 18;

  /** The recorded transitions from {@code today} on, by date: what people see and number. */
  public List<Transition> upcomingTransitions(LocalDate today) {
    return settings.transitions().stream().filter(t -> !t.on().isBefore(today)).toList();
  }

  /**
   * A partner who acts records a known transition: after today and within {@link
   * #TRANSITION_MONTHS_AHEAD} months. Transitions already past drop off, so they do not count
   * against the limit; recording the same one twice has one effect.
   */
  public Case addTransition(UserRef actor, Transition transition, LocalDate today, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.RECORD_TRANSITION, "refusal.transition-who");
    if (!transition.on().isAfter(today)) {
      throw new Refusal("refusal.transition-past", transition.on().toString());
    }
    if (transition.on().isAfter(today.plusMonths(TRANSITION_MONTHS_AHEAD))) {
      throw new Refusal("refusal.transition-far", TRANSITION_MONTHS_AHEAD);
    }
    List<Transition> kept = new ArrayList<>(upcomingTransitions(today));
    if (kept.stream().anyMatch(transition::sameAs)) {
      return this;
    }
    if (kept.size() >= CaseSettings.TRANSITION_LIMIT) {
      throw new Refusal("refusal.transitions-full", CaseSettings.TRANSITION_LIMIT);
    }
    kept.add(transition);
    kept.sort(Comparator.comparing(Transition::on));
    return edit()
        .settings(settings.withTransitions(kept))
        .audit(
            now,
            seqOf(actor),
            AuditEvent.TRANSITION_ADDED,
            transition.on().toString(),
            transition.kind().name())
        .done();
  }

  /**
   * A partner who acts removes the transition numbered {@code number} in the list from today on
   * ({@link #upcomingTransitions}); past ones drop off with it.
   */
  public Case removeTransition(UserRef actor, int number, LocalDate today, Instant now) {
    requireOpen();
    requireAllowed(actor, Action.RECORD_TRANSITION, "refusal.transition-who");
    List<Transition> kept = new ArrayList<>(upcomingTransitions(today));
    if (number < 1 || number > kept.size()) {
      throw new Refusal("refusal.transition-unknown", number);
    }
    Transition gone = kept.remove(number - 1);
    return edit()
        .settings(settings.withTransitions(kept))
        .audit(
            now,
            seqOf(actor),
            AuditEvent.TRANSITION_REMOVED,
            gone.on().toString(),
            gone.kind().name())
        .done();
  }

  // ---- helpers

  /** Refuses with {@code key} unless the actor may do the action outright here. */
  public void requireAllowed(UserRef actor, Action action, String key) {
    if (permission(actor, action) != Permission.ALLOWED) {
      throw new Refusal(key);
    }
  }

  /** A school knows its own free days: its partners may set them, besides the coordination. */
  private void requireMayChangeFreeDays(UserRef actor) {
    if (permission(actor, Action.CHANGE_CADENCE) == Permission.ALLOWED) {
      return;
    }
    boolean schoolPartner =
        roleOf(actor) == CaseRole.PARTNER
            && partner(actor).filter(p -> p.sector() == Sector.EDUCATION).isPresent();
    if (!schoolPartner) {
      throw new Refusal("refusal.free-day-who");
    }
  }

  private void requireOpen() {
    if (status == CaseStatus.CLOSED) {
      throw new Refusal("refusal.case-closed", code.value());
    }
  }

  private int seqOf(UserRef user) {
    return partner(user).map(Partner::seq).orElse(0);
  }

  /**
   * The number the next person who joins or is represented gets: one more than any the case gave
   * out, never one used before. The count is kept, not worked out from what the case still names: a
   * forgotten partner is gone from the list, and the audit trail is capped history, not state.
   */
  private int nextSeq() {
    return seqsGiven + 1;
  }

  private void checkNamesPartners(Draft draft) {
    for (Task task : draft.tasks()) {
      if (partner(task.partnerSeq()).isEmpty()) {
        throw new Refusal("refusal.unknown-partner", "P" + task.partnerSeq());
      }
    }
    if (draft.coordinatorSeq() > 0 && !acts(draft.coordinatorSeq())) {
      throw new Refusal("refusal.coordinator-must-act");
    }
    if (draft.backupSeq() > 0 && !acts(draft.backupSeq())) {
      throw new Refusal("refusal.coordinator-must-act");
    }
  }

  private boolean acts(int seq) {
    return partner(seq).filter(Partner::confirms).isPresent();
  }

  private static <T> List<T> without(List<T> list, Predicate<T> drop) {
    List<T> kept = new ArrayList<>(list);
    kept.removeIf(drop);
    return kept;
  }

  private Edit edit() {
    return new Edit(this);
  }

  /** A mutable copy used inside this class to build the next immutable case. */
  private static final class Edit {
    private final Case from;
    private CaseStatus status;
    private ChannelRef channel;
    private List<Partner> partners;
    private int seqsGiven;
    private List<JoinRequest> joinRequests;
    private List<Agreement> agreements;
    private int agreedVersion;
    private Pause pause;
    private CaseSettings settings;
    private Activity activity;
    private List<ReflectionRound> reflections;
    private ConsentRegister consents;
    private final List<AuditEntry> audit;
    private long revision;

    Edit(Case from) {
      this.from = from;
      this.status = from.status;
      this.channel = from.channel;
      this.partners = from.partners;
      this.seqsGiven = from.seqsGiven;
      this.joinRequests = from.joinRequests;
      this.agreements = from.agreements;
      this.agreedVersion = from.agreedVersion;
      this.pause = from.pause;
      this.settings = from.settings;
      this.activity = from.activity;
      this.reflections = from.reflections;
      this.consents = from.consents;
      this.audit = new ArrayList<>(from.audit);
      this.revision = from.revision;
    }

    Edit channel(ChannelRef value) {
      channel = value;
      return this;
    }

    Edit status(CaseStatus value) {
      status = value;
      return this;
    }

    Edit partners(List<Partner> value) {
      partners = value;
      return this;
    }

    /** The partner numbers given out, up to {@code value}; the count never goes down. */
    Edit seqsGiven(int value) {
      if (value < seqsGiven) {
        throw new IllegalStateException("The partner numbers given out never go down");
      }
      seqsGiven = value;
      return this;
    }

    Edit joinRequests(List<JoinRequest> value) {
      joinRequests = value;
      return this;
    }

    Edit agreements(List<Agreement> value) {
      agreements = value;
      return this;
    }

    Edit agreedVersion(int value) {
      agreedVersion = value;
      return this;
    }

    Edit pause(Pause value) {
      pause = value;
      return this;
    }

    Edit settings(CaseSettings value) {
      settings = value;
      return this;
    }

    Edit activity(Activity value) {
      activity = value;
      return this;
    }

    Edit reflections(List<ReflectionRound> value) {
      reflections = value;
      return this;
    }

    Edit consents(ConsentRegister value) {
      consents = value;
      return this;
    }

    Edit revision(long value) {
      revision = value;
      return this;
    }

    Edit audit(Instant at, int actorSeq, AuditEvent event, String... args) {
      audit.add(new AuditEntry(at, actorSeq, event, List.of(args)));
      if (audit.size() > AUDIT_LIMIT) {
        audit.subList(0, audit.size() - AUDIT_LIMIT).clear();
      }
      return this;
    }

    Case done() {
      return new Case(
          from.code,
          from.initials,
          status,
          channel,
          from.language,
          from.startedAt,
          partners,
          seqsGiven,
          joinRequests,
          agreements,
          agreedVersion,
          pause,
          settings,
          activity,
          reflections,
          consents,
          audit,
          revision);
    }
  }
}
