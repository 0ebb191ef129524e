package kring.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;

/** Cases in memory, with the same contract as the Redis ones, for tests without Redis. */
public final class InMemoryCases implements Cases {

  private final Map<CaseCode, Case> cases = new HashMap<>();
  private final Map<ChannelRef, CaseCode> channels = new HashMap<>();

  @Override
  public synchronized Optional<Case> find(CaseCode code) {
    return Optional.ofNullable(cases.get(code));
  }

  @Override
  public synchronized Optional<Case> findByChannel(ChannelRef channel) {
    return Optional.ofNullable(channels.get(channel)).flatMap(this::find);
  }

  @Override
  public synchronized List<Case> findByPerson(UserRef person) {
    return cases.values().stream().filter(c -> c.team().involves(person)).toList();
  }

  @Override
  public synchronized List<Case> findNaming(UserRef person) {
    return cases.values().stream().filter(c -> c.team().names(person)).toList();
  }

  @Override
  public synchronized void create(Case newCase) {
    // A closed case frees its channel; it stays reachable by its code.
    if (findByChannel(newCase.channel()).filter(c -> c.status() != CaseStatus.CLOSED).isPresent()) {
      throw new ChannelTaken(newCase.channel());
    }
    if (cases.containsKey(newCase.code())) {
      throw new CodeTaken(newCase.code());
    }
    cases.put(newCase.code(), newCase);
    channels.put(newCase.channel(), newCase.code());
  }

  @Override
  public synchronized Case update(Case changed) {
    Case stored = cases.get(changed.code());
    if (stored == null || stored.revision() != changed.revision()) {
      throw new ConcurrentChange(changed.code(), changed.revision());
    }
    Case updated = changed.atRevision(stored.revision() + 1);
    cases.put(updated.code(), updated);
    return updated;
  }

  @Override
  public synchronized Case move(Case moved, ChannelRef from) {
    if (channels.containsKey(moved.channel())) {
      throw new ChannelTaken(moved.channel());
    }
    Case updated = update(moved);
    if (moved.code().equals(channels.get(from))) {
      channels.remove(from);
    }
    channels.put(moved.channel(), moved.code());
    return updated;
  }
}
