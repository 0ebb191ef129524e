package kring.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import org.junit.jupiter.api.Test;

class ConsentRegisterTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

  static Partner partner(int seq, Role role) {
    return new Partner(
        seq,
        new UserRef(Platform.SLACK, "T1", "U" + seq),
        "P" + seq,
        null,
        role.usualSector() == null ? Sector.EDUCATION : role.usualSector(),
        role,
        Membership.PARTNER,
        null,
        NOW);
  }

  static ConsentTerms terms(
      List<InfoKind> kinds, List<Integer> partners, List<Role> roles, LocalDate until) {
    return new ConsentTerms(
        GivenBy.PUPIL, Basis.CONSENT, "", kinds, partners, roles, "support", TODAY, until);
  }

  static ConsentRegister with(ConsentTerms terms) {
    return ConsentRegister.EMPTY.add(terms, 1, NOW, TODAY).orElseThrow();
  }

  @Test
  void coversAKindTowardsANamedPartnerOrAnyoneInANamedRole() {
    ConsentRegister register =
        with(terms(List.of(InfoKind.HEALTH), List.of(2), List.of(Role.NAFT_COACH), null));
    Partner clb = partner(2, Role.CLB);
    Partner naft = partner(3, Role.NAFT_COACH);
    Partner teacher = partner(4, Role.TEACHER);

    assertThat(register.covers(InfoKind.HEALTH, clb, TODAY)).isTrue();
    assertThat(register.covers(InfoKind.HEALTH, naft, TODAY)).isTrue();
    assertThat(register.covers(InfoKind.WELLBEING, clb, TODAY)).isFalse();
    assertThat(register.uncovered(InfoKind.HEALTH, List.of(clb, naft, teacher), TODAY))
        .containsExactly(teacher);
  }

  @Test
  void aConsentHoldsUntilAndIncludingItsLastDay() {
    ConsentRegister register =
        with(terms(List.of(InfoKind.JUSTICE), List.of(2), List.of(), TODAY.plusDays(1)));
    Partner clb = partner(2, Role.CLB);

    assertThat(register.covers(InfoKind.JUSTICE, clb, TODAY.plusDays(1))).isTrue();
    assertThat(register.covers(InfoKind.JUSTICE, clb, TODAY.plusDays(2))).isFalse();
    assertThat(register.kindsCovered(TODAY)).containsExactly(InfoKind.JUSTICE);
    assertThat(register.kindsCovered(TODAY.plusDays(2))).isEmpty();
  }

  @Test
  void termsAreKeptInOneOrderSoTheSameConsentIsRecognised() {
    ConsentTerms one =
        terms(List.of(InfoKind.HEALTH, InfoKind.ATTENDANCE), List.of(3, 2, 3), List.of(), null);
    ConsentTerms other =
        terms(List.of(InfoKind.ATTENDANCE, InfoKind.HEALTH), List.of(2, 3), List.of(), null);

    assertThat(one).isEqualTo(other);
    assertThat(with(one).holds(other, TODAY)).isTrue();
  }

  @Test
  void termsOutsideTheirBoundsAreRefused() {
    assertThatThrownBy(() -> terms(List.of(), List.of(2), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(List.of(InfoKind.HEALTH), List.of(), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> terms(List.of(InfoKind.HEALTH), List.of(2), List.of(), TODAY.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ConsentTerms(
                    GivenBy.PUPIL,
                    Basis.CONSENT,
                    "",
                    List.of(InfoKind.HEALTH),
                    List.of(2),
                    List.of(),
                    "x".repeat(ConsentTerms.PURPOSE_MAX + 1),
                    TODAY,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ConsentTerms(
                    GivenBy.PUPIL,
                    Basis.LEGAL_BASIS,
                    " ",
                    List.of(InfoKind.HEALTH),
                    List.of(2),
                    List.of(),
                    "support",
                    TODAY,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyPracticalArrangementsAreNotSensitive() {
    assertThat(List.of(InfoKind.values()))
        .filteredOn(k -> !k.sensitive())
        .containsExactly(InfoKind.PRACTICAL);
  }
}
