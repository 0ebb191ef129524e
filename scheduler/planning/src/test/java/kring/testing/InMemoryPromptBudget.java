package kring.testing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kring.core.identity.UserRef;
import kring.scheduler.planning.PromptBudget;

/** Each person's share of prompts in memory, with the same contract as the Redis one. */
public final class InMemoryPromptBudget implements PromptBudget {

  private record Used(LocalDate day, LocalDate week, int sent) {}

  private final Map<UserRef, Used> used = new HashMap<>();

  @Override
  public synchronized Map<UserRef, Share> take(
      Set<UserRef> people, Set<UserRef> canWait, LocalDate day, LocalDate week) {
    Map<UserRef, Share> shares = new HashMap<>();
    for (UserRef person : people) {
      Used before = used.get(person);
      int sent = before != null && before.week().equals(week) ? before.sent() : 0;
      if (before != null && before.day().equals(day)) {
        shares.put(person, Share.DAY_USED);
      } else if (sent >= PER_WEEK) {
        shares.put(person, Share.WEEK_USED);
      } else if (canWait.contains(person) && sent + 1 >= PER_WEEK) {
        shares.put(person, Share.KEPT);
      } else {
        used.put(person, new Used(day, week, sent + 1));
        shares.put(person, Share.GRANTED);
      }
    }
    return shares;
  }
}
