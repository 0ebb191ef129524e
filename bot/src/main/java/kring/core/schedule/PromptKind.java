package kring.core.schedule;

import java.time.Duration;

/** A kind of prompt Kring sends on its own, with how long it stays worth sending. */
public enum PromptKind {
  /** A partner has not yet confirmed the agreement that would make the case active. */
  KICKOFF_REMINDER(Duration.ofDays(2)),
  /** The coordinator hears, privately, who has still not confirmed. */
  KICKOFF_ESCALATION(Duration.ofDays(3)),
  /** A partner has not answered an open reflection round; one reminder, before its deadline. */
  REFLECTION_REMINDER(Duration.ofDays(1)),
  /** A reflection round's deadline: it closes and its summary goes to the channel. */
  REFLECTION_CLOSE(Duration.ofDays(30));

  private final Duration validFor;

  PromptKind(Duration validFor) {
    this.validFor = validFor;
  }

  /** Whether the reflection rounds handle this prompt ({@code ReflectionPrompts}). */
  public boolean reflection() {
    return this == REFLECTION_REMINDER || this == REFLECTION_CLOSE;
  }

  /** How long after its due moment the prompt is still relevant; later it is dropped. */
  public Duration validFor() {
    return validFor;
  }
}
