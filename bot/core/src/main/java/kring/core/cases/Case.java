package kring.core.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import kring.core.agreement.Agreement;
import kring.core.consent.ConsentRegister;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.CaseRole;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.reflection.ReflectionRound;

/**
 * One pupil's support network, bound to one channel: the one aggregate root, stored as one
 * document. Its state lives in parts that own their rules: the {@link Lifecycle}, the {@link Team},
 * the {@link Agreements}, the {@link CaseSettings}, the {@link Activity} (updates, feedback,
 * check-ins, handover notes), the {@link Reflections} and the {@link ConsentRegister}. Every change
 * goes through a command of the case that checks the actor's role in THIS case, lets a part make
 * the change, records a typed audit line and returns the changed case; the caller stores it with
 * {@link Cases#update}. Nothing is read back from the audit trail: it is history, not state.
 *
 * <p>The commands are called on the case ({@code kase.pause(actor, now, random)}) but written next
 * to each other by the part they change, in the interfaces this record implements: {@link
 * TeamCommands}, {@link AgreementCommands}, {@link LifecycleCommands}, {@link ActivityCommands},
 * {@link ReflectionCommands}, {@link SettingsCommands} and {@link ConsentCommands}. This file keeps
 * the parts and their checks, the reads that span parts or that nearly every flow asks, and the
 * helpers the commands share. Reads that belong to one part are asked of that part ({@code
 * kase.team().joinRequest(user)}).
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
    long revision)
    implements TeamCommands,
        AgreementCommands,
        LifecycleCommands,
        ActivityCommands,
        ReflectionCommands,
        SettingsCommands,
        ConsentCommands,
        FamilyCommands {

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

  // ---- helpers

  /** Records something that happened around the case without changing it; no free text. */
  public Case note(Instant at, UserRef actor, AuditEvent event, String... args) {
    return changed(null, at, seqOf(actor), event, (Object[]) args);
  }

  /** The same case as stored at a given revision; only storage calls this. */
  public Case atRevision(long newRevision) {
    return with(Long.valueOf(newRevision));
  }

  // ---- what the commands share (package-private: the *Commands interfaces call them)

  void requireOpen() {
    lifecycle.requireOpen(code);
  }

  void requireAllowedOpen(UserRef actor, Action action, RefusalReason reason) {
    requireOpen();
    requireAllowed(actor, action, reason);
  }

  /** Updates and check-ins belong to an active case; {@code actor} null when the schedule acts. */
  void requireRunning(UserRef actor, Action action) {
    requireOpen();
    if (status() != CaseStatus.ACTIVE) {
      throw new Refusal(RefusalReason.NOT_ACTIVE_YET);
    }
    if (actor != null) {
      requireAllowed(actor, action, RefusalReason.NOT_A_PARTNER);
    }
  }

  int seqOf(UserRef user) {
    return team.seqOf(user);
  }

  /**
   * This case with a changed part and the audit line that says so; this very case when the part is
   * the one it has (the change changed nothing). A null part records the line alone. Values are
   * recorded as text: enums by their name, partners by their handle.
   */
  Case changed(Object part, Instant at, int by, AuditEvent event, Object... args) {
    Case changed = part == null ? this : with(part);
    return part != null && changed == this
        ? this
        : changed.with(new AuditEntry(at, by, event, Stream.of(args).map(Case::text).toList()));
  }

  /** Records a line of Kring's own, changing nothing else. */
  Case recorded(Instant at, AuditEvent event, Object... args) {
    return changed(null, at, 0, event, args);
  }

  Case recorded(Instant at, int by, AuditEvent event, Object... args) {
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
  Case with(Object part) {
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
