package kring.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Posted;
import kring.core.outbox.Retractions;

/** What Kring posted and the deletion queue, in memory, as the Redis store keeps them. */
public class InMemoryRetractions implements Retractions {

  private final Map<CaseCode, List<Posted>> posted = new HashMap<>();

  /** Queued items by handle: the item and when it is next due. */
  private final Map<String, Queued> queue = new LinkedHashMap<>();

  private int handles;

  private record Queued(Posted posted, int made, Instant due) {}

  @Override
  public synchronized void posted(CaseCode code, List<Posted> items) {
    posted.computeIfAbsent(code, c -> new ArrayList<>()).addAll(items);
  }

  /** What is kept for a case until it is erased. */
  public synchronized List<Posted> postedFor(CaseCode code) {
    return List.copyOf(posted.getOrDefault(code, List.of()));
  }

  /** The case is erased: what was posted for it is due for deletion at once. */
  public synchronized void erase(CaseCode code) {
    for (Posted item : posted.getOrDefault(code, List.of())) {
      queue.put("h" + ++handles, new Queued(item, 0, Instant.EPOCH));
    }
    posted.remove(code);
  }

  /** What waits to be deleted, taken or not. */
  public synchronized List<Posted> queued() {
    return queue.values().stream().map(Queued::posted).toList();
  }

  @Override
  public synchronized List<Retracting> claim(Instant now, int max, Duration lease) {
    List<Retracting> taken = new ArrayList<>();
    for (Map.Entry<String, Queued> entry : queue.entrySet()) {
      Queued item = entry.getValue();
      if (taken.size() < max && !item.due().isAfter(now)) {
        taken.add(new Retracting(item.posted(), item.made() + 1, entry.getKey()));
        entry.setValue(new Queued(item.posted(), item.made(), now.plus(lease)));
      }
    }
    return taken;
  }

  @Override
  public synchronized void finished(Retracting item) {
    queue.remove(item.handle());
  }

  @Override
  public synchronized void retry(Retracting item, Instant at, boolean counted) {
    if (queue.containsKey(item.handle())) {
      int made = counted ? item.attempt() : item.attempt() - 1;
      queue.put(item.handle(), new Queued(item.posted(), made, at));
    }
  }

  @Override
  public synchronized void resume(Platform platform, String origin) {
    queue.replaceAll(
        (handle, item) ->
            item.posted().platform() == platform && item.posted().origin().equals(origin)
                ? new Queued(item.posted(), item.made(), Instant.EPOCH)
                : item);
  }

  @Override
  public synchronized long waiting() {
    return queue.size();
  }
}
