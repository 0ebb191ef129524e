package kring.storage;

import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import kring.core.i18n.Language;
import kring.core.identity.People;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.scheduler.calendar.WorkingHours;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link People} does, whatever stores it. */
abstract class PeopleContract {

  People people;

  /** A fresh, empty store for each test. */
  abstract People newPeople();

  @BeforeEach
  void setUpPeople() {
    people = newPeople();
  }

  @Test
  void knowsNoLanguageForSomeoneWhoNeverChose() {
    assertThat(people.language(slackUser("U1"))).isEmpty();
  }

  @Test
  void remembersTheLastLanguageAPersonChose() {
    UserRef ann = slackUser("U1");

    people.setLanguage(ann, Language.EN);
    people.setLanguage(ann, Language.NL);

    assertThat(people.language(ann)).contains(Language.NL);
  }

  @Test
  void readsSeveralPeoplesLanguagesAtOnceLeavingOutWhoNeverChose() {
    UserRef ann = slackUser("U1");
    UserRef bob = slackUser("U2");
    UserRef cleo = slackUser("U3");
    people.setLanguage(ann, Language.EN);
    people.setLanguage(bob, Language.NL);

    assertThat(people.languages(List.of(ann, bob, cleo)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(ann, Language.EN, bob, Language.NL));
  }

  @Test
  void keepsTheSameIdOnAnotherPlatformOrWorkspaceApart() {
    people.setLanguage(slackUser("U1"), Language.EN);

    assertThat(people.language(new UserRef(Platform.TEAMS, "T9", "U1"))).isEmpty();
    assertThat(people.language(new UserRef(Platform.SLACK, "T8", "U1"))).isEmpty();
  }

  static WorkingHours hours(int startHour, int startMinute, int endHour) {
    return new WorkingHours(LocalTime.of(startHour, startMinute), LocalTime.of(endHour, 0));
  }

  @Test
  void knowsNoWorkingHoursForSomeoneWhoNeverSetThem() {
    people.setLanguage(slackUser("U1"), Language.EN);

    assertThat(people.workingHours(slackUser("U1"))).isEmpty();
    assertThat(people.workingHours(slackUser("U2"))).isEmpty();
  }

  @Test
  void remembersTheLastWorkingHoursAPersonSetAndForgetsThemWhenCleared() {
    UserRef ann = slackUser("U1");
    people.setLanguage(ann, Language.EN);

    people.setWorkingHours(ann, hours(8, 30, 16));
    people.setWorkingHours(ann, hours(13, 15, 18));
    assertThat(people.workingHours(ann)).contains(hours(13, 15, 18));

    people.clearWorkingHours(ann);
    assertThat(people.workingHours(ann)).isEmpty();
    assertThat(people.language(ann)).contains(Language.EN);
  }

  @Test
  void workingHoursAloneGiveNoLanguage() {
    UserRef ann = slackUser("U1");

    people.setWorkingHours(ann, hours(9, 0, 12));

    assertThat(people.language(ann)).isEmpty();
    assertThat(people.languages(List.of(ann))).isEmpty();
  }

  @Test
  void readsSeveralPeoplesWorkingHoursAtOnceLeavingOutWhoSetNone() {
    UserRef ann = slackUser("U1");
    UserRef bob = slackUser("U2");
    UserRef cleo = slackUser("U3");
    people.setWorkingHours(ann, hours(8, 0, 12));
    people.setWorkingHours(bob, hours(17, 30, 21));
    people.setLanguage(cleo, Language.NL);

    assertThat(people.workingHours(List.of(ann, bob, cleo)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(ann, hours(8, 0, 12), bob, hours(17, 30, 21)));
  }
}
