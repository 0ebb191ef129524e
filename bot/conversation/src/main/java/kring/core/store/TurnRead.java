package kring.core.store;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.cases.Case;
import kring.core.i18n.Language;
import kring.core.identity.UserRef;
import kring.scheduler.calendar.WorkingHours;

/**
 * What a turn reads before it decides ({@link CaseStore#read}): the case of its channel, and the
 * languages some people chose.
 *
 * @param caseHere the case that lives in the turn's channel, if any
 * @param asked the people whose language was read, the speaker among them
 * @param languages the language each of them chose, for those who chose one
 * @param hoursRead the working hours of the people whose hours were read with them (the speaker's,
 *     where the store reads them at once), empty for those who set none <<<<<<< HEAD
 * @param schedule the case's schedule, where the turn asked for it ({@link Extra#SCHEDULE}) and the
 *     store read it with the case
 * @param familyAnswers the answers that represented people of the case left for their
 *     representative, as kept, by the person's number, for those read with the case (empty for
 *     those with none waiting)
 */
public record TurnRead(
    Optional<Case> caseHere,
    Set<UserRef> asked,
    Map<UserRef, Language> languages,
    Map<UserRef, Optional<WorkingHours>> hoursRead,
    Optional<CaseSchedule> schedule,
    Map<Integer, Optional<String>> familyAnswers) {

  /** What a turn may ask to be read with its case, for it will need it. */
  public enum Extra {
    /** The case's planned prompts and their counts ({@link CaseSchedule}). */
    SCHEDULE
  }

  public TurnRead {
    asked = Set.copyOf(asked);
    languages = Map.copyOf(languages);
    hoursRead = Map.copyOf(hoursRead);
    familyAnswers = Map.copyOf(familyAnswers);
  }

  /** What a turn read, without anyone's family answers. */
  public TurnRead(
      Optional<Case> caseHere,
      Set<UserRef> asked,
      Map<UserRef, Language> languages,
      Map<UserRef, Optional<WorkingHours>> hoursRead,
      Optional<CaseSchedule> schedule) {
    this(caseHere, asked, languages, hoursRead, schedule, Map.of());
  }

  /** What a turn read, without the case's schedule. */
  public TurnRead(
      Optional<Case> caseHere,
      Set<UserRef> asked,
      Map<UserRef, Language> languages,
      Map<UserRef, Optional<WorkingHours>> hoursRead,
      Map<Integer, Optional<String>> familyAnswers) {
    this(caseHere, asked, languages, hoursRead, Optional.empty(), familyAnswers);
  }

  /** What a turn read, without the case's schedule or anyone's family answers. */
  public TurnRead(
      Optional<Case> caseHere,
      Set<UserRef> asked,
      Map<UserRef, Language> languages,
      Map<UserRef, Optional<WorkingHours>> hoursRead) {
    this(caseHere, asked, languages, hoursRead, Optional.empty(), Map.of());
  }

  /** What a turn read, without anyone's working hours. */
  public TurnRead(Optional<Case> caseHere, Set<UserRef> asked, Map<UserRef, Language> languages) {
    this(caseHere, asked, languages, Map.of());
  }
}
