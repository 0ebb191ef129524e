package kring.core.conversation.privacy;

import static kring.core.conversation.KringConversationTest.ANNA;
import static kring.core.conversation.KringConversationTest.BERT;
import static kring.core.conversation.KringConversationTest.CARO;
import static kring.core.conversation.KringConversationTest.ROOM;
import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.filled;
import static kring.core.conversation.KringConversationTest.inChannel;
import static kring.core.conversation.KringConversationTest.onlyTo;
import static kring.core.conversation.KringConversationTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.Task;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.CaseStatus;
import kring.core.consent.InfoKind;
import kring.core.conversation.Actions;
import kring.core.conversation.DataSubjects;
import kring.core.conversation.Forms;
import kring.core.conversation.KringConversation;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.Retention;
import kring.core.conversation.Schedule;
import kring.core.conversation.ScheduledPrompts;
import kring.core.conversation.Speaker;
import kring.core.conversation.family.MemoryFamilyLinks;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.privacy.RetentionIndex;
import kring.core.privacy.RetentionPeriods;
import kring.core.reply.Form;
import kring.core.store.CaseCommit;
import kring.core.store.CaseStore;
import kring.core.store.Sighting;
import kring.core.store.StepwiseCaseStore;
import kring.scheduler.planning.Planner;
import kring.storage.RedisCaseStartup;
import kring.storage.RedisCaseStore;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisErasure;
import kring.storage.RedisKeys;
import kring.storage.RedisPeople;
import kring.storage.RedisPromptBudget;
import kring.storage.RedisRetentionIndex;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Erasing a case on two partners' word, forgetting one person, and the retention clock: closed
 * cases erased after their period, quiet cases asked about and closed, on the machine's Redis.
 */
class PrivacyConversationTest {

  static final Speaker DORA = KringConversationTest.speaker("dora", "Dora");

  /** The day of the clock's start, where the case is kept. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  private final MovableClock clock =
      new MovableClock(Instant.parse("2026-11-30T09:00:00Z"), ZoneId.of("Europe/Brussels"));
  private final RecordingOutbox outbox = new RecordingOutbox();
  private RedisKeys keys;
  private UnifiedJedis redis;
  private RedisCases cases;
  private RedisErasure erasure;
  private RedisRetentionIndex index;
  private KringConversation kring;
  private Retention retention;
  private DataSubjects subjects;

  @BeforeEach
  void setUp() {
    PrivacyWorld world = new PrivacyWorld(REDIS, clock, outbox);
    keys = world.keys;
    redis = world.redis;
    cases = world.cases;
    erasure = world.erasure;
    index = world.index;
    kring = world.kring;
    retention = world.retention;
    subjects = world.subjects;
  }

  // ---- erasing now

  @Test
  void theCoordinatorProposesAnotherPartnerConfirmsAndTheCaseIsErasedMinutesLater() {
    CaseCode code = startWithBertAndCaro();

    kring.say(ANNA, ROOM, "wis");
    OutboundMessage proposal = inChannel(sent());
    assertThat(words(proposal)).contains(code.value());
    String value = button(proposal, Actions.ERASE).value();

    kring.press(ANNA, ROOM, Actions.ERASE, value);
    assertThat(words(onlyTo(sent(), ANNA))).contains("Another partner confirms");
    assertThat(theCase().status()).isNotEqualTo(CaseStatus.CLOSED);

    kring.press(BERT, ROOM, Actions.ERASE, value);
    assertThat(words(inChannel(sent()))).contains("will be erased within minutes");
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);

    retention.runDue();
    assertThat(cases.find(code)).as("the channel is told first").isPresent();

    clock.advance(PrivacyFlow.ERASE_DELAY.plusSeconds(1));
    retention.runDue();
    assertThat(cases.find(code)).isEmpty();
    assertThat(cases.findByChannel(ROOM)).isEmpty();
    assertThat(erasure.erased(code)).isTrue();
    assertThat(REDIS.storedText()).doesNotContain("Bert").doesNotContain("Anna");
  }

  @Test
  void aPartnerCannotProposeErasureNorConfirmWithoutAProposal() {
    CaseCode code = startWithBertAndCaro();

    kring.say(BERT, ROOM, "erase");
    assertThat(words(onlyTo(sent(), BERT))).contains("Only the coordinator or the backup");

    kring.press(BERT, ROOM, Actions.ERASE, code.value());
    assertThat(words(onlyTo(sent(), BERT))).contains("no recent proposal");
    assertThat(theCase().status()).isNotEqualTo(CaseStatus.CLOSED);
  }

  @Test
  void aProposalOlderThanAWeekCanNoLongerBeConfirmed() {
    CaseCode code = startWithBertAndCaro();
    kring.say(ANNA, ROOM, "erase");
    sent();

    clock.advance(Duration.ofDays(8));
    kring.press(CARO, ROOM, Actions.ERASE, code.value());

    assertThat(words(onlyTo(sent(), CARO))).contains("no recent proposal");
    assertThat(theCase().status()).isNotEqualTo(CaseStatus.CLOSED);
  }

  @Test
  void aButtonOfAnErasedCaseSaysTheCaseWasErased() {
    CaseCode code = startWithBertAndCaro();
    erasure.erase(code);

    kring.press(BERT, ROOM, Actions.SHOW_CARD, code.value());

    assertThat(words(onlyTo(sent(), BERT))).contains("gewist").doesNotContain("andere casus");
  }

  @Test
  void someoneOutsideTheCaseAskingForTheConsentRegisterIsToldItIsForThePartners() {
    startWithBertAndCaro();

    kring.say(DORA, ROOM, "consent");

    assertThat(words(onlyTo(sent(), DORA)))
        .contains("consent register is for the partners")
        .doesNotContain("case card");
  }

  @Test
  void aPartnerWhoPressesKeepOpenIsToldOnlyTheCoordinatorCanKeepItOpen() {
    CaseCode code = startWithBertAndCaro();

    kring.press(BERT, ROOM, Actions.QUIET_KEEP, code.value());

    assertThat(words(onlyTo(sent(), BERT)))
        .contains("can keep the case open")
        .doesNotContain("can close");
  }

  @Test
  void aClosedCaseFreesItsChannelForANewCaseAndKeepsItsHistoryUnderItsCode() {
    CaseCode old = startWithBertAndCaro();
    cases.update(theCase().close(ANNA.user(), clock.instant(), new SplittableRandom(1)));
    sent();

    kring.say(ANNA, ROOM, "start CD en");

    Case fresh = theCase();
    assertThat(fresh.code()).isNotEqualTo(old);
    assertThat(cases.find(old).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
    erasure.erase(old);
    assertThat(theCase().code()).isEqualTo(fresh.code());
  }

  @Test
  void whatTheRetentionClockLostAfterCommitsIsRebuiltFromTheCasesAtTheNextStart() {
    // Every commit is stored in Redis, and every write to the retention indexes after it is lost,
    // as if the node died right after each commit.
    RedisCaseStore redisStore = new RedisCaseStore(redis, keys, clock);
    kring =
        kring(
            RetentionIndex.NONE,
            new CaseStore() {
              @Override
              public Case commit(CaseCommit commit) {
                Case stored = redisStore.commit(commit);
                outbox.enqueueAll(commit.messages());
                return stored;
              }

              @Override
              public boolean delivered(CaseCode code, String delivery) {
                return redisStore.delivered(code, delivery);
              }

              @Override
              public Sighting.Found sight(UserRef speaker, Sighting sighting) {
                return redisStore.sight(speaker, sighting);
              }
            });
    CaseCode code = startWithBertAndCaro();
    clock.advance(Duration.ofDays(3));
    kring.say(ANNA, ROOM, "represent mother");
    Instant lastActed = clock.instant();
    assertThat(redis.zscore(keys.retentionActive(), code.value())).isNull();

    new RedisCaseStartup(redis, keys, index).run();
    assertThat(redis.zscore(keys.retentionActive(), code.value()))
        .isEqualTo((double) lastActed.toEpochMilli());

    clock.advance(Duration.ofDays(1));
    kring.say(ANNA, ROOM, "wis");
    String value = button(inChannel(sent()), Actions.ERASE).value();
    kring.press(BERT, ROOM, Actions.ERASE, value);
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(redis.zscore(keys.erasureDue(), code.value())).isNull();

    new RedisCaseStartup(redis, keys, index).run();
    assertThat(redis.zscore(keys.retentionClosed(), code.value())).isNotNull();
    assertThat(redis.zscore(keys.retentionActive(), code.value())).isNull();
    clock.advance(PrivacyFlow.ERASE_DELAY.plusSeconds(1));
    retention.runDue();
    assertThat(cases.find(code)).isEmpty();
    assertThat(erasure.erased(code)).isTrue();
    assertThat(REDIS.storedText()).doesNotContain("Bert").doesNotContain("Anna");
  }

  // ---- forget me

  @Test
  void forgetMeTakesThePersonOutAndLeavesOnlyANamelessAuditLine() {
    CaseCode code = startWithBertAndCaro();
    kring.say(BERT, ROOM, "language en");

    kring.say(BERT, ROOM, "vergeet mij");
    OutboundMessage ask = onlyTo(sent(), BERT);
    kring.press(BERT, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());

    Case after = theCase();
    assertThat(after.partner(BERT.user())).isEmpty();
    assertThat(after.partner(2).orElseThrow())
        .satisfies(
            former -> {
              assertThat(former.hasAccount()).isFalse();
              assertThat(former.active()).isFalse();
              assertThat(former.displayName()).isEqualTo("a former partner");
            });
    AuditEntry last = after.audit().get(after.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.PARTNER_FORGOTTEN);
    assertThat(last.args()).isEmpty();
    assertThat(last.actorSeq()).isZero();
    assertThat(words(inChannel(sent()))).contains("asked Kring to forget them");
    assertThat(REDIS.storedText()).doesNotContain(BERT.user().key()).doesNotContain("Bert");
    assertThat(cases.findByPerson(BERT.user())).isEmpty();
    assertThat(cases.find(code)).isPresent();
  }

  @Test
  void aNewcomerAfterSomeoneForgottenGetsANewNumberAndNeverTheConsentTowardsThem() {
    startWithBertAndCaro();
    recordHealthConsentTowards("P3");
    kring.say(CARO, ROOM, "vergeet mij");
    OutboundMessage ask = onlyTo(sent(), CARO);
    kring.press(CARO, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());

    join(DORA, "naft-coach");

    Case after = theCase();
    Partner dora = after.partner(DORA.user()).orElseThrow();
    assertThat(dora.seq()).isEqualTo(4);
    assertThat(after.consents().records())
        .singleElement()
        .satisfies(r -> assertThat(r.terms().towardsPartners()).containsExactly(3));
    assertThat(after.consents().covers(InfoKind.HEALTH, dora, TODAY)).isFalse();
    sent();
    kring.say(ANNA, ROOM, "consent");
    assertThat(words(onlyTo(sent(), ANNA)))
        .contains("Towards: P3 (a former partner)")
        .doesNotContain("Dora");
  }

  @Test
  void aNewcomerAfterSomeoneWhoLeftGetsANewNumberAndTheRegisterSaysTheyLeft() {
    startWithBertAndCaro();
    recordHealthConsentTowards("P3");
    kring.say(CARO, ROOM, "leave");

    join(DORA, "naft-coach");

    Case after = theCase();
    Partner dora = after.partner(DORA.user()).orElseThrow();
    assertThat(dora.seq()).isEqualTo(4);
    assertThat(after.consents().covers(InfoKind.HEALTH, dora, TODAY)).isFalse();
    sent();
    kring.say(ANNA, ROOM, "consent");
    assertThat(words(onlyTo(sent(), ANNA)))
        .contains("Towards: P3 Caro (has left)")
        .doesNotContain("Dora");
  }

  // ---- the operator's data-subject requests

  @Test
  void theOperatorExportsWhatKringHoldsAboutAPersonAndErasesItTellingTheChannel() {
    CaseCode code = startWithBertAndCaro();
    DataSubjects subjects = subjects();

    assertThat(subjects.export(BERT.user()).person()).isEqualTo(BERT.user().key());
    DataSubjects.CaseData bert = onlyCase(subjects, BERT);
    assertThat(bert.code()).isEqualTo(code.value());
    assertThat(bert.partner().displayName()).isEqualTo("Bert");

    assertThat(subjects.erase(BERT.user())).isEqualTo(1);

    assertThat(theCase().partner(BERT.user())).isEmpty();
    assertThat(words(inChannel(sent()))).contains("data-protection request", code.value());
    assertThat(REDIS.storedText()).doesNotContain(BERT.user().key()).doesNotContain("Bert");
    assertThat(subjects.export(BERT.user()).cases()).isEmpty();
  }

  @Test
  void aPartnerWhoLeftIsStillExportedAndErasedWithEveryLineThatNamesThem() {
    CaseCode code = startWithBertAndCaro();
    kring.say(CARO, ROOM, "vertrek");
    sent();
    DataSubjects subjects = subjects();

    DataSubjects.CaseData caro = onlyCase(subjects, CARO);
    assertThat(caro.code()).isEqualTo(code.value());
    assertThat(caro.partner().displayName()).isEqualTo("Caro");
    assertThat(caro.partner().active()).isFalse();
    assertThat(caro.audit())
        .extracting(AuditEntry::event)
        .contains(AuditEvent.INTRODUCED, AuditEvent.JOIN_ACCEPTED, AuditEvent.PARTNER_LEFT);

    assertThat(subjects.erase(CARO.user())).isEqualTo(1);

    assertThat(REDIS.storedText()).doesNotContain(CARO.user().key()).doesNotContain("Caro");
    assertThat(theCase().partner(3).orElseThrow().displayName()).isEqualTo("a former partner");
    assertThat(subjects.export(CARO.user()).cases()).isEmpty();
  }

  @Test
  void aPartnerWhoLeftCanStillAskKringToForgetThem() {
    startWithBertAndCaro();
    kring.say(CARO, ROOM, "vertrek");
    sent();

    kring.say(CARO, ROOM, "vergeet mij");
    OutboundMessage ask = onlyTo(sent(), CARO);
    kring.press(CARO, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());

    assertThat(REDIS.storedText()).doesNotContain(CARO.user().key()).doesNotContain("Caro");
  }

  @Test
  void theOperatorExportsARepresentationAndErasingTheRepresentativePassesItOn() {
    startWithBertAndCaro();
    Case represented =
        cases.update(theCase().represent(ANNA.user(), "mother", Role.PARENT, 2, clock.instant()));
    int mother = represented.team().seqsGiven();
    DataSubjects subjects = subjects();

    assertThat(onlyCase(subjects, BERT).represents())
        .extracting(Partner::seq)
        .containsExactly(mother);

    subjects.erase(BERT.user());

    Partner after = theCase().partner(mother).orElseThrow();
    assertThat(after.representedBy()).isEqualTo(ANNA.user());
    assertThat(REDIS.storedText()).doesNotContain(BERT.user().key()).doesNotContain("Bert");
    kring.say(ANNA, ROOM, "card");
    assertThat(words(onlyTo(sent(), ANNA))).contains("Represented by Anna");
  }

  @Test
  void forgetMeLeavesTheAuditLinesToAFormerPartnerAndTheirTaskOpenOnTheCard() {
    startWithBertAndCaro();
    Case agreed =
        cases.update(
            theCase()
                .propose(
                    ANNA.user(),
                    Draft.empty()
                        .withTasks(
                            List.of(
                                new Task(1, "coordinates", ""),
                                new Task(3, "guides the pupil home", ""))),
                    0,
                    clock.instant()));
    assertThat(agreed.agreements().currentVersion()).isEqualTo(1);

    kring.say(CARO, ROOM, "vergeet mij");
    OutboundMessage ask = onlyTo(sent(), CARO);
    kring.press(CARO, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());
    sent();

    kring.say(ANNA, ROOM, "card");
    assertThat(words(onlyTo(sent(), ANNA)))
        .contains("a former partner", "guides the pupil home")
        .doesNotContain("Caro");
    kring.say(ANNA, ROOM, "log");
    String log = words(onlyTo(sent(), ANNA));
    assertThat(log).contains("a former partner: ").doesNotContain("P3: ");
    assertThat(REDIS.storedText()).doesNotContain(CARO.user().key()).doesNotContain("Caro");
  }

  /** What the export holds about the one case that names this person. */
  private static DataSubjects.CaseData onlyCase(DataSubjects subjects, Speaker who) {
    List<DataSubjects.CaseData> found = subjects.export(who.user()).cases();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private DataSubjects subjects() {
    return subjects;
  }

  // ---- the retention clock

  @Test
  void aClosedCaseIsErasedWhenItsRetentionPeriodIsOver() {
    CaseCode code = startWithBertAndCaro();
    kring.say(ANNA, ROOM, "close");
    sent();

    clock.advance(Duration.ofDays(360));
    retention.runDue();
    assertThat(cases.find(code)).isPresent();

    clock.advance(Duration.ofDays(6));
    retention.runDue();
    assertThat(cases.find(code)).isEmpty();
    assertThat(erasure.erased(code)).isTrue();
    assertThat(redis.zcard(keys.retentionClosed())).isZero();
  }

  @Test
  void aQuietCaseIsAskedAboutOnceAndClosedWhenNobodyAnswers() {
    CaseCode code = startWithBertAndCaro();

    clock.advance(Duration.ofDays(150));
    retention.runDue();
    assertThat(sent()).isEmpty();

    clock.advance(Duration.ofDays(35));
    retention.runDue();
    OutboundMessage question = onlyTo(sent(), ANNA);
    assertThat(words(question)).contains(code.value(), "Can it be closed?");
    assertThat(button(question, Actions.QUIET_CLOSE).value()).isEqualTo(code.value());
    retention.runDue();
    assertThat(sent()).as("asked once").isEmpty();

    clock.advance(Duration.ofDays(32));
    retention.runDue();
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(words(inChannel(sent()))).contains("nobody acted in it for a long time");
  }

  @Test
  void aQuietCaseIsAskedAboutWithinTheCoordinatorsHoursAndShareAndClosedInWorkingHours() {
    ZoneId zone = clock.getZone();
    ScheduledPrompts schedule =
        new ScheduledPrompts(
            cases,
            new RedisPeople(redis, keys),
            new RedisDuePrompts(redis, keys),
            outbox,
            new Planner(zone),
            new RedisPromptBudget(redis, keys),
            clock,
            () -> {});
    Retention inHours =
        new Retention(
            cases,
            new RedisPeople(redis, keys),
            outbox,
            erasure,
            index,
            RetentionPeriods.DEFAULT,
            clock,
            schedule,
            () -> {},
            new StepwiseCaseStore(cases, outbox, schedule, clock));
    CaseCode code = startWithBertAndCaro();

    // Quiet long enough on Saturday 5 June 2027 at 20:00: nobody is asked at that hour.
    moveTo(LocalDateTime.parse("2027-06-05T20:00").atZone(zone).toInstant());
    inHours.runDue();
    assertThat(sent()).isEmpty();
    // On Monday Anna already had her message of the day: the question waits for Tuesday.
    LocalDate monday = LocalDate.parse("2027-06-07");
    new RedisPromptBudget(redis, keys).take(Set.of(ANNA.user()), monday, monday);
    moveTo(LocalDateTime.parse("2027-06-07T10:00").atZone(zone).toInstant());
    inHours.runDue();
    assertThat(sent()).isEmpty();
    moveTo(LocalDateTime.parse("2027-06-08T10:00").atZone(zone).toInstant());
    inHours.runDue();
    assertThat(words(onlyTo(sent(), ANNA))).contains(code.value(), "Can it be closed?");

    // Nobody answers: the wait ends in the summer holiday, at 04:00; the case closes that morning
    // in working hours, holiday or not.
    moveTo(LocalDateTime.parse("2027-07-12T04:00").atZone(zone).toInstant());
    inHours.runDue();
    assertThat(theCase().status()).isNotEqualTo(CaseStatus.CLOSED);
    assertThat(sent()).isEmpty();
    moveTo(LocalDateTime.parse("2027-07-12T08:00").atZone(zone).toInstant());
    inHours.runDue();
    assertThat(theCase().status()).isEqualTo(CaseStatus.CLOSED);
    OutboundMessage notice = inChannel(sent());
    assertThat(words(notice)).contains("nobody acted in it for a long time");
    assertThat(notice.createdAt().atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
  }

  private void moveTo(Instant at) {
    clock.advance(Duration.between(clock.instant(), at));
  }

  @Test
  void aCoordinatorWhoKeepsAQuietCaseOpenIsNotOverruled() {
    startWithBertAndCaro();
    clock.advance(Duration.ofDays(185));
    retention.runDue();
    OutboundMessage question = onlyTo(sent(), ANNA);

    kring.press(ANNA, ROOM, Actions.QUIET_KEEP, button(question, Actions.QUIET_KEEP).value());
    assertThat(words(onlyTo(sent(), ANNA))).contains("stays open");

    clock.advance(Duration.ofDays(40));
    retention.runDue();
    assertThat(theCase().status()).isNotEqualTo(CaseStatus.CLOSED);
    assertThat(sent()).isEmpty();
  }

  @Test
  void aCaseErasedBeforeIsErasedAgainWhenARestoredBackupBringsItBack() {
    CaseCode code = startWithBertAndCaro();
    Map<String, byte[]> backup = REDIS.backup();
    erasure.erase(code);
    restore(backup);
    assertThat(cases.find(code)).as("the restored backup brought it back").isPresent();

    assertThat(retention.eraseReappeared()).isEqualTo(1);

    assertThat(cases.find(code)).isEmpty();
    assertThat(cases.findByChannel(ROOM)).isEmpty();
    assertThat(retention.eraseReappeared()).isZero();
  }

  @Test
  void aPersonForgottenBeforeIsForgottenAgainWhenARestoredBackupBringsThemBack() {
    CaseCode code = startWithBertAndCaro();
    kring.say(CARO, ROOM, "language en");
    Map<String, byte[]> backup = REDIS.backup();
    kring.say(CARO, ROOM, "vergeet mij");
    OutboundMessage ask = onlyTo(sent(), CARO);
    kring.press(CARO, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());
    subjects().erase(BERT.user());
    assertThat(REDIS.storedText()).doesNotContain(CARO.user().key()).doesNotContain("Bert");

    restore(backup);
    assertThat(REDIS.storedText()).as("the restored backup brought them back").contains("Caro");

    assertThat(retention.eraseReappeared()).isZero();

    String stored = REDIS.storedText();
    assertThat(stored).doesNotContain(CARO.user().key()).doesNotContain("Caro");
    assertThat(stored).doesNotContain(BERT.user().key()).doesNotContain("Bert");
    assertThat(theCase().code()).isEqualTo(code);
    assertThat(theCase().partner(ANNA.user())).isPresent();
    assertThat(retention.forgetReappeared()).isZero();
  }

  @Test
  void someoneForgottenWhoJoinsAgainLaterIsNotForgottenAgainAtStart() {
    startWithBertAndCaro();
    kring.say(CARO, ROOM, "vergeet mij");
    OutboundMessage ask = onlyTo(sent(), CARO);
    kring.press(CARO, ROOM, Actions.FORGET_ME, button(ask, Actions.FORGET_ME).value());
    clock.advance(Duration.ofDays(1));
    join(CARO, "naft-coach");

    assertThat(retention.forgetReappeared()).isZero();

    assertThat(theCase().partner(CARO.user())).isPresent();
  }

  // ---- helpers

  /** Restores a backup over what is stored; the record of erasures is kept, as the README asks. */
  private void restore(Map<String, byte[]> backup) {
    backup.remove(keys.erased());
    backup.remove(keys.forgotten());
    REDIS.restore(backup);
  }

  private KringConversation kring(RetentionIndex retentionIndex, CaseStore store) {
    return new KringConversation(
        cases,
        new RedisPeople(redis, keys),
        outbox,
        new CaseCodes(new SplittableRandom(11)),
        clock,
        () -> {},
        Schedule.NONE,
        erasure,
        retentionIndex,
        store,
        new MemoryFamilyLinks(),
        KringConversation.LOCAL_URL);
  }

  private Case theCase() {
    return cases.findByChannel(ROOM).orElseThrow();
  }

  private List<OutboundMessage> sent() {
    return outbox.take();
  }

  /** Anna starts and coordinates; Bert and Caro join as partners. */
  private CaseCode startWithBertAndCaro() {
    kring.say(ANNA, ROOM, "start AB en");
    introduce(ANNA, "care-coordinator");
    join(BERT, "clb");
    join(CARO, "naft-coach");
    introduce(CARO, "naft-coach");
    sent();
    return theCase().code();
  }

  private void introduce(Speaker who, String role) {
    Form intro = kring.press(who, ROOM, Actions.OPEN_FORM, Forms.INTRODUCE).form();
    kring.submit(
        who, ROOM, intro.id(), filled(intro, Map.of("role", role, "organisation", "School")));
  }

  private void recordHealthConsentTowards(String handle) {
    Form consent = kring.say(ANNA, ROOM, "consent").form();
    kring.submit(
        ANNA,
        ROOM,
        consent.id(),
        filled(
            consent,
            Map.of(
                "givenBy", "parents",
                "kinds", "health",
                "towards", handle,
                "purpose", "to adjust her timetable")));
    sent();
  }

  private void join(Speaker who, String role) {
    Form join = kring.say(who, ROOM, "join").form();
    kring.submit(who, ROOM, join.id(), filled(join, Map.of("role", role, "organisation", "Org")));
    OutboundMessage ask = inChannel(sent());
    kring.press(ANNA, ROOM, Actions.ACCEPT_JOIN, button(ask, Actions.ACCEPT_JOIN).value());
  }
}
