package kring.core.checkin;

import java.time.Instant;
import java.util.List;

/**
 * One check-in of a case. While it is open it holds each partner's answers, so they can change them
 * and the ones who did not answer can be reminded; when it closes only the {@link Tally} stays.
 *
 * @param number 1, 2, 3 … within the case
 * @param openedAt when the partners were asked
 * @param closesAt when the round closes and its summary goes to the channel
 * @param invited the partners asked
 * @param answers the answers so far, while open; empty once closed
 * @param skipped the partners who chose to skip this round, while open
 * @param tally the result, once closed; null while open
 */
public record CheckInRound(
    int number,
    Instant openedAt,
    Instant closesAt,
    List<Integer> invited,
    List<AnswersGiven> answers,
    List<Integer> skipped,
    Tally tally) {

  public CheckInRound {
    if (number < 1 || openedAt == null || closesAt == null || closesAt.isBefore(openedAt)) {
      throw new IllegalArgumentException("A check-in needs a number and opens before it closes");
    }
    invited = List.copyOf(invited);
    answers = List.copyOf(answers);
    skipped = List.copyOf(skipped);
  }

  public boolean open() {
    return tally == null;
  }
}
