package kring.core.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.Confirmation;
import kring.core.agreement.EvaluationPlan;
import kring.core.agreement.Task;
import kring.core.partners.Partner;

/**
 * The agreement versions of a case and the one everybody agreed to. It owns how a version is
 * proposed on top of the current one and when confirmations make it the agreed version.
 *
 * @param versions every agreement version, oldest first
 * @param agreedVersion the newest version every confirming partner confirmed, or 0
 */
public record Agreements(List<Agreement> versions, int agreedVersion) {

  static final Agreements NONE = new Agreements(List.of(), 0);

  public Agreements {
    versions = List.copyOf(versions);
  }

  /** The newest agreement version, if anyone proposed one. */
  public Optional<Agreement> current() {
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /** The newest version every confirming partner confirmed, if any. */
  public Optional<Agreement> agreed() {
    return versions.stream().filter(a -> a.version() == agreedVersion).findFirst();
  }

  public int currentVersion() {
    return current().map(Agreement::version).orElse(0);
  }

  /** The collaboration level of the agreed version, or of the current proposal before that. */
  public CollaborationLevel level() {
    return agreed()
        .or(this::current)
        .map(a -> a.evaluation().level())
        .orElse(CollaborationLevel.COORDINATION);
  }

  /**
   * The rhythm the agreement sets: the agreed version's (or, before there is one, the current
   * proposal's), else the default for the collaboration level.
   */
  public Cadence cadence() {
    EvaluationPlan plan =
        agreed()
            .or(this::current)
            .map(Agreement::evaluation)
            .orElseGet(() -> EvaluationPlan.defaultFor(level()));
    return new Cadence(plan.checkInWeeks(), plan.reflectionWeeks());
  }

  /** The number of the coordinator the agreed version names; until there is one, P1. */
  int coordinatorSeq() {
    return agreed().map(Agreement::coordinatorSeq).orElse(1);
  }

  /** The number of the backup the agreed version names, or 0. */
  int backupSeq() {
    return agreed().map(Agreement::backupSeq).orElse(0);
  }

  /** When the agreed version got its last confirmation: the moment the partners agreed. */
  public Optional<Instant> agreedAt() {
    return agreed()
        .flatMap(a -> a.confirmations().stream().map(Confirmation::at).max(Instant::compareTo));
  }

  /**
   * A new version built on {@code baseVersion}; one built on an older version is refused (someone
   * changed it meanwhile), and the same proposal twice has one effect.
   */
  Agreements proposed(Draft draft, int baseVersion, int proposer, Team team, Instant now) {
    Optional<Agreement> current = current();
    if (current.isPresent() && draft.sameAs(current.get())) {
      return this;
    }
    if (baseVersion != currentVersion()) {
      throw new Refusal(RefusalReason.STALE_VERSION, baseVersion, currentVersion());
    }
    requireNamesPartners(draft, team);
    Agreement next =
        current
            .map(a -> a.next(draft, proposer, now))
            .orElseGet(() -> Agreement.first(draft, proposer, now));
    List<Agreement> more = new ArrayList<>(versions);
    more.add(next);
    return new Agreements(more, agreedVersion);
  }

  /** A partner confirms the current version; confirming twice has one effect. */
  Agreements confirmed(int version, int seq, Instant now) {
    Agreement current = current().orElseThrow(() -> new Refusal(RefusalReason.NO_AGREEMENT));
    if (version != current.version()) {
      throw new Refusal(RefusalReason.STALE_VERSION, version, current.version());
    }
    if (current.confirmedBy(seq)) {
      return this;
    }
    List<Agreement> changed = new ArrayList<>(versions);
    changed.set(changed.size() - 1, current.confirm(seq, now));
    return new Agreements(changed, agreedVersion);
  }

  /** Whether every one of {@code confirming} confirmed the current version, and it is complete. */
  boolean confirmedByAll(List<Partner> confirming) {
    return current()
        .filter(Agreement::complete)
        .filter(a -> confirming.stream().allMatch(p -> a.confirmedBy(p.seq())))
        .isPresent();
  }

  /** The current version becomes the agreed version. */
  Agreements agreedOnCurrent() {
    return new Agreements(versions, currentVersion());
  }

  private static void requireNamesPartners(Draft draft, Team team) {
    for (Task task : draft.tasks()) {
      if (team.partner(task.partnerSeq()).isEmpty()) {
        throw new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + task.partnerSeq());
      }
    }
    if (draft.coordinatorSeq() > 0 && !team.acts(draft.coordinatorSeq())) {
      throw new Refusal(RefusalReason.COORDINATOR_MUST_ACT);
    }
    if (draft.backupSeq() > 0 && !team.acts(draft.backupSeq())) {
      throw new Refusal(RefusalReason.COORDINATOR_MUST_ACT);
    }
  }
}
