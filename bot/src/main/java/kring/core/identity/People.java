package kring.core.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kring.core.i18n.Language;

/** What Kring remembers about a person across cases: only the language they want. */
public interface People {

  /** The language this person chose, if they chose one. */
  Optional<Language> language(UserRef person);

  /**
   * The languages several people chose, for whoever chose one; a store may read them in one round
   * trip.
   */
  default Map<UserRef, Language> languages(Collection<UserRef> persons) {
    Map<UserRef, Language> chosen = new HashMap<>();
    for (UserRef person : persons) {
      language(person).ifPresent(language -> chosen.put(person, language));
    }
    return chosen;
  }

  /** Remembers the language this person wants to be addressed in. */
  void setLanguage(UserRef person, Language language);
}
