package kring.core.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kring.core.i18n.Language;
import kring.scheduler.calendar.WorkingHours;

/**
 * What Kring remembers about a person across cases: only the language they want and the working
 * hours they set for all their cases.
 */
public interface People {

  /** The language this person chose, if they chose one. */
  Optional<Language> language(UserRef person);

  /**
   * The languages several people chose, for whoever chose one; a store may read them in one round
   * trip.
   */
  default Map<UserRef, Language> languages(Collection<UserRef> persons) {
    return eachWith(persons, this::language);
  }

  /** Remembers the language this person wants to be addressed in. */
  void setLanguage(UserRef person, Language language);

  /** The working hours this person set for all their cases, if they set any. */
  Optional<WorkingHours> workingHours(UserRef person);

  /**
   * The working hours several people set, for whoever set them; a store may read them in one round
   * trip.
   */
  default Map<UserRef, WorkingHours> workingHours(Collection<UserRef> persons) {
    return eachWith(persons, this::workingHours);
  }

  /** Remembers the hours in which this person wants prompts, in all their cases. */
  void setWorkingHours(UserRef person, WorkingHours hours);

  /** Forgets this person's own working hours: each case's hours apply to them again. */
  void clearWorkingHours(UserRef person);

  /** What {@code read} finds for each person, leaving out those it finds nothing for. */
  private static <T> Map<UserRef, T> eachWith(
      Collection<UserRef> persons, Function<UserRef, Optional<T>> read) {
    Map<UserRef, T> found = new HashMap<>();
    for (UserRef person : persons) {
      read.apply(person).ifPresent(value -> found.put(person, value));
    }
    return found;
  }
}
