package kring.core.reflection;

import static kring.core.reflection.AnswerType.CHOICE;
import static kring.core.reflection.AnswerType.OPEN;
import static kring.core.reflection.AnswerType.SCALE;
import static kring.core.reflection.AnswerType.YES_PARTLY_NO;
import static kring.core.reflection.Question.bank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kring's reflection questions, grouped by theme, and how a round's questions are chosen: at most
 * {@link #MAX_QUESTIONS}, about five minutes, with a theme focus or an own question if the
 * coordinator wants one.
 */
public final class QuestionBank {

  /** A reflection round asks at most this many questions. */
  public static final int MAX_QUESTIONS = 8;

  /** "Is the shared goal still achievable?"; mostly "no" asks the coordinator to revisit it. */
  public static final String GOAL_ACHIEVABLE = "goal-achievable";

  /** "What one thing would you change?"; its answers can become agreed improvements. */
  public static final String CHANGE = "change";

  /** "Did last round's agreed improvements happen?"; asked only when there were some. */
  public static final String IMPROVEMENTS_DONE = "improvements-done";

  /** Every question of the bank, in the order a round shows them. */
  public static final List<Question> ALL =
      List.of(
          bank("info-in-time", Theme.COMMUNICATION, SCALE),
          bank("urgent-reach", Theme.COMMUNICATION, YES_PARTLY_NO),
          bank("talk-about-how", Theme.COMMUNICATION, YES_PARTLY_NO),
          bank("goal-matches", Theme.SHARED_GOAL, SCALE),
          bank(GOAL_ACHIEVABLE, Theme.SHARED_GOAL, YES_PARTLY_NO),
          bank("pupil-voice", Theme.SHARED_GOAL, YES_PARTLY_NO),
          bank("who-coordinates", Theme.ROLES, YES_PARTLY_NO),
          bank("tasks-covered", Theme.ROLES, SCALE),
          bank(IMPROVEMENTS_DONE, Theme.EVALUATION, YES_PARTLY_NO),
          bank("intensity", Theme.EVALUATION, CHOICE, "less", "right", "more"),
          bank("keep", Theme.EVALUATION, OPEN),
          bank(CHANGE, Theme.EVALUATION, OPEN),
          bank("voice-doubts", Theme.TRUST, SCALE),
          bank("count-on", Theme.TRUST, SCALE),
          bank("know-can", Theme.KNOWING_EACH_OTHER, SCALE),
          bank("anyone-missing", Theme.KNOWING_EACH_OTHER, YES_PARTLY_NO));

  /** The final evaluation when a case closes: short, looking back on the whole case. */
  public static final List<Question> FINAL =
      List.of(
          bank("final-goal", Theme.SHARED_GOAL, YES_PARTLY_NO),
          bank("final-together", Theme.EVALUATION, SCALE),
          bank("keep", Theme.EVALUATION, OPEN),
          bank("final-lesson", Theme.EVALUATION, OPEN));

  /**
   * What a default round asks, most important first: one question per theme, then the rest. A
   * focus, an own question or a check of last round's improvements push the later ones out.
   */
  private static final List<String> DEFAULT_ORDER =
      List.of(
          GOAL_ACHIEVABLE,
          "info-in-time",
          "who-coordinates",
          "voice-doubts",
          "know-can",
          "keep",
          "count-on",
          "tasks-covered");

  private QuestionBank() {}

  /** A bank question by its id. */
  public static Optional<Question> byId(String id) {
    return ALL.stream().filter(q -> q.id().equals(id)).findFirst();
  }

  /** The questions of one theme, in bank order (never the improvements check on its own). */
  public static List<Question> ofTheme(Theme theme) {
    return ALL.stream()
        .filter(q -> q.theme() == theme && !q.id().equals(IMPROVEMENTS_DONE))
        .toList();
  }

  /**
   * The questions of a regular round.
   *
   * @param focus a theme to look at closely (all its questions), or empty
   * @param own the coordinator's own question for this case, or empty
   * @param checkImprovements whether last round agreed improvements whose fate to ask about
   * @return at most {@link #MAX_QUESTIONS}, in bank order, the own question last
   */
  public static List<Question> round(
      Optional<Theme> focus, Optional<Question> own, boolean checkImprovements) {
    Set<String> chosen = new LinkedHashSet<>();
    if (checkImprovements) {
      chosen.add(IMPROVEMENTS_DONE);
    }
    focus.ifPresent(theme -> ofTheme(theme).forEach(q -> chosen.add(q.id())));
    chosen.add(CHANGE);
    int room = MAX_QUESTIONS - (own.isPresent() ? 1 : 0);
    for (String id : DEFAULT_ORDER) {
      if (chosen.size() >= room) {
        break;
      }
      chosen.add(id);
    }
    List<Question> questions = new ArrayList<>();
    ALL.stream().filter(q -> chosen.contains(q.id())).forEach(questions::add);
    questions.sort(Comparator.comparingInt(q -> q.type() == OPEN ? 1 : 0));
    own.ifPresent(questions::add);
    return List.copyOf(questions);
  }
}
