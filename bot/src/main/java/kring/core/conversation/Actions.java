package kring.core.conversation;

/** The actions Kring puts on its buttons; what comes back when a button is pressed. */
final class Actions {

  /** Opens a form; the value is the form id. */
  static final String OPEN_FORM = "form.open";

  /** Confirms an agreement version; the value is {@code <case code>:<version>}. */
  static final String CONFIRM = "agreement.confirm";

  /** Shows an agreement version privately; the value is {@code <case code>:<version>}. */
  static final String READ_AGREEMENT = "agreement.read";

  /** Accepts a join request; the value is {@code <case code> <user key>}. */
  static final String ACCEPT_JOIN = "join.accept";

  /** Declines a join request; the value is {@code <case code> <user key>}. */
  static final String DECLINE_JOIN = "join.decline";

  /** Shows the who-does-what card privately; the value is the case code. */
  static final String SHOW_CARD = "case.card";

  /** Pauses the case (a coordinator accepting a partner's proposal); the value is the case code. */
  static final String PAUSE = "case.pause";

  /** Resumes the case; the value is the case code. */
  static final String RESUME = "case.resume";

  /**
   * Starts a reflection round with defaults (a coordinator accepting a proposal); the case code.
   */
  static final String ROUND_START = "round.start";

  /** Opens the answer form of a reflection round; the value is {@code <case code>:<round>}. */
  static final String ROUND_ANSWER = "round.answer";

  /** Posts named discussion questions where a team is too small to answer anonymously. */
  static final String ROUND_DISCUSS = "round.discuss";

  private Actions() {}
}
