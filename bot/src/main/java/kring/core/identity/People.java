package kring.core.identity;

import java.util.Optional;
import kring.core.i18n.Language;

/** What Kring remembers about a person across cases: only the language they want. */
public interface People {

  /** The language this person chose, if they chose one. */
  Optional<Language> language(UserRef person);

  /** Remembers the language this person wants to be addressed in. */
  void setLanguage(UserRef person, Language language);
}
