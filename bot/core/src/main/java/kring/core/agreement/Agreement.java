package kring.core.agreement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One version of the start-of-case agreement. A change makes a new version that every partner
 * confirms again; confirmations belong to exactly one version.
 *
 * @param version 1, 2, 3 …
 * @param goal the shared goal, or empty while nobody proposed one
 * @param perspective the pupil's and the parents' view
 * @param tasks the role split
 * @param coordinatorSeq the partner who coordinates, or 0 for none yet
 * @param backupSeq the backup, or 0 for none
 * @param communication how the partners reach each other
 * @param evaluation collaboration level and rhythm of check-ins and reflection
 * @param improvements what the partners agreed to do differently after a reflection round, at most
 *     {@link #IMPROVEMENTS_MAX} of at most {@link #IMPROVEMENT_MAX} characters each
 * @param proposedBySeq the partner who proposed this version
 * @param proposedAt when
 * @param confirmations who confirmed this version, and when
 */
public record Agreement(
    int version,
    String goal,
    Perspective perspective,
    List<Task> tasks,
    int coordinatorSeq,
    int backupSeq,
    Communication communication,
    EvaluationPlan evaluation,
    List<String> improvements,
    int proposedBySeq,
    Instant proposedAt,
    List<Confirmation> confirmations) {

  /** An agreement lists at most this many improvements: the few things the partners change now. */
  public static final int IMPROVEMENTS_MAX = 5;

  /** The longest improvement, as long as the reflection answer it usually comes from. */
  public static final int IMPROVEMENT_MAX = 500;

  public Agreement {
    if (version < 1) {
      throw new IllegalArgumentException("Agreement versions start at 1");
    }
    goal = goal == null ? "" : goal;
    perspective = perspective == null ? Perspective.NOT_YET_ASKED : perspective;
    tasks = List.copyOf(tasks);
    communication = communication == null ? Communication.DEFAULT : communication;
    if (evaluation == null) {
      throw new IllegalArgumentException("An agreement needs an evaluation plan");
    }
    if (backupSeq != 0 && backupSeq == coordinatorSeq) {
      throw new IllegalArgumentException("The backup cannot be the coordinator");
    }
    improvements = checkedImprovements(improvements);
    confirmations = List.copyOf(confirmations);
  }

  /** A list of improvements as an agreement keeps it: short, non-blank, few; null for none. */
  static List<String> checkedImprovements(List<String> improvements) {
    List<String> checked = improvements == null ? List.of() : List.copyOf(improvements);
    if (checked.size() > IMPROVEMENTS_MAX) {
      throw new IllegalArgumentException("An agreement lists at most " + IMPROVEMENTS_MAX);
    }
    for (String improvement : checked) {
      if (improvement.isBlank() || improvement.length() > IMPROVEMENT_MAX) {
        throw new IllegalArgumentException("An improvement is a short text");
      }
    }
    return checked;
  }

  /** What a version needs before it can make a case active. */
  public enum Part {
    GOAL,
    ROLES,
    COORDINATOR;

    /** The words naming this part, such as "een taakverdeling". */
    public String textKey() {
      return "agreement.missing." + name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether this version holds what makes a case active: a goal, a role split, a coordinator. */
  public boolean complete() {
    return missing().isEmpty();
  }

  /** The parts this version still lacks to make a case active, in the order a reader meets them. */
  public List<Part> missing() {
    List<Part> missing = new ArrayList<>();
    if (goal.isBlank()) {
      missing.add(Part.GOAL);
    }
    if (tasks.isEmpty()) {
      missing.add(Part.ROLES);
    }
    if (coordinatorSeq <= 0) {
      missing.add(Part.COORDINATOR);
    }
    return List.copyOf(missing);
  }

  public boolean confirmedBy(int partnerSeq) {
    return confirmations.stream().anyMatch(c -> c.partnerSeq() == partnerSeq);
  }

  public Optional<Task> taskOf(int partnerSeq) {
    return tasks.stream().filter(t -> t.partnerSeq() == partnerSeq).findFirst();
  }

  /** This version with one more confirmation; confirming twice changes nothing. */
  public Agreement confirm(int partnerSeq, Instant at) {
    if (confirmedBy(partnerSeq)) {
      return this;
    }
    List<Confirmation> more = new ArrayList<>(confirmations);
    more.add(new Confirmation(partnerSeq, at));
    return new Agreement(
        version,
        goal,
        perspective,
        tasks,
        coordinatorSeq,
        backupSeq,
        communication,
        evaluation,
        improvements,
        proposedBySeq,
        proposedAt,
        more);
  }

  /** The next version with these contents, unconfirmed. */
  public Agreement next(Draft draft, int proposedBySeq, Instant at) {
    return draft.toVersion(version + 1, proposedBySeq, at);
  }

  /** The editable contents of this version, to start a new draft from. */
  public Draft draft() {
    return new Draft(
        goal,
        perspective,
        tasks,
        coordinatorSeq,
        backupSeq,
        communication,
        evaluation,
        improvements);
  }

  /**
   * The contents of an agreement without its version bookkeeping: what a proposal changes.
   *
   * @param goal the shared goal
   * @param perspective the pupil's and parents' view
   * @param tasks the role split
   * @param coordinatorSeq the coordinating partner, or 0
   * @param backupSeq the backup, or 0
   * @param communication how partners reach each other
   * @param evaluation level and rhythm
   * @param improvements what the partners agreed to do differently; carried along by every edit
   */
  public record Draft(
      String goal,
      Perspective perspective,
      List<Task> tasks,
      int coordinatorSeq,
      int backupSeq,
      Communication communication,
      EvaluationPlan evaluation,
      List<String> improvements) {

    public Draft {
      tasks = List.copyOf(tasks);
      improvements = checkedImprovements(improvements);
    }

    /** An empty draft at the default rhythm of a coordination-level case. */
    public static Draft empty() {
      return new Draft(
          "",
          Perspective.NOT_YET_ASKED,
          List.of(),
          0,
          0,
          Communication.DEFAULT,
          EvaluationPlan.defaultFor(CollaborationLevel.COORDINATION),
          List.of());
    }

    public Draft withGoal(
        String goal,
        Perspective perspective,
        int coordinatorSeq,
        int backupSeq,
        Communication communication,
        EvaluationPlan evaluation) {
      return new Draft(
          goal,
          perspective,
          tasks,
          coordinatorSeq,
          backupSeq,
          communication,
          evaluation,
          improvements);
    }

    public Draft withTasks(List<Task> tasks) {
      return new Draft(
          goal,
          perspective,
          tasks,
          coordinatorSeq,
          backupSeq,
          communication,
          evaluation,
          improvements);
    }

    /** This draft with another list of agreed improvements; the rest stays as it is. */
    public Draft withImprovements(List<String> improvements) {
      return new Draft(
          goal,
          perspective,
          tasks,
          coordinatorSeq,
          backupSeq,
          communication,
          evaluation,
          improvements);
    }

    Agreement toVersion(int version, int proposedBySeq, Instant at) {
      return new Agreement(
          version,
          goal,
          perspective,
          tasks,
          coordinatorSeq,
          backupSeq,
          communication,
          evaluation,
          improvements,
          proposedBySeq,
          at,
          List.of());
    }

    /** Whether this draft says the same as an agreement version (a form sent twice). */
    public boolean sameAs(Agreement agreement) {
      return equals(agreement.draft());
    }
  }

  /** The first version of a case's agreement. */
  public static Agreement first(Draft draft, int proposedBySeq, Instant at) {
    return draft.toVersion(1, proposedBySeq, at);
  }
}
