package kring.core.conversation;

/** The ids of Kring's forms; each comes back with the submitted values. */
public final class Forms {

  public static final String INTRODUCE = "partner.introduce";
  public static final String JOIN = "partner.join";
  public static final String GOAL = "agreement.goal";
  public static final String ROLES = "agreement.roles";
  public static final String UPDATE = "update.post";
  public static final String CHECK_IN = "check-in.answer";
  public static final String HANDOVER = "partner.handover";
  public static final String VOICE = "partner.voice";
  public static final String CONSENT = "consent.record";
  public static final String UPDATE_CHECK = "update.check";

  public static final String ROUND_START = "round.start-form";
  public static final String ROUND_ANSWERS = "round.answers";
  public static final String ROUND_IMPROVEMENTS = "round.improvements";

  /** Hidden field: the case the form belongs to. */
  public static final String CASE = "case";

  /** Hidden field: the agreement version the form was built on. */
  public static final String BASE = "base";

  /** Hidden field: the check-in or reflection round the form answers. */
  public static final String ROUND = "round";

  /** Hidden field: the partner number a form is about. */
  public static final String PARTNER = "partner";

  private Forms() {}
}
