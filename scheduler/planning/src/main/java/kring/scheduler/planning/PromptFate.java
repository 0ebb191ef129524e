package kring.scheduler.planning;

import kring.core.cases.CaseCode;

/** One prompt of a case that ended one way ({@link Fate}), for the case's counts. */
public record PromptFate(CaseCode caseCode, PromptKind kind, Fate fate) {

  public PromptFate {
    if (caseCode == null || kind == null || fate == null) {
      throw new IllegalArgumentException("A prompt's fate needs its case, its kind and the fate");
    }
  }

  public static PromptFate of(DuePrompt prompt, Fate fate) {
    return new PromptFate(prompt.caseCode(), prompt.kind(), fate);
  }
}
