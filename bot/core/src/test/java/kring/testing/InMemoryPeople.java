package kring.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kring.core.i18n.Language;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.scheduler.calendar.WorkingHours;

/** People in memory, with the same contract as the Redis ones, for tests without Redis. */
public final class InMemoryPeople implements People {

  private final Map<UserRef, Language> languages = new ConcurrentHashMap<>();
  private final Map<UserRef, WorkingHours> hours = new ConcurrentHashMap<>();

  @Override
  public Optional<Language> language(UserRef person) {
    return Optional.ofNullable(languages.get(person));
  }

  @Override
  public void setLanguage(UserRef person, Language language) {
    languages.put(person, language);
  }

  @Override
  public Optional<WorkingHours> workingHours(UserRef person) {
    return Optional.ofNullable(hours.get(person));
  }

  @Override
  public void setWorkingHours(UserRef person, WorkingHours value) {
    hours.put(person, value);
  }

  @Override
  public void clearWorkingHours(UserRef person) {
    hours.remove(person);
  }
}
