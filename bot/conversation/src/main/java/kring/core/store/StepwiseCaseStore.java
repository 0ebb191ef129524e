package kring.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.identity.UserRef;
import kring.core.outbox.Outbox;

/**
 * A turn's commit written in steps — the case, then its messages, then its plan — for stores that
 * have no single atomic write over all three (the in-memory stores of tests). A crash between the
 * steps keeps the first ones; Kring's Redis store commits a turn in one script instead.
 */
public final class StepwiseCaseStore implements CaseStore {

  private final Cases cases;
  private final Outbox outbox;
  private final PlanWriter plans;
  private final Clock clock;

  /** The deliveries whose turns each case committed (not forgotten: these stores live in tests). */
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();

  /** The marks of the deliveries seen, each with when it is forgotten. */
  private final Map<String, Instant> marks = new HashMap<>();

  public StepwiseCaseStore(Cases cases, Outbox outbox, PlanWriter plans, Clock clock) {
    this.cases = cases;
    this.outbox = outbox;
    this.plans = plans;
    this.clock = clock;
  }

  @Override
  public Case commit(CaseCommit commit) {
    Case read = commit.read();
    Case changed = commit.changed();
    if (commit.delivery() != null
        && delivered.contains(changed.code().value() + commit.delivery())) {
      throw new DeliveredBefore(changed.code());
    }
    Case stored;
    if (read == null) {
      cases.create(changed);
      stored = changed;
    } else {
      Case atRead = changed.atRevision(read.revision());
      stored =
          read.channel().equals(changed.channel())
              ? cases.update(atRead)
              : cases.move(atRead, read.channel());
    }
    if (commit.delivery() != null) {
      delivered.add(changed.code().value() + commit.delivery());
    }
    outbox.enqueueAll(commit.messages());
    plans.apply(stored.code(), commit.plan());
    plans.finished(commit.finished(), clock.instant());
    return stored;
  }

  @Override
  public synchronized Sighting.Found sight(UserRef speaker, Sighting sighting) {
    Instant now = clock.instant();
    for (Sighting.Mark mark : sighting.marks()) {
      String key = mark.scope() + ":" + mark.digest();
      Instant forgotten = marks.get(key);
      if (forgotten != null && forgotten.isAfter(now)) {
        return new Sighting.Found(Optional.of(mark.scope()));
      }
      marks.put(key, now.plus(mark.remember()));
    }
    return Sighting.Found.NEW;
  }

  @Override
  public boolean delivered(CaseCode code, String delivery) {
    return delivered.contains(code.value() + delivery);
  }
}
