package kring.scheduler.planning;

import java.time.Duration;

/** A kind of prompt Kring sends on its own, with how long it stays worth sending. */
public enum PromptKind {
  /** A partner has not yet confirmed the agreement that would make the case active. */
  KICKOFF_REMINDER(Duration.ofDays(2), true),
  /** The coordinator hears, privately, who has still not confirmed. */
  KICKOFF_ESCALATION(Duration.ofDays(3), true),
  /** A partner's update is overdue under the agreed rhythm. */
  UPDATE_DUE(Duration.ofDays(3), true),
  /** A partner asked for feedback on an update has not said they saw or answered it. */
  FEEDBACK_FOLLOWUP(Duration.ofDays(3), true),
  /** The case's rhythm says a check-in starts: the round opens (addressed to its coordinator). */
  CHECK_IN_OPEN(Duration.ofDays(14), false),
  /** A partner is asked the check-in's three questions. */
  CHECK_IN_INVITE(Duration.ofDays(3), true),
  /** The one reminder for a partner who has not answered the check-in. */
  CHECK_IN_REMINDER(Duration.ofDays(1), true),
  /** The check-in closes and its summary goes to the channel. */
  CHECK_IN_CLOSE(Duration.ofDays(30), false),
  /** The agreement changed since a represented person's view was recorded: ask them again. */
  VOICE_REMINDER(Duration.ofDays(3), true),
  /** At the start of a school year, the coordinator checks who is still on the team. */
  TEAM_CHECK(Duration.ofDays(10), true),
  /**
   * The case's rhythm says a reflection round starts: it opens with the default questions
   * (addressed to its coordinator, who needs to do nothing).
   */
  REFLECTION_OPEN(Duration.ofDays(14), false),
  /** A partner is asked privately to answer a reflection round the case's rhythm opened. */
  REFLECTION_INVITE(Duration.ofDays(3), true),
  /** A partner has not answered an open reflection round; one reminder, before its deadline. */
  REFLECTION_REMINDER(Duration.ofDays(1), true),
  /** A reflection round's deadline: it closes and its summary goes to the channel. */
  REFLECTION_CLOSE(Duration.ofDays(30), false);

  private final Duration validFor;
  private final boolean personal;

  PromptKind(Duration validFor, boolean personal) {
    this.validFor = validFor;
    this.personal = personal;
  }

  /**
   * Which prompts go first into a person's one message of the day when more are due than it holds:
   * invitations to something that closes soon, then their last reminders, then everything that can
   * wait a day without harm (lower comes first).
   */
  public int urgency() {
    return switch (this) {
      case CHECK_IN_INVITE, REFLECTION_INVITE -> 0;
      case CHECK_IN_REMINDER, REFLECTION_REMINDER -> 1;
      case KICKOFF_REMINDER, KICKOFF_ESCALATION, TEAM_CHECK -> 2;
      case FEEDBACK_FOLLOWUP, VOICE_REMINDER -> 3;
      case UPDATE_DUE -> 4;
      case CHECK_IN_OPEN, CHECK_IN_CLOSE, REFLECTION_OPEN, REFLECTION_CLOSE -> 0;
    };
  }

  /** Whether the reflection rounds handle this prompt ({@code ReflectionPrompts}). */
  public boolean reflection() {
    return this == REFLECTION_OPEN
        || this == REFLECTION_INVITE
        || this == REFLECTION_REMINDER
        || this == REFLECTION_CLOSE;
  }

  /** How long after its due moment the prompt is still relevant; later it is dropped. */
  public Duration validFor() {
    return validFor;
  }

  /**
   * Whether this prompt lands with its person (and counts towards their few prompts a day and a
   * week), rather than being something the case's schedule does on its own.
   */
  public boolean personal() {
    return personal;
  }
}
