package kring.core.cases;

import java.util.List;
import kring.core.checkin.CheckInRound;
import kring.core.partners.Handover;
import kring.core.updates.FeedbackRequest;
import kring.core.updates.UpdateMark;

/**
 * What happened in a running case that its schedule depends on: who last gave news, which updates
 * wait for feedback, and the check-in rounds. No text anyone wrote is kept here.
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
}
