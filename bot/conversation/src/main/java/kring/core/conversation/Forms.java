package kring.core.conversation;

/** The ids of Kring's forms; each comes back with the submitted values. */
final class Forms {

  static final String INTRODUCE = "partner.introduce";
  static final String JOIN = "partner.join";
  static final String GOAL = "agreement.goal";
  static final String ROLES = "agreement.roles";
  static final String UPDATE = "update.post";
  static final String CHECK_IN = "check-in.answer";
  static final String HANDOVER = "partner.handover";
  static final String VOICE = "partner.voice";
  static final String CONSENT = "consent.record";
  static final String UPDATE_CHECK = "update.check";

  static final String ROUND_START = "round.start-form";
  static final String ROUND_ANSWERS = "round.answers";
  static final String ROUND_IMPROVEMENTS = "round.improvements";

  /** Hidden field: the case the form belongs to. */
  static final String CASE = "case";

  /** Hidden field: the agreement version the form was built on. */
  static final String BASE = "base";

  /** Hidden field: the check-in or reflection round the form answers. */
  static final String ROUND = "round";

  /** Hidden field: the partner number a form is about. */
  static final String PARTNER = "partner";

  private Forms() {}
}
