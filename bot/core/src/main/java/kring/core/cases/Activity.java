package kring.core.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import kring.core.checkin.AnswersGiven;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.checkin.Tally;
import kring.core.partners.Handover;
import kring.core.partners.Role;
import kring.core.updates.FeedbackRequest;
import kring.core.updates.UpdateMark;

/**
 * What happened in a running case that its schedule depends on: who last gave news, which updates
 * wait for feedback, the check-in rounds, and the handover notes of partners who left. It owns how
 * a check-in opens, takes answers and closes to its tally. No text anyone wrote is kept here, but
 * for the handover notes.
 *
 * @param updates each partner's latest update mark, at most one per partner
 * @param feedback the most recent feedback requests, at most {@link #FEEDBACK_KEPT}
 * @param checkIns the most recent check-in rounds, at most {@link #CHECK_INS_KEPT}
 * @param handovers notes partners who left wrote for their successors, at most {@link
 *     #HANDOVERS_KEPT}
 */
public record Activity(
    List<UpdateMark> updates,
    List<FeedbackRequest> feedback,
    List<CheckInRound> checkIns,
    List<Handover> handovers) {

  public static final int FEEDBACK_KEPT = 20;
  public static final int CHECK_INS_KEPT = 12;

  public static final int HANDOVERS_KEPT = 20;

  public static final Activity NONE = new Activity(List.of(), List.of(), List.of(), List.of());

  public Activity {
    updates = List.copyOf(updates);
    feedback = List.copyOf(feedback);
    checkIns = List.copyOf(checkIns);
    handovers = List.copyOf(handovers);
  }

  public Activity withUpdates(List<UpdateMark> value) {
    return new Activity(value, feedback, checkIns, handovers);
  }

  public Activity withFeedback(List<FeedbackRequest> value) {
    return new Activity(updates, value, checkIns, handovers);
  }

  public Activity withCheckIns(List<CheckInRound> value) {
    return new Activity(updates, feedback, value, handovers);
  }

  public Activity withHandovers(List<Handover> value) {
    return new Activity(updates, feedback, checkIns, value);
  }

  // ---- updates and feedback

  /** A partner's latest update mark, if they ever gave news. */
  public Optional<UpdateMark> lastUpdate(int partnerSeq) {
    return updates.stream().filter(u -> u.partnerSeq() == partnerSeq).findFirst();
  }

  /** The feedback request with this number, if the case still keeps it. */
  public Optional<FeedbackRequest> feedback(int number) {
    return feedback.stream().filter(f -> f.number() == number).findFirst();
  }

  /** A partner gave news: only when and which kind is kept, never the text. */
  Activity updated(int seq, boolean nothingNew, Instant now) {
    List<UpdateMark> marks = without(updates, u -> u.partnerSeq() == seq);
    marks.add(new UpdateMark(seq, now, nothingNew));
    return withUpdates(marks);
  }

  /** A partner's update asked these partners for feedback, under the next number. */
  Activity feedbackAsked(int from, List<Integer> asked, Instant now) {
    int number = feedback.stream().mapToInt(FeedbackRequest::number).max().orElse(0);
    List<FeedbackRequest> requests = new ArrayList<>(feedback);
    requests.add(new FeedbackRequest(number + 1, from, now, asked, List.of()));
    return withFeedback(newest(requests, FEEDBACK_KEPT));
  }

  /** A partner asked for feedback saw or answered the update; saying it twice has one effect. */
  Activity feedbackGiven(int seq, int number) {
    FeedbackRequest request =
        feedback(number)
            .filter(f -> f.addressed().contains(seq))
            .orElseThrow(() -> new Refusal(RefusalReason.FEEDBACK_NOT_ASKED));
    if (request.answered().contains(seq)) {
      return this;
    }
    List<Integer> answered = new ArrayList<>(request.answered());
    answered.add(seq);
    FeedbackRequest done =
        new FeedbackRequest(
            request.number(), request.fromSeq(), request.postedAt(), request.addressed(), answered);
    return withFeedback(feedback.stream().map(f -> f.number() == number ? done : f).toList());
  }

  // ---- check-ins

  /** The newest check-in round, if there was one. */
  public Optional<CheckInRound> lastCheckIn() {
    return checkIns.isEmpty() ? Optional.empty() : Optional.of(checkIns.get(checkIns.size() - 1));
  }

  /** The check-in with this number, if the case still keeps it. */
  public Optional<CheckInRound> checkIn(int number) {
    return checkIns.stream().filter(r -> r.number() == number).findFirst();
  }

  /** Check-in {@code number} opens for these partners; a number not above the newest is a no-op. */
  Activity checkInOpened(int number, Instant now, Instant closesAt, List<Integer> invited) {
    Optional<CheckInRound> last = lastCheckIn();
    if (last.isPresent() && last.get().number() >= number) {
      return this;
    }
    List<CheckInRound> rounds = new ArrayList<>(checkIns);
    rounds.add(new CheckInRound(number, now, closesAt, invited, List.of(), List.of(), null));
    return withCheckIns(newest(rounds, CHECK_INS_KEPT));
  }

  /**
   * A partner answers an open check-in (a later answer replaces theirs), or skips it ({@code
   * answers} null). Answering a closed round, or one they were not asked in, is refused.
   */
  Activity checkInAnswered(
      int seq, int number, Map<CheckInQuestion, CheckInAnswer> answers, Instant now) {
    CheckInRound round =
        checkIn(number)
            .filter(r -> r.invited().contains(seq))
            .orElseThrow(() -> new Refusal(RefusalReason.CHECK_IN_NOT_YOURS));
    if (!round.open()) {
      throw new Refusal(RefusalReason.CHECK_IN_CLOSED);
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

  /** Closes a check-in: only the tally stays, nobody's answers. A closed round stays as it is. */
  Activity checkInClosed(int number) {
    CheckInRound round =
        checkIn(number).orElseThrow(() -> new Refusal(RefusalReason.CHECK_IN_GONE));
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
    return withCheckIn(
        new CheckInRound(
            number,
            round.openedAt(),
            round.closesAt(),
            round.invited(),
            List.of(),
            List.of(),
            tally));
  }

  private Activity withCheckIn(CheckInRound changed) {
    return withCheckIns(
        checkIns.stream().map(r -> r.number() == changed.number() ? changed : r).toList());
  }

  // ---- handovers

  /** A partner who left writes their handover note; writing again replaces it. */
  Activity handoverWritten(Handover note) {
    List<Handover> notes = without(handovers, h -> h.fromSeq() == note.fromSeq());
    notes.add(note);
    return withHandovers(newest(notes, HANDOVERS_KEPT));
  }

  /** The note of {@code fromSeq} went to the newcomer {@code toSeq}. */
  Activity handoverGiven(int fromSeq, int toSeq) {
    return withHandovers(
        handovers.stream().map(h -> h.fromSeq() == fromSeq ? h.givenTo(toSeq) : h).toList());
  }

  /**
   * The handover notes waiting for a newcomer in this role: not yet given to anyone in it (a
   * coordinator's note may have gone to the backup who took over in another role).
   */
  public List<Handover> handoversFor(Role role, Team team) {
    return handovers.stream()
        .filter(h -> h.role() != null && h.role() == role)
        .filter(
            h ->
                h.givenTo().stream()
                    .noneMatch(seq -> team.partner(seq).filter(p -> p.role() == role).isPresent()))
        .toList();
  }

  // ---- forgetting

  /**
   * This activity without anything of the partners {@code seqs}: their update marks and handover
   * notes, and their place and answers in a check-in still open (closed ones hold only a tally).
   */
  Activity without(Set<Integer> seqs) {
    List<CheckInRound> rounds =
        checkIns.stream()
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
    return new Activity(
        without(updates, u -> seqs.contains(u.partnerSeq())),
        feedback,
        rounds,
        without(handovers, h -> seqs.contains(h.fromSeq())));
  }

  static <T> List<T> without(List<T> list, Predicate<T> drop) {
    List<T> kept = new ArrayList<>(list);
    kept.removeIf(drop);
    return kept;
  }

  private static <T> List<T> newest(List<T> list, int kept) {
    return list.size() > kept ? list.subList(list.size() - kept, list.size()) : list;
  }
}
