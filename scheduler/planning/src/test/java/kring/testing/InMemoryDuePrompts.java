package kring.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.cases.CaseCode;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptFate;
import kring.scheduler.planning.PromptKind;

/** The due list in memory, with the same contract as the Redis one. */
public final class InMemoryDuePrompts implements DuePrompts {

  private final Map<String, DuePrompt> planned = new HashMap<>();
  private final Map<String, DuePrompt> claimed = new HashMap<>();
  private final Map<String, Instant> leases = new HashMap<>();
  private final Map<CaseCode, Map<String, Instant>> sent = new HashMap<>();
  private final Set<String> putOff = new HashSet<>();
  private final Map<CaseCode, Map<PromptKind, Map<Fate, Long>>> counts = new HashMap<>();

  @Override
  public synchronized void replace(CaseCode code, List<DuePrompt> prompts) {
    for (DuePrompt prompt : prompts) {
      if (!prompt.caseCode().equals(code)) {
        throw new IllegalArgumentException(prompt.id() + " does not belong to case " + code);
      }
    }
    planned.values().removeIf(p -> p.caseCode().equals(code) && !putOff.contains(p.id()));
    Map<String, Instant> handedOut = sent.getOrDefault(code, Map.of());
    prompts.stream()
        .filter(p -> !putOff.contains(p.id()) && !claimed.containsKey(p.id()))
        .filter(p -> !(p.kind().personal() && handedOut.containsKey(p.id())))
        .forEach(p -> planned.put(p.id(), p));
  }

  @Override
  public synchronized List<DuePrompt> claim(Instant now, int max, Duration lease) {
    List<DuePrompt> due = new ArrayList<>();
    claimed.values().stream()
        .filter(p -> !leases.get(p.id()).isAfter(now))
        .sorted(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id))
        .limit(max)
        .forEach(due::add);
    planned.values().stream()
        .filter(p -> !p.dueAt().isAfter(now))
        .sorted(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id))
        .limit(max - due.size())
        .forEach(due::add);
    for (DuePrompt prompt : due) {
      planned.remove(prompt.id());
      putOff.remove(prompt.id());
      claimed.put(prompt.id(), prompt);
      leases.put(prompt.id(), now.plus(lease));
    }
    due.sort(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id));
    return due;
  }

  @Override
  public synchronized void done(List<DuePrompt> finished, Instant now) {
    for (DuePrompt prompt : finished) {
      claimed.remove(prompt.id());
      leases.remove(prompt.id());
      sent.computeIfAbsent(prompt.caseCode(), c -> new HashMap<>())
          .put(prompt.id(), prompt.validUntil());
    }
    Instant forgotten = now.minus(Duration.ofDays(1));
    sent.values().forEach(ids -> ids.values().removeIf(until -> until.isBefore(forgotten)));
  }

  @Override
  public synchronized void later(DuePrompt moved) {
    claimed.remove(moved.id());
    leases.remove(moved.id());
    putOff.add(moved.id());
    planned.put(moved.id(), moved);
  }

  @Override
  public synchronized List<DuePrompt> planned(CaseCode code) {
    return planned.values().stream()
        .filter(p -> p.caseCode().equals(code))
        .sorted(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id))
        .toList();
  }

  @Override
  public synchronized void forget(CaseCode code) {
    planned.values().removeIf(p -> p.caseCode().equals(code));
    claimed.values().removeIf(p -> p.caseCode().equals(code));
    leases.keySet().removeIf(id -> id.startsWith(code.value() + "/"));
    putOff.removeIf(id -> id.startsWith(code.value() + "/"));
    sent.remove(code);
  }

  @Override
  public synchronized void count(List<PromptFate> fates) {
    for (PromptFate f : fates) {
      counts
          .computeIfAbsent(f.caseCode(), c -> new EnumMap<>(PromptKind.class))
          .computeIfAbsent(f.kind(), k -> new EnumMap<>(Fate.class))
          .merge(f.fate(), 1L, Long::sum);
    }
  }

  @Override
  public synchronized Map<PromptKind, Map<Fate, Long>> counts(CaseCode code) {
    Map<PromptKind, Map<Fate, Long>> copy = new EnumMap<>(PromptKind.class);
    counts.getOrDefault(code, Map.of()).forEach((k, v) -> copy.put(k, new EnumMap<>(v)));
    return copy;
  }
}
