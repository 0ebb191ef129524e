package kring.core.updates;

import java.time.Instant;
import java.util.List;

/**
 * An update posted through Kring that asked some partners for feedback; the update's text is not
 * kept, only who was asked and who said they saw or answered it.
 *
 * @param number 1, 2, 3 … within the case
 * @param fromSeq the partner who posted the update
 * @param postedAt when
 * @param addressed the partners asked for feedback
 * @param answered the addressed partners who pressed "seen" or "answered"
 */
public record FeedbackRequest(
    int number, int fromSeq, Instant postedAt, List<Integer> addressed, List<Integer> answered) {

  public FeedbackRequest {
    if (number < 1 || fromSeq < 1 || postedAt == null) {
      throw new IllegalArgumentException("A feedback request needs a number, a sender and a time");
    }
    addressed = List.copyOf(addressed);
    answered = List.copyOf(answered);
  }

  /** The addressed partners who have not answered yet. */
  public List<Integer> waitingFor() {
    return addressed.stream().filter(seq -> !answered.contains(seq)).toList();
  }
}
