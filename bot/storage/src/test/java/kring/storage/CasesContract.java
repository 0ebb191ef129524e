package kring.storage;

import static kring.testing.Samples.at;
import static kring.testing.Samples.fullCase;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseNotFound;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Cases} does, whatever stores it. */
abstract class CasesContract {

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final ChannelRef CHANNEL = slackChannel("C42");
  static final UserRef ANN = slackUser("U1");

  Cases cases;

  /** A fresh, empty store for each test. */
  abstract Cases newCases();

  @BeforeEach
  void setUpCases() {
    cases = newCases();
  }

  @Test
  void readsBackEveryPartOfACaseByCodeAndByChannel() {
    Case full = fullCase(CODE, CHANNEL);

    cases.create(full);

    assertThat(cases.find(CODE)).contains(full);
    assertThat(cases.findByChannel(CHANNEL)).contains(full);
  }

  @Test
  void aMovedCaseIsFoundByItsNewChannelOnlyAndCannotTakeAChannelThatHoldsACase() {
    Case started = started(CODE, CHANNEL);
    cases.create(started);
    ChannelRef elsewhere = slackChannel("C77");
    ChannelRef taken = slackChannel("C88");
    cases.create(started(new CaseCode("K-3333"), taken));

    Case moved = cases.move(started.moveTo(ANN, elsewhere, at(5)), CHANNEL);

    assertThat(cases.findByChannel(elsewhere)).contains(moved);
    assertThat(cases.findByChannel(CHANNEL)).isEmpty();
    assertThatThrownBy(() -> cases.move(moved.moveTo(ANN, taken, at(6)), elsewhere))
        .isInstanceOf(ChannelTaken.class);
    assertThat(cases.findByChannel(elsewhere)).contains(moved);
    assertThatThrownBy(() -> cases.move(started.moveTo(ANN, taken, at(6)), CHANNEL))
        .isInstanceOfAny(ChannelTaken.class, ConcurrentChange.class);
  }

  @Test
  void findsTheCasesAPersonTakesPartInOrAskedToJoin() {
    UserRef bob = slackUser("U2");
    UserRef cleo = slackUser("U3");
    Case started = started(CODE, CHANNEL);
    cases.create(started);
    Case other = started(new CaseCode("K-3333"), slackChannel("C43"));
    cases.create(other);
    cases.update(
        other.askToJoin(
            new kring.core.partners.JoinRequest(
                bob, "Bob", null, Sector.CLB, Role.CLB, false, at(1))));

    assertThat(cases.findByPerson(ANN))
        .extracting(Case::code)
        .containsExactlyInAnyOrder(CODE, other.code());
    assertThat(cases.findByPerson(bob)).extracting(Case::code).containsExactly(other.code());
    assertThat(cases.findByPerson(cleo)).isEmpty();
  }

  @Test
  void readsSeveralCasesAtOnceAndLeavesOutThoseThatDoNotExist() {
    Case full = fullCase(CODE, CHANNEL);
    cases.create(full);
    CaseCode missing = new CaseCode("K-2222");

    var found = cases.findAll(java.util.List.of(CODE, missing));

    assertThat(found).containsOnlyKeys(CODE);
    assertThat(found.get(CODE)).isEqualTo(full);
  }

  @Test
  void findsNothingForAnUnknownCodeOrChannel() {
    cases.create(started(CODE, CHANNEL));

    assertThat(cases.find(new CaseCode("K-2222"))).isEmpty();
    assertThat(cases.findByChannel(slackChannel("C99"))).isEmpty();
    assertThat(cases.findByChannel(new ChannelRef(Platform.TEAMS, "T9", "C42"))).isEmpty();
  }

  @Test
  void bindsAChannelToOneCaseOnly() {
    cases.create(started(CODE, CHANNEL));
    CaseCode other = new CaseCode("K-3333");

    assertThatThrownBy(() -> cases.create(started(other, CHANNEL)))
        .isInstanceOf(ChannelTaken.class);
    assertThat(cases.find(other)).isEmpty();
    assertThat(cases.findByChannel(CHANNEL).map(Case::code)).contains(CODE);
  }

  @Test
  void refusesACodeInUseAndBindsNothing() {
    cases.create(started(CODE, CHANNEL));
    ChannelRef otherChannel = slackChannel("C43");

    assertThatThrownBy(() -> cases.create(started(CODE, otherChannel)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("K-7F3Q");
    assertThat(cases.findByChannel(otherChannel)).isEmpty();
    assertThat(cases.find(CODE).map(Case::channel)).contains(CHANNEL);
  }

  @Test
  void storesAChangeAndCountsTheRevisionUp() {
    cases.create(started(CODE, CHANNEL));
    Case read = cases.find(CODE).orElseThrow();

    Case stored = cases.update(read.close(ANN, at(5), new SplittableRandom(1)));

    assertThat(read.revision()).isZero();
    assertThat(stored.revision()).isEqualTo(1);
    assertThat(stored.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(cases.find(CODE)).contains(stored);
    assertThat(cases.update(stored).revision()).isEqualTo(2);
  }

  @Test
  void refusesAChangeMadeToAnOutdatedRevision() {
    cases.create(started(CODE, CHANNEL));
    Case first = cases.find(CODE).orElseThrow();
    Case second = cases.find(CODE).orElseThrow();
    Case closed = cases.update(first.close(ANN, at(5), new SplittableRandom(1)));

    assertThatThrownBy(() -> cases.update(second.close(ANN, at(6), new SplittableRandom(1))))
        .isInstanceOf(ConcurrentChange.class)
        .hasMessageContaining("K-7F3Q");
    assertThat(cases.find(CODE)).contains(closed);
  }

  @Test
  void refusesToUpdateACaseThatIsNotStored() {
    assertThatThrownBy(() -> cases.update(started(CODE, CHANNEL)))
        .isInstanceOf(ConcurrentChange.class);
    assertThat(cases.find(CODE)).isEmpty();
  }

  @Test
  void aChangeThatLostToAnotherWriterIsAppliedAgainToWhatTheOtherStored() {
    cases.create(fullCase(CODE, CHANNEL));
    UserRef cas = slackUser("U3");
    AtomicBoolean interfered = new AtomicBoolean();

    Case stored =
        CaseChanges.change(
            cases,
            CODE,
            current -> {
              if (interfered.compareAndSet(false, true)) {
                // Another partner writes between our read and our write.
                cases.update(
                    current.introduce(
                        cas,
                        "Cas",
                        "Opvoedingswinkel",
                        Sector.YOUTH_CARE,
                        Role.NAFT_COACH,
                        at(20)));
              }
              return current.confirm(ANN, 2, at(21));
            });

    assertThat(stored.revision()).isEqualTo(2);
    assertThat(stored.partner(cas).orElseThrow().organisation()).isEqualTo("Opvoedingswinkel");
    assertThat(stored.currentAgreement().orElseThrow().confirmedBy(1)).isTrue();
    assertThat(cases.find(CODE)).contains(stored);
  }

  @Test
  void aChangeThatChangesNothingIsNotWritten() {
    cases.create(fullCase(CODE, CHANNEL));

    Case unchanged =
        CaseChanges.change(cases, CODE, current -> current.confirm(slackUser("U2"), 2, at(30)));

    assertThat(unchanged.revision()).isZero();
  }

  @Test
  void changingAMissingCaseSaysItIsNotFound() {
    assertThatThrownBy(() -> CaseChanges.change(cases, CODE, current -> current))
        .isInstanceOf(CaseNotFound.class);
  }

  static Case started(CaseCode code, ChannelRef channel) {
    return Case.start(code, null, channel, Language.EN, ANN, "Ann", at(0));
  }
}
