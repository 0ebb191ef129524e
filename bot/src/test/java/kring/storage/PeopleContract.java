package kring.storage;

import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import kring.core.i18n.Language;
import kring.core.identity.People;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
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

    assertThat(people.languages(java.util.List.of(ann, bob, cleo)))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(ann, Language.EN, bob, Language.NL));
  }

  @Test
  void keepsTheSameIdOnAnotherPlatformOrWorkspaceApart() {
    people.setLanguage(slackUser("U1"), Language.EN);

    assertThat(people.language(new UserRef(Platform.TEAMS, "T9", "U1"))).isEmpty();
    assertThat(people.language(new UserRef(Platform.SLACK, "T8", "U1"))).isEmpty();
  }
}
