package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InitialsTest {

  @ParameterizedTest
  @CsvSource({"AB,AB", "A.B.,AB", "a. b.,AB", "J,J", "XYZ,XYZ", "j d,JD"})
  void acceptsInitialsInTheUsualForms(String typed, String expected) {
    assertThat(Initials.parse(typed)).map(Initials::value).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bob", "Anna", "Mohammed", "ABCD", "A.B.C.D.", "ab", "12", "", " "})
  void refusesNamesAndAnythingLongerThanThreeInitials(String typed) {
    assertThat(Initials.parse(typed)).isEmpty();
  }
}
