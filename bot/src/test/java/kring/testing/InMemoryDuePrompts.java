package kring.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.cases.CaseCode;
import kring.core.schedule.DuePrompt;
import kring.core.schedule.DuePrompts;

/** The due list in memory, with the same contract as the Redis one. */
public final class InMemoryDuePrompts implements DuePrompts {

  private final Map<String, DuePrompt> planned = new HashMap<>();
  private final Map<CaseCode, Set<String>> sent = new HashMap<>();
  private final Set<String> putOff = new HashSet<>();

  @Override
  public synchronized void replace(CaseCode code, List<DuePrompt> prompts) {
    for (DuePrompt prompt : prompts) {
      if (!prompt.caseCode().equals(code)) {
        throw new IllegalArgumentException(prompt.id() + " does not belong to case " + code);
      }
    }
    planned.values().removeIf(p -> p.caseCode().equals(code) && !putOff.contains(p.id()));
    Set<String> handedOut = sent.getOrDefault(code, Set.of());
    prompts.stream().filter(p -> !handedOut.contains(p.id())).forEach(p -> planned.put(p.id(), p));
  }

  @Override
  public synchronized List<DuePrompt> claim(Instant now, int max) {
    List<DuePrompt> due =
        planned.values().stream()
            .filter(p -> !p.dueAt().isAfter(now))
            .sorted(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id))
            .limit(max)
            .toList();
    for (DuePrompt prompt : due) {
      planned.remove(prompt.id());
      putOff.remove(prompt.id());
      sent.computeIfAbsent(prompt.caseCode(), c -> new HashSet<>()).add(prompt.id());
    }
    return new ArrayList<>(due);
  }

  @Override
  public synchronized void later(DuePrompt moved) {
    sent.computeIfAbsent(moved.caseCode(), c -> new HashSet<>()).add(moved.id());
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
    putOff.removeIf(id -> id.startsWith(code.value() + "/"));
    sent.remove(code);
  }
}
