package kring.core.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Where a case is in its life: its status, the pause it may be on, how and when it closed, and a
 * proposal to erase it. All of it is state of its own, never read back from the audit trail.
 *
 * @param status intake, active or closed
 * @param pause the pause the case is on, or null while it runs
 * @param closure how and when the case closed; null until it closes
 * @param erasure the latest proposal to erase the case now, with its confirmation; or null
 */
public record Lifecycle(CaseStatus status, Pause pause, Closure closure, Erasure erasure) {

  /** How long a proposal to erase the case waits for a second partner's confirmation. */
  public static final Duration ERASURE_PROPOSAL_VALID = Duration.ofDays(7);

  /** A new case: in intake, running, never closed. */
  static final Lifecycle STARTED = new Lifecycle(CaseStatus.INTAKE, null, null, null);

  public Lifecycle {
    if (status == null) {
      throw new IllegalArgumentException("A case needs a status");
    }
    if ((status == CaseStatus.CLOSED) != (closure != null)) {
      throw new IllegalArgumentException("A case is closed exactly when it has a closure");
    }
  }

  /**
   * How a case closed.
   *
   * @param at when; null only for a case an earlier Kring closed without a trace of when
   * @param reason who or what closed it
   */
  public record Closure(Instant at, Reason reason) {

    public Closure {
      if (reason == null || (at == null && reason != Reason.UNRECORDED)) {
        throw new IllegalArgumentException("A closure needs a reason and, when recorded, a moment");
      }
    }

    /** Who or what closed a case. */
    public enum Reason {
      /** The coordinator or backup closed it. */
      COORDINATOR,
      /** Its final evaluation closed, and Kring closed the case with it. */
      FINAL_EVALUATION,
      /** Kring closed it after a long time without activity. */
      INACTIVITY,
      /** Two partners agreed to erase it. */
      ERASURE,
      /** Everyone who could act in it asked Kring to forget them. */
      NOBODY_LEFT,
      /** An earlier Kring closed it, and its capped audit trail no longer says how. */
      UNRECORDED
    }
  }

  /**
   * A proposal to erase a case before its retention period ends.
   *
   * @param proposedAt when the coordinator or backup proposed it
   * @param proposedBySeq who proposed it
   * @param confirmedAt when a second partner confirmed it, or null while nobody did
   * @param confirmedBySeq who confirmed it, or 0
   */
  public record Erasure(
      Instant proposedAt, int proposedBySeq, Instant confirmedAt, int confirmedBySeq) {

    public Erasure {
      if (proposedAt == null || proposedBySeq < 1) {
        throw new IllegalArgumentException("An erasure proposal needs a moment and a partner");
      }
      if ((confirmedAt == null) != (confirmedBySeq == 0)) {
        throw new IllegalArgumentException("A confirmation needs a moment and a partner");
      }
    }

    /** Whether the proposal is recent enough to confirm at {@code now}. */
    public boolean validAt(Instant now) {
      return !proposedAt.isBefore(now.minus(ERASURE_PROPOSAL_VALID));
    }

    public boolean confirmed() {
      return confirmedAt != null;
    }
  }

  /** Whether the case still takes changes: it is not closed. */
  public boolean open() {
    return status != CaseStatus.CLOSED;
  }

  /** Whether the case is on hold: no prompts until it resumes. */
  public boolean paused() {
    return pause != null;
  }

  /** Whether the case paused by itself, because Kring lost its channel. */
  public boolean pausedForChannel() {
    return pause != null && pause.bySeq() == 0;
  }

  /** Whether two partners agreed to erase the case (after the latest proposal). */
  public boolean erasureConfirmed() {
    return erasure != null && erasure.confirmed();
  }

  /** The proposal to erase the case that still waits for its confirmation, if any. */
  public Optional<Erasure> erasureProposed() {
    return Optional.ofNullable(erasure).filter(e -> !e.confirmed());
  }

  /** Refuses a change to a closed case. */
  void requireOpen(CaseCode code) {
    if (!open()) {
      throw new Refusal(RefusalReason.CASE_CLOSED, code.value());
    }
  }

  Lifecycle paused(Pause value) {
    return new Lifecycle(status, value, closure, erasure);
  }

  Lifecycle resumed() {
    return new Lifecycle(status, null, closure, erasure);
  }

  /** Every confirming partner agreed: an intake case becomes active. */
  Lifecycle agreed() {
    return status == CaseStatus.INTAKE
        ? new Lifecycle(CaseStatus.ACTIVE, pause, closure, erasure)
        : this;
  }

  /** The case closes now, for this reason. */
  Lifecycle closed(Instant at, Closure.Reason reason) {
    return new Lifecycle(CaseStatus.CLOSED, pause, new Closure(at, reason), erasure);
  }

  /** A new proposal to erase the case; it replaces an earlier one and its confirmation. */
  Lifecycle erasureProposed(Instant at, int bySeq) {
    return new Lifecycle(status, pause, closure, new Erasure(at, bySeq, null, 0));
  }

  /**
   * Partner {@code seq} confirms the latest proposal to erase the case: it closes and may be
   * erased. The proposal must be recent and its proposer must still be allowed to erase ({@code
   * mayErase}), so that nobody erases a case with a button made up from an old one; the proposer
   * cannot confirm their own. Confirming twice changes nothing.
   */
  Lifecycle erasureConfirmedBy(int seq, Instant at, IntPredicate mayErase) {
    if (erasureConfirmed()) {
      return this;
    }
    Erasure proposal =
        erasureProposed()
            .filter(p -> p.validAt(at))
            .filter(p -> mayErase.test(p.proposedBySeq()))
            .orElseThrow(() -> new Refusal(RefusalReason.ERASE_NO_PROPOSAL));
    if (proposal.proposedBySeq() == seq) {
      throw new Refusal(RefusalReason.ERASE_OTHER_PARTNER);
    }
    return erasureConfirmed(at, seq);
  }

  /** A second partner confirmed the proposal: the case closes and may be erased. */
  Lifecycle erasureConfirmed(Instant at, int bySeq) {
    Erasure confirmed = new Erasure(erasure.proposedAt(), erasure.proposedBySeq(), at, bySeq);
    return new Lifecycle(
        CaseStatus.CLOSED, pause, new Closure(at, Closure.Reason.ERASURE), confirmed);
  }
}
