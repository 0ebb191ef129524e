package kring.core.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.consent.InfoKind;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Handover;
import kring.core.partners.Partner;
import kring.core.updates.SharingGround;

/**
 * The commands of a case that change its {@link Activity}: updates, feedback, check-ins and
 * handover notes. Each checks the actor's role, lets the activity make the change and records a
 * typed audit line where one is kept; they are called on the {@link Case}, the only class that has
 * them.
 */
sealed interface ActivityCommands permits Case {

  /** A partner gave news, or said there is nothing new: only when and which is kept. */
  default Case updated(UserRef actor, boolean nothingNew, Instant now) {
    Case self = self();
    self.requireRunning(actor, Action.POST_UPDATE);
    return self.with(self.activity().updated(self.seqOf(actor), nothingNew, now));
  }

  /**
   * A partner shared news of a sensitive kind (its update mark is {@link #updated}): the audit line
   * that says that it happened, of which kind, on which ground, and with whom privately ({@code to}
   * empty: in the channel). The news itself is never recorded.
   *
   * @param onlyThat whether they shared only that they have news, not the news
   */
  default Case sharedSensitive(
      UserRef actor,
      InfoKind kind,
      SharingGround ground,
      List<Integer> to,
      boolean onlyThat,
      Instant now) {
    Case self = self();
    self.requireRunning(actor, Action.POST_UPDATE);
    List<Integer> recipients = to.stream().distinct().sorted().toList();
    String handles =
        recipients.stream().map(seq -> "P" + seq).collect(java.util.stream.Collectors.joining(","));
    return self.recorded(
        now,
        self.seqOf(actor),
        onlyThat ? AuditEvent.SENSITIVE_THAT : AuditEvent.SENSITIVE_SHARED,
        kind,
        ground,
        recipients.size(),
        handles);
  }

  /** A partner's update asks other partners who act for feedback, under the next number. */
  default Case askFeedback(UserRef actor, List<Integer> addressed, Instant now) {
    Case self = self();
    self.requireRunning(actor, Action.POST_UPDATE);
    int from = self.seqOf(actor);
    Team team = self.team();
    List<Integer> asked =
        addressed.stream().distinct().filter(s -> s != from && team.acts(s)).sorted().toList();
    if (asked.isEmpty()) {
      throw new Refusal(RefusalReason.FEEDBACK_NOBODY);
    }
    return self.with(self.activity().feedbackAsked(from, asked, now));
  }

  /** A partner asked for feedback says they saw or answered the update. */
  default Case feedbackGiven(UserRef actor, int number, Instant now) {
    Case self = self();
    self.requireOpen();
    return self.with(self.activity().feedbackGiven(self.seqOf(actor), number));
  }

  /** The schedule opens check-in {@code number} for every partner who acts and can be reached. */
  default Case openCheckIn(int number, Instant now, Instant closesAt) {
    Case self = self();
    self.requireRunning(null, null);
    if (self.closing()) {
      throw new Refusal(RefusalReason.CLOSING);
    }
    List<Integer> invited =
        self.confirmingPartners().stream().filter(p -> !p.unreachable()).map(Partner::seq).toList();
    Activity opened = self.activity().checkInOpened(number, now, closesAt, invited);
    return self.changed(opened, now, 0, AuditEvent.CHECK_IN_OPENED, number);
  }

  /** A partner answers an open check-in, or skips it ({@code answers} null). */
  default Case answerCheckIn(
      UserRef actor, int number, Map<CheckInQuestion, CheckInAnswer> answers, Instant now) {
    Case self = self();
    self.requireAllowedOpen(actor, Action.ANSWER, RefusalReason.NOT_A_PARTNER);
    return self.with(self.activity().checkInAnswered(self.seqOf(actor), number, answers, now));
  }

  /** Closes a check-in: only the tally stays. Closing a closed round changes nothing. */
  default Case closeCheckIn(int number, Instant now) {
    Case self = self();
    Activity closed = self.activity().checkInClosed(number);
    return self.changed(closed, now, 0, AuditEvent.CHECK_IN_CLOSED, number);
  }

  /** A partner who left writes a handover note for their successor; again replaces it. */
  default Case handOver(UserRef author, String note, String successor, Instant now) {
    Case self = self();
    self.requireOpen();
    Partner gone =
        self.team()
            .leftPartner(author)
            .orElseThrow(() -> new Refusal(RefusalReason.HANDOVER_NOT_YOURS));
    Handover written = new Handover(gone.seq(), gone.role(), note, successor, now, List.of());
    Activity more = self.activity().handoverWritten(written);
    return self.changed(more, now, gone.seq(), AuditEvent.HANDOVER_WRITTEN);
  }

  /** Marks a handover note as given to the newcomer {@code toSeq}. */
  default Case handoverGiven(int fromSeq, int toSeq, Instant now) {
    Case self = self();
    Activity given = self.activity().handoverGiven(fromSeq, toSeq);
    return self.changed(given, now, toSeq, AuditEvent.HANDOVER_GIVEN, "P" + fromSeq);
  }

  /** The case with its open check-in closed, for a case that stops running; else the same case. */
  static Case checkInClosed(Case kase, Instant now) {
    Optional<CheckInRound> open = kase.activity().lastCheckIn().filter(CheckInRound::open);
    return open.map(r -> kase.closeCheckIn(r.number(), now)).orElse(kase);
  }

  private Case self() {
    return (Case) this;
  }
}
