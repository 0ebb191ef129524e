package kring.core.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kring.core.cases.CaseCode;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptKind;

/**
 * A case's schedule as a turn read it with the case ({@link TurnRead#schedule}), for a turn that
 * shows it.
 *
 * @param code the case whose schedule this is
 * @param planned what is planned for it, earliest first
 * @param counts how many of its prompts were sent alone, combined, put off or dropped, by kind
 */
public record CaseSchedule(
    CaseCode code, List<DuePrompt> planned, Map<PromptKind, Map<Fate, Long>> counts) {

  public CaseSchedule {
    planned = List.copyOf(planned);
    Map<PromptKind, Map<Fate, Long>> copy = new EnumMap<>(PromptKind.class);
    counts.forEach((kind, byFate) -> copy.put(kind, Map.copyOf(byFate)));
    counts = Collections.unmodifiableMap(copy);
  }
}
