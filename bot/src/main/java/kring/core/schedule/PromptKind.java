package kring.core.schedule;

import java.time.Duration;

/** A kind of prompt Kring sends on its own, with how long it stays worth sending. */
public enum PromptKind {
  /** A partner has not yet confirmed the agreement that would make the case active. */
  KICKOFF_REMINDER(Duration.ofDays(2)),
  /** The coordinator hears, privately, who has still not confirmed. */
  KICKOFF_ESCALATION(Duration.ofDays(3));

  private final Duration validFor;

  PromptKind(Duration validFor) {
    this.validFor = validFor;
  }

  /** How long after its due moment the prompt is still relevant; later it is dropped. */
  public Duration validFor() {
    return validFor;
  }
}
