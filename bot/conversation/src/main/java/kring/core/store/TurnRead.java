package kring.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
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
 *     where the store reads them at once), empty for those who set none
 * @param schedule the case's schedule, where the turn asked for it ({@link Extra#SCHEDULE}) and the
 *     store read it with the case
 * @param familyAnswers the answers that represented people of the case left for their
 *     representative, as kept, by the person's number, for those read with the case (empty for
 *     those with none waiting)
 * @param speakersCases the cases the speaker takes part in or asked to join ({@link
 *     kring.core.cases.Cases#findByPerson}), where the turn asked for them ({@link
 *     Extra#SPEAKERS_CASES}) and the store read them with the case
 * @param casesNamed the cases the turn named by their code ({@link Extra#caseNamed}), for those the
 *     store read with the case: empty for a code no case has
 * @param languageKept the language the speaker chose, where the turn asked for it to be kept
 *     ({@link Extra#keepLanguage}) and the store wrote it to them with the read
 * @param sighted what the store found of the platform delivery the turn handles, where the turn
 *     asked ({@link Extra#firstSight}) and the store decided it with the read
 */
public record TurnRead(
    Optional<Case> caseHere,
    Set<UserRef> asked,
    Map<UserRef, Language> languages,
    Map<UserRef, Optional<WorkingHours>> hoursRead,
    Optional<CaseSchedule> schedule,
    Map<Integer, Optional<String>> familyAnswers,
    Optional<List<Case>> speakersCases,
    Map<CaseCode, Optional<Case>> casesNamed,
    Optional<Language> languageKept,
    Optional<Sighting.Found> sighted) {

  /**
   * What a turn may ask to be read with its case, for it will need it: {@link #SCHEDULE}, {@link
   * #SPEAKERS_CASES}, a case named by its code ({@link #caseNamed}), or the channel bound for the
   * case the turn starts or moves there ({@link #bindHere}); or a language the speaker chose, kept
   * with the read ({@link #keepLanguage}); or whether the platform sent the turn's delivery before
   * ({@link #firstSight}).
   */
  public sealed interface Extra {

    /** The case's planned prompts and their counts ({@link CaseSchedule}). */
    Extra SCHEDULE = Of.SCHEDULE;

    /** The cases the speaker takes part in or asked to join, for their overview. */
    Extra SPEAKERS_CASES = Of.SPEAKERS_CASES;

    /** The case with this code, wherever it lives (a case the turn moves here, say). */
    static Extra caseNamed(CaseCode code) {
      return new CaseNamed(code);
    }

    /**
     * The turn's channel, for the case with this code that the turn starts or moves there: a store
     * that can binds the channel to it with the read, where that leaves its rules whole (the
     * channel is free), and keeps the binding with the turn's commit, or lets it go when the turn
     * commits no such case ({@link CaseStore#unclaimed}). The turn learns the code from {@link
     * BindHere}, whether the store bound the channel or not.
     */
    static Extra bindHere(CaseCode code) {
      return new BindHere(code);
    }

    /**
     * The language the speaker chose: a store that can writes it to them with the read, in the same
     * round trip, so that it stands before anything the turn then stores confirms it; the turn
     * learns it from {@link TurnRead#languageKept}, and keeps it with its commit where the store
     * did not.
     */
    static Extra keepLanguage(Language language) {
      return new KeepLanguage(language);
    }

    /**
     * Whether the platform sent the delivery the turn handles before ({@link Sighting}): a store
     * that can decides it with the read, in the same round trip, and then writes a language the
     * speaker chose ({@link #keepLanguage}) only for a new delivery; the turn learns it from {@link
     * TurnRead#sighted}, and asks the store on its own where the store did not.
     */
    static Extra firstSight(Sighting sighting) {
      return new FirstSight(sighting);
    }

    /** What a turn may ask for that names nothing. */
    enum Of implements Extra {
      SCHEDULE,
      SPEAKERS_CASES
    }

    /** The case with this code. */
    record CaseNamed(CaseCode code) implements Extra {}

    /** The turn's channel, for the case with this code. */
    record BindHere(CaseCode code) implements Extra {}

    /** The language the speaker chose. */
    record KeepLanguage(Language language) implements Extra {}

    /** The delivery the turn handles. */
    record FirstSight(Sighting sighting) implements Extra {}
  }

  public TurnRead {
    asked = Set.copyOf(asked);
    languages = Map.copyOf(languages);
    hoursRead = Map.copyOf(hoursRead);
    familyAnswers = Map.copyOf(familyAnswers);
    speakersCases = speakersCases.map(List::copyOf);
    casesNamed = Map.copyOf(casesNamed);
  }

  /** What a turn read, without anything it asked for besides its case. */
  public TurnRead(
      Optional<Case> caseHere,
      Set<UserRef> asked,
      Map<UserRef, Language> languages,
      Map<UserRef, Optional<WorkingHours>> hoursRead) {
    this(
        caseHere,
        asked,
        languages,
        hoursRead,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** What a turn read, without anyone's working hours. */
  public TurnRead(Optional<Case> caseHere, Set<UserRef> asked, Map<UserRef, Language> languages) {
    this(caseHere, asked, languages, Map.of());
  }
}
