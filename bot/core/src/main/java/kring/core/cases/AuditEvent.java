package kring.core.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an audit line says happened. Each event keeps the exact text a stored audit trail holds
 * ({@link #stored()}), so trails written before read back unchanged; its words are the text {@code
 * audit.<stored>} in the reader's language, with the values listed in {@link #args()}.
 */
public enum AuditEvent {
  CASE_STARTED("case-started"),
  JOIN_ASKED("join-asked", Value.ROLE),
  /** The newcomer's handle and, from this Kring on, when they asked (to name who asked). */
  JOIN_ACCEPTED("join-accepted", Value.HANDLE, Value.PLAIN),
  JOIN_DECLINED("join-declined"),
  INTRODUCED("introduced", Value.ROLE),
  AGREEMENT_PROPOSED("agreement-proposed", Value.NUMBER),
  AGREEMENT_CONFIRMED("agreement-confirmed", Value.NUMBER),
  AGREEMENT_AGREED("agreement-agreed", Value.NUMBER),
  CASE_ACTIVE("case-active"),
  CASE_CLOSED("case-closed"),
  CASE_CLOSED_FINAL("case-closed-final"),
  CASE_CLOSED_INACTIVE("case-closed-inactive"),
  /** Written by an earlier Kring when a partner left the channel; kept so old trails read. */
  LEFT_CHANNEL("left-channel"),
  CHANNEL_LOST("channel-lost", Value.PLAIN),
  CHANNEL_BACK("channel-back"),
  CASE_PAUSED("case-paused"),
  CASE_RESUMED("case-resumed"),
  CASE_MOVED("case-moved"),
  PARTNER_UNREACHABLE("partner-unreachable", Value.HANDLE),
  PARTNER_REACHABLE("partner-reachable"),
  CHECK_IN_OPENED("check-in-opened", Value.NUMBER),
  CHECK_IN_CLOSED("check-in-closed", Value.NUMBER),
  HOURS_SET("hours-set", Value.PLAIN, Value.PLAIN),
  FREE_DAY_ADDED("free-day-added", Value.PLAIN),
  FREE_DAY_REMOVED("free-day-removed", Value.PLAIN),
  TRANSITION_ADDED("transition-added", Value.PLAIN, Value.TRANSITION),
  TRANSITION_REMOVED("transition-removed", Value.PLAIN, Value.TRANSITION),
  HOLIDAYS_SKIPPED("holidays-skipped"),
  HOLIDAYS_WORKED("holidays-worked"),
  CADENCE_SET("cadence-set", Value.NUMBER, Value.NUMBER),
  CADENCE_AGREED("cadence-agreed"),
  REFLECTION_STARTED("reflection-started", Value.NUMBER),
  REFLECTION_ANSWERED("reflection-answered", Value.NUMBER),
  REFLECTION_CLOSED("reflection-closed", Value.NUMBER, Value.NUMBER, Value.NUMBER),
  REFLECTION_WITHDRAWN("reflection-withdrawn", Value.NUMBER),
  REFLECTION_IMPROVEMENTS("reflection-improvements", Value.NUMBER, Value.NUMBER),
  PARTNER_LEFT("partner-left", Value.HANDLE),
  PARTNER_REMOVED("partner-removed", Value.HANDLE),
  COORDINATOR_TOOK_OVER("coordinator-took-over", Value.HANDLE),
  NO_COORDINATOR("no-coordinator", Value.HANDLE),
  HANDOVER_WRITTEN("handover-written"),
  HANDOVER_GIVEN("handover-given", Value.HANDLE),
  TEAM_CONFIRMED("team-confirmed"),
  REPRESENTED_ADDED("represented-added", Value.HANDLE, Value.HANDLE),
  REPRESENTED_PASSED("represented-passed", Value.HANDLE, Value.HANDLE),
  VOICE_RECORDED("voice-recorded", Value.HANDLE),
  ERASURE_PROPOSED("erasure-proposed"),
  ERASURE_CONFIRMED("erasure-confirmed"),
  PARTNER_FORGOTTEN("partner-forgotten"),
  KEPT_OPEN("kept-open"),
  CONSENT_RECORDED("consent-recorded", Value.NUMBER, Value.PLAIN, Value.PLAIN),
  CONSENT_WITHDRAWN("consent-withdrawn", Value.NUMBER),
  /**
   * A partner shared sensitive news as text: the kind of information, the ground they gave, to how
   * many partners privately (0: in the channel) and which. Never the news itself.
   */
  SENSITIVE_SHARED("sensitive-shared", Value.INFO_KIND, Value.GROUND, Value.NUMBER, Value.HANDLES),
  /** As {@link #SENSITIVE_SHARED}, but the partner shared only that they have news. */
  SENSITIVE_THAT("sensitive-that", Value.INFO_KIND, Value.GROUND, Value.NUMBER, Value.HANDLES),
  FAMILY_LINK_GIVEN("family-link-given", Value.HANDLE),
  FAMILY_LINK_REVOKED("family-link-revoked", Value.HANDLE),
  FAMILY_ANSWERED("family-answered", Value.HANDLE),
  FAMILY_CONSENT_GIVEN("family-consent-given", Value.NUMBER, Value.HANDLE),
  FAMILY_VIEW_SHARED("family-view-shared", Value.HANDLE),
  FAMILY_GOAL_WRITTEN("family-goal-written", Value.HANDLE),
  FAMILY_GOAL_REMOVED("family-goal-removed", Value.HANDLE),
  /** A represented person withdrew, on their page, a consent they gave there before. */
  FAMILY_CONSENT_WITHDRAWN("family-consent-withdrawn", Value.NUMBER, Value.HANDLE);

  /** What kind of value an audit line carries in each place, so that a reader sees it in words. */
  public enum Value {
    /** Shown as stored: a date, a time, a short reason. */
    PLAIN,
    /** A number: a version, a round, a count. */
    NUMBER,
    /** A partner's handle, P1, P2 … */
    HANDLE,
    /** A {@link kring.core.partners.Role} by its name, shown as the role's name in words. */
    ROLE,
    /** A {@link TransitionKind} by its name, shown in words. */
    TRANSITION,
    /** A {@link kring.core.consent.InfoKind} by its name, shown in words. */
    INFO_KIND,
    /** A {@link kring.core.updates.SharingGround} by its name, shown in words. */
    GROUND,
    /** Partners' handles separated by commas: P2,P3 … */
    HANDLES
  }

  private static final Map<String, AuditEvent> BY_STORED =
      Arrays.stream(values()).collect(Collectors.toMap(AuditEvent::stored, Function.identity()));

  private final String stored;
  private final List<Value> args;

  AuditEvent(String stored, Value... args) {
    this.stored = stored;
    this.args = List.of(args);
  }

  /** The event as an audit trail stores it, and the end of its text key. */
  public String stored() {
    return stored;
  }

  /** The text key of the event's words. */
  public String textKey() {
    return "audit." + stored;
  }

  /** What the values of a line with this event are, in order. */
  public List<Value> args() {
    return args;
  }

  /**
   * The event a stored audit line names.
   *
   * @throws IllegalArgumentException for an event no Kring ever wrote
   */
  public static AuditEvent ofStored(String stored) {
    AuditEvent event = BY_STORED.get(stored);
    if (event == null) {
      throw new IllegalArgumentException("No audit event " + stored);
    }
    return event;
  }
}
