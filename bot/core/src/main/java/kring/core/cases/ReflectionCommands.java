package kring.core.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.Improvement;
import kring.core.reflection.Question;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;

/**
 * The commands of a case that change its {@link Reflections}: starting, answering and closing a
 * reflection round, and the improvements agreed after one. Each checks the actor's role, lets the
 * reflections make the change and records a typed audit line; they are called on the {@link Case},
 * the only class that has them.
 */
sealed interface ReflectionCommands permits Case {

  /** The coordinator or backup starts a reflection round (see {@link Reflections#opened}). */
  default Case startReflection(
      UserRef actor,
      RoundKind kind,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    Case self = self();
    self.requireAllowed(actor, Action.START_REFLECTION, RefusalReason.REFLECTION_ONLY_COORDINATOR);
    int by = self.seqOf(actor);
    return openRound(self, by, kind, questions, anonymity, opensAt, closesAt, now);
  }

  /** The case's rhythm starts a reflection round; nobody in particular asked for it. */
  default Case startScheduledReflection(
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    RoundKind regular = RoundKind.REGULAR;
    return openRound(self(), 0, regular, questions, anonymity, opensAt, closesAt, now);
  }

  /** The coordinator or backup starts the final evaluation; when it closes, so does the case. */
  default Case startFinalReflection(
      UserRef actor,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.CLOSE_CASE, RefusalReason.ONLY_COORDINATOR_CLOSES);
    if (self.status() != CaseStatus.ACTIVE) {
      throw new Refusal(RefusalReason.FINAL_NOT_ACTIVE);
    }
    int by = self.seqOf(actor);
    return openRound(self, by, RoundKind.FINAL, questions, anonymity, opensAt, closesAt, now);
  }

  /** A partner saves their answers to an open round; only they can, never a name in a form. */
  default Case answerReflection(
      UserRef actor, int number, Map<String, Answer> answers, Instant now) {
    Case self = self();
    RefusalReason refusal =
        self.partner(actor).isPresent()
            ? RefusalReason.REFLECTION_NOT_INVITED
            : RefusalReason.NOT_A_PARTNER;
    self.requireAllowed(actor, Action.ANSWER, refusal);
    int seq = self.seqOf(actor);
    Reflections reflections = self.reflections();
    boolean first = reflections.round(number).flatMap(r -> r.answersOf(seq)).isEmpty();
    Reflections answered = reflections.answered(seq, number, answers, now);
    return first
        ? self.changed(answered, now, seq, AuditEvent.REFLECTION_ANSWERED, number)
        : self.with(answered);
  }

  /**
   * Kring closes a round (its deadline passed, or everyone answered): the answers lose their link
   * to who gave them. The final evaluation closes the case with it, and a check-in still open.
   */
  default Case closeReflection(int number, Instant now, RandomGenerator random) {
    Case self = self();
    Optional<ReflectionRound> round =
        self.reflections().round(number).filter(ReflectionRound::isOpen);
    if (round.isEmpty() || round.get().kind() != RoundKind.FINAL || !self.lifecycle().open()) {
      return round.map(r -> roundClosed(self, r, now, random, 0)).orElse(self);
    }
    Case closed =
        roundClosed(ActivityCommands.checkInClosed(self, now), round.get(), now, random, 0);
    Lifecycle.Closure.Reason reason = Lifecycle.Closure.Reason.FINAL_EVALUATION;
    return closed.changed(
        closed.lifecycle().closed(now, reason), now, 0, AuditEvent.CASE_CLOSED_FINAL);
  }

  /** The coordinator or backup closes an open regular round before its deadline. */
  default Case closeReflectionEarly(
      UserRef actor, int number, Instant now, RandomGenerator random) {
    Case self = self();
    self.requireOpen();
    RefusalReason refusal =
        self.partner(actor).isPresent()
            ? RefusalReason.REFLECTION_ONLY_COORDINATOR_CLOSES
            : RefusalReason.NOT_A_PARTNER;
    self.requireAllowed(actor, Action.CLOSE_REFLECTION, refusal);
    ReflectionRound round = self.reflections().existing(number);
    if (!round.isOpen()) {
      return self;
    }
    if (round.kind() == RoundKind.FINAL) {
      throw new Refusal(RefusalReason.CLOSING);
    }
    return roundClosed(self, round, now, random, self.seqOf(actor));
  }

  /**
   * The coordinator or backup records what the partners agreed to change after a closed round. The
   * list also becomes the agreement's "improvements we agreed": a new version the partners confirm
   * like any other, which the round's improvements name (0 without any agreement). The same list
   * again changes nothing.
   */
  default Case agreeImprovements(UserRef actor, int number, List<Improvement> agreed, Instant now) {
    Case self = self();
    self.requireAllowed(actor, Action.START_REFLECTION, RefusalReason.REFLECTION_ONLY_COORDINATOR);
    self.requireOpen();
    ReflectionRound round = self.reflections().existing(number);
    if (round.isOpen()) {
      throw new Refusal(RefusalReason.REFLECTION_STILL_OPEN, number);
    }
    List<String> texts = agreed.stream().map(Improvement::text).toList();
    Optional<Agreement> current = self.currentAgreement();
    boolean recorded = round.improvements().stream().map(Improvement::text).toList().equals(texts);
    if (recorded && current.map(a -> a.improvements().equals(texts)).orElse(true)) {
      return self;
    }
    Draft draft;
    try {
      draft = current.map(a -> a.draft().withImprovements(texts)).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    Case withVersion =
        draft == null || draft.sameAs(current.get())
            ? self
            : self.propose(actor, draft, self.agreements().currentVersion(), now);
    Reflections improved =
        withVersion
            .reflections()
            .improved(number, texts, withVersion.agreements().currentVersion());
    return withVersion.changed(
        improved,
        now,
        self.seqOf(actor),
        AuditEvent.REFLECTION_IMPROVEMENTS,
        number,
        agreed.size());
  }

  /**
   * The case with an open round closed to its anonymous result; one that waits for a school holiday
   * to pass and never opened is withdrawn. {@code bySeq} is 0 when Kring closed it.
   */
  static Case roundClosed(
      Case kase, ReflectionRound round, Instant now, RandomGenerator random, int bySeq) {
    Reflections reflections = kase.reflections();
    if (round.opensAfter(now)) {
      Reflections withdrawn = reflections.withdrawn(round.number());
      return kase.changed(withdrawn, now, bySeq, AuditEvent.REFLECTION_WITHDRAWN, round.number());
    }
    ReflectionRound closed = round.close(random);
    return kase.changed(
        reflections.replaced(closed),
        now,
        bySeq,
        AuditEvent.REFLECTION_CLOSED,
        closed.number(),
        closed.result().tookPart().size(),
        closed.invited().size());
  }

  private static Case openRound(
      Case kase,
      int startedBy,
      RoundKind kind,
      List<Question> questions,
      Anonymity anonymity,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    kase.requireOpen();
    List<Integer> invited = kase.confirmingPartners().stream().map(Partner::seq).toList();
    Reflections more =
        kase.reflections()
            .opened(startedBy, kind, questions, anonymity, invited, opensAt, closesAt, now);
    return kase.changed(more, now, startedBy, AuditEvent.REFLECTION_STARTED, more.newest());
  }

  private Case self() {
    return (Case) this;
  }
}
