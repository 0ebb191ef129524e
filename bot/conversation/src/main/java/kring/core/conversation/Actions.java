package kring.core.conversation;

/** The actions Kring puts on its buttons; what comes back when a button is pressed. */
public final class Actions {

  /**
   * Opens a form; the value is the form id, followed by a space and the case code where the button
   * is sent outside the case's channel (a private chat with Kring), and what the form is about (a
   * partner number) where it needs that.
   */
  public static final String OPEN_FORM = Entries.OPEN_FORM;

  /** Confirms an agreement version; the value is {@code <case code>:<version>}. */
  public static final String CONFIRM = "agreement.confirm";

  /** Shows an agreement version privately; the value is {@code <case code>:<version>}. */
  public static final String READ_AGREEMENT = "agreement.read";

  /** Accepts a join request; the value is {@code <case code> <user key>}. */
  public static final String ACCEPT_JOIN = "join.accept";

  /** Declines a join request; the value is {@code <case code> <user key>}. */
  public static final String DECLINE_JOIN = "join.decline";

  /** Shows the who-does-what card privately; the value is the case code. */
  public static final String SHOW_CARD = "case.card";

  /** Pauses the case (a coordinator accepting a partner's proposal); the value is the case code. */
  public static final String PAUSE = "case.pause";

  /** Resumes the case; the value is the case code. */
  public static final String RESUME = "case.resume";

  /** A partner has no news this time; the value is the case code. */
  public static final String NOTHING_NEW = "update.nothing-new";

  /** A partner asked for feedback saw the update; the value is {@code <case code>:<request>}. */
  public static final String FEEDBACK_SEEN = "feedback.seen";

  /** A partner asked for feedback answered it; the value is {@code <case code>:<request>}. */
  public static final String FEEDBACK_ANSWERED = "feedback.answered";

  /**
   * A partner answers one check-in question with one click; the value is {@code <case
   * code>:<round>:<question>:<answer>}, the question and answer as {@link Cards#key} names them.
   */
  public static final String PICK_CHECK_IN = "check-in.pick";

  /** A partner skips a check-in; the value is {@code <case code>:<round>}. */
  public static final String SKIP_CHECK_IN = "check-in.skip";

  /** Puts one of the person's own prompts off to the next school day; the value is its id. */
  public static final String PROMPT_LATER = "prompt.later";

  /** Sets the case's hours (a proposal accepted); the value is {@code <case code> <start-end>}. */
  public static final String CASE_HOURS = "case.hours";

  /** Skips school holidays or not; the value is {@code <case code> on} or {@code off}. */
  public static final String HOLIDAYS = "case.holidays";

  /**
   * Sets the case's rhythm; the value is {@code <case code> <weeks> reflection <weeks>} or {@code
   * <case code> default}.
   */
  public static final String CADENCE = "case.cadence";

  /**
   * Starts a reflection round with defaults (a coordinator accepting a proposal); the case code.
   */
  public static final String ROUND_START = "round.start";

  /** Opens the answer form of a reflection round; the value is {@code <case code>:<round>}. */
  public static final String ROUND_ANSWER = "round.answer";

  /**
   * Opens the form in which the coordinator turns a closed round's "one thing I would change"
   * answers into agreed changes; the value is {@code <case code>:<round>}.
   */
  public static final String ROUND_IMPROVE = "round.improve";

  /**
   * Closes an open regular round now, with its summary, so that the final evaluation can start; the
   * value is {@code <case code>:<round>:<school days of the final evaluation offered next>}.
   */
  public static final String ROUND_CLOSE = "round.close";

  /** Posts named discussion questions where a team is too small to answer anonymously. */
  public static final String ROUND_DISCUSS = "round.discuss";

  /** The coordinator confirms the team is unchanged; the value is the case code. */
  public static final String TEAM_SAME = "team.same";

  /** The coordinator says a partner left; the value is {@code <case code> <partner number>}. */
  public static final String TEAM_LEFT = "team.left";

  /**
   * Adds a represented person (a coordinator accepting a partner's proposal); the value is {@code
   * <case code> <label> P<representative>}.
   */
  public static final String REPRESENT = "partner.represent";

  /** Confirms a proposal to erase the case now; the value is the case code. */
  public static final String ERASE = "case.erase";

  /** The person confirms that Kring should forget them in a case; the value is the case code. */
  public static final String FORGET_ME = "case.forget-me";

  /** The coordinator closes a quiet case Kring asked about; the value is the case code. */
  public static final String QUIET_CLOSE = "case.quiet-close";

  /** The coordinator keeps a quiet case open; the value is the case code. */
  public static final String QUIET_KEEP = "case.quiet-keep";

  /**
   * Starts the final evaluation, after which the case closes; the value is the case code, and after
   * a space the school days to answer when not the default.
   */
  public static final String CLOSE_FINAL = "case.close-final";

  /** Closes the case now, an open round with it; the value is the case code. */
  public static final String CLOSE_NOW = "case.close-now";

  /** Posts closing questions to talk about by name (a small team); the value is the case code. */
  public static final String CLOSE_DISCUSS = "case.close-discuss";

  /**
   * Sends the case's summary with its audit trail privately as Markdown, for the coordinator's or
   * backup's own file; the value is the case code.
   */
  public static final String CLOSE_EXPORT = "case.export";

  /** Withdraws a consent record; the value is {@code <case code>:<number>}. */
  public static final String CONSENT_WITHDRAW = "consent.withdraw";

  private Actions() {}
}
