package kring.core.cases;

import java.time.Instant;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Permission;

/**
 * The commands of a case that change its {@link Lifecycle}: pausing, moving, closing and erasing.
 * Each checks the actor's role, lets the lifecycle make the change and records a typed audit line;
 * they are called on the {@link Case}, the only class that has them.
 */
sealed interface LifecycleCommands permits Case {

  /**
   * The coordinator or backup puts the case on hold; twice changes nothing. What takes answers
   * closes as when the case closes ({@link #close}). A closing case is not paused.
   */
  default Case pause(UserRef actor, Instant now, RandomGenerator random) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_PAUSES);
    if (self.paused()) {
      return self;
    }
    if (self.closing()) {
      throw new Refusal(RefusalReason.PAUSE_CLOSING);
    }
    Case stopped = roundsClosed(self, now, random);
    Lifecycle onHold = stopped.lifecycle().paused(new Pause(now, self.seqOf(actor)));
    return stopped.changed(onHold, now, self.seqOf(actor), AuditEvent.CASE_PAUSED);
  }

  /** Kring lost the case's channel: the case pauses by itself until a coordinator resumes it. */
  default Case pauseBecauseChannelLost(String reason, Instant now) {
    Case self = self();
    Lifecycle lifecycle = self.lifecycle();
    Case noted = self.recorded(now, AuditEvent.CHANNEL_LOST, reason);
    return !lifecycle.open() || self.paused()
        ? noted
        : noted.changed(lifecycle.paused(new Pause(now, 0)), now, 0, AuditEvent.CASE_PAUSED);
  }

  /** The coordinator or backup lets a paused case run again. */
  default Case resume(UserRef actor, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CHANGE_CADENCE, RefusalReason.ONLY_COORDINATOR_PAUSES);
    return !self.paused()
        ? self
        : self.changed(self.lifecycle().resumed(), now, self.seqOf(actor), AuditEvent.CASE_RESUMED);
  }

  /**
   * The coordinator or backup moves the case to another channel in the same space, with all it
   * holds; a case paused because its channel was lost runs again. Stored with {@link Cases#move}.
   */
  default Case moveTo(UserRef actor, ChannelRef to, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.MOVE_CASE, RefusalReason.ONLY_COORDINATOR_MOVES);
    ChannelRef channel = self.channel();
    if (channel.equals(to)) {
      return self;
    }
    if (channel.platform() != to.platform() || !channel.space().equals(to.space())) {
      throw new Refusal(RefusalReason.MOVE_OTHER_SPACE);
    }
    Lifecycle lifecycle = self.lifecycle();
    Case moved = self.with(to).recorded(now, self.seqOf(actor), AuditEvent.CASE_MOVED);
    return !lifecycle.pausedForChannel()
        ? moved
        : moved.changed(lifecycle.resumed(), now, 0, AuditEvent.CASE_RESUMED);
  }

  /** Kring is back in the channel it lost: a case paused because of it runs again. */
  default Case channelBack(Instant now) {
    Case self = self();
    Lifecycle lifecycle = self.lifecycle();
    return !lifecycle.pausedForChannel() || !lifecycle.open()
        ? self
        : self.changed(lifecycle.resumed(), now, 0, AuditEvent.CHANNEL_BACK)
            .recorded(now, AuditEvent.CASE_RESUMED);
  }

  /** The coordinator or backup closes the case now; what still takes answers closes with it. */
  default Case close(UserRef actor, Instant now, RandomGenerator random) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CLOSE_CASE, RefusalReason.ONLY_COORDINATOR_CLOSES);
    Case stopped = roundsClosed(self, now, random);
    Lifecycle closed = stopped.lifecycle().closed(now, Lifecycle.Closure.Reason.COORDINATOR);
    return stopped.changed(closed, now, self.seqOf(actor), AuditEvent.CASE_CLOSED);
  }

  /** Kring closes a case nobody acted in for long, after asking its coordinator. */
  default Case closeForInactivity(Instant now) {
    Case self = self();
    Lifecycle lifecycle = self.lifecycle();
    Lifecycle closed = lifecycle.closed(now, Lifecycle.Closure.Reason.INACTIVITY);
    return !lifecycle.open() ? self : self.changed(closed, now, 0, AuditEvent.CASE_CLOSED_INACTIVE);
  }

  /** The coordinator or backup proposes to erase the case now, before its retention ends. */
  default Case proposeErasure(UserRef actor, Instant now) {
    Case self = self();
    self.requireAllowed(actor, Action.ERASE_CASE, RefusalReason.ERASE_ONLY_COORDINATOR);
    Lifecycle proposed = self.lifecycle().erasureProposed(now, self.seqOf(actor));
    return self.changed(proposed, now, self.seqOf(actor), AuditEvent.ERASURE_PROPOSED);
  }

  /**
   * A partner who acts, other than the proposer, confirms the erasure: the case closes and may be
   * erased. The proposal must be recent and its proposer still coordinator or backup, so that
   * nobody can erase a case with a button made up from an old one. Twice changes nothing.
   */
  default Case confirmErasure(UserRef actor, Instant now) {
    Case self = self();
    int seq = self.seqOf(actor);
    if (!self.team().acts(seq)) {
      throw new Refusal(RefusalReason.ERASE_PARTNERS_CONFIRM);
    }
    IntPredicate mayErase =
        by ->
            self.partner(by)
                .map(Partner::user)
                .filter(user -> self.permission(user, Action.ERASE_CASE) == Permission.ALLOWED)
                .isPresent();
    Lifecycle confirmed = self.lifecycle().erasureConfirmedBy(seq, now, mayErase);
    return self.changed(confirmed, now, seq, AuditEvent.ERASURE_CONFIRMED);
  }

  /**
   * The case with what still takes answers closed, for a case that stops running: the open check-in
   * keeps only its totals, the open round its anonymous result (or is withdrawn).
   */
  private static Case roundsClosed(Case kase, Instant now, RandomGenerator random) {
    Case base = ActivityCommands.checkInClosed(kase, now);
    return base.openReflection()
        .map(r -> ReflectionCommands.roundClosed(base, r, now, random, 0))
        .orElse(base);
  }

  private Case self() {
    return (Case) this;
  }
}
