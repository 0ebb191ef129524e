package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.privacy.RetentionIndex;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisPromptBudget;
import kring.testing.InMemoryPeople;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many cases whose check-ins open at the same moment, their partners each in five of them: what is
 * due for one person is decided on together, however many batches it is claimed in. Every partner
 * gets all five invitations in one message on the day the check-ins open and a reminder for each
 * before they close; nobody gets two prompt messages a day or three a week.
 */
class ManyCasesAtOnceTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final Instant AGREED =
      LocalDateTime.parse("2026-01-12T09:00").atZone(BRUSSELS).toInstant();
  static final int CASES_PER_PERSON = 5;

  @ParameterizedTest
  @ValueSource(ints = {100, 1000})
  void everyPersonGetsAllTheirInvitationsInOneMessageAndEveryReminder(int caseCount) {
    MovableClock clock = new MovableClock(AGREED, BRUSSELS);
    RedisCases cases = new RedisCases(redis.client(), redis.keys());
    RedisDuePrompts due = new RedisDuePrompts(redis.client(), redis.keys());
    RecordingOutbox outbox = new RecordingOutbox();
    ScheduledPrompts prompts =
        new ScheduledPrompts(
            cases,
            new InMemoryPeople(),
            due,
            outbox,
            new Planner(BRUSSELS),
            new RedisPromptBudget(redis.client(), redis.keys()),
            clock,
            () -> {},
            RetentionIndex.NONE,
            null);
    int people = caseCount * 4 / CASES_PER_PERSON;
    Map<UserRef, List<CaseCode>> casesOf = new HashMap<>();
    List<CaseCode> codes = new ArrayList<>();
    for (int i = 0; i < caseCount; i++) {
      CaseCode code = code(i);
      List<UserRef> partners = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        UserRef person = Samples.slackUser("U" + ((i * 4 + k) % people));
        partners.add(person);
        casesOf.computeIfAbsent(person, p -> new ArrayList<>()).add(code);
      }
      Case c =
          Samples.activeCase(
              code,
              Samples.slackChannel("C" + i),
              partners,
              CollaborationLevel.COORDINATION,
              AGREED);
      cases.create(c);
      prompts.replan(c);
      codes.add(code);
    }
    Instant opens =
        due.planned(codes.get(0)).stream()
            .filter(p -> p.kind() == PromptKind.CHECK_IN_OPEN)
            .map(DuePrompt::dueAt)
            .findFirst()
            .orElseThrow();

    for (Instant at = opens; at.isBefore(opens.plus(Duration.ofDays(21))); ) {
      clock.set(at);
      prompts.runDue();
      at = at.plus(Duration.ofMinutes(30));
    }

    List<OutboundMessage> toPeople =
        outbox.messages().stream().filter(m -> m.kind() == MessageKind.REMINDER).toList();
    LocalDate openDay = opens.atZone(BRUSSELS).toLocalDate();
    for (Map.Entry<UserRef, List<CaseCode>> person : casesOf.entrySet()) {
      List<OutboundMessage> theirs =
          toPeople.stream().filter(m -> person.getKey().equals(m.to().person())).toList();
      List<OutboundMessage> onOpenDay =
          theirs.stream().filter(m -> day(m).equals(openDay)).toList();
      assertThat(onOpenDay).as("%s on the day the check-ins open", person.getKey()).hasSize(1);
      String invitation = onOpenDay.get(0).reply().blocks().toString();
      for (CaseCode code : person.getValue()) {
        assertThat(invitation).contains("Check-in 1 for case " + code.value());
        assertThat(theirs)
            .as("a reminder of check-in 1 of %s for %s", code, person.getKey())
            .anyMatch(
                m ->
                    !day(m).equals(openDay)
                        && m.reply().blocks().toString().contains("Check-in 1 for case " + code)
                        && m.reply().blocks().toString().contains("closes on"));
      }
      Map<LocalDate, Integer> perDay = new HashMap<>();
      Map<LocalDate, Integer> perWeek = new HashMap<>();
      for (OutboundMessage m : theirs) {
        perDay.merge(day(m), 1, Integer::sum);
        perWeek.merge(
            day(m).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), 1, Integer::sum);
      }
      assertThat(perDay.values()).allMatch(n -> n == 1);
      assertThat(perWeek.values()).allMatch(n -> n <= 2);
    }
    for (CaseCode code : codes) {
      assertThat(cases.find(code).orElseThrow().activity().checkIn(1))
          .hasValueSatisfying(round -> assertThat(round.open()).isFalse());
      // The counts say the same: every invitation went out combined, none and no reminder dropped.
      Map<PromptKind, Map<Fate, Long>> counts = due.counts(code);
      assertThat(counts.get(PromptKind.CHECK_IN_INVITE)).containsOnly(entry(Fate.COMBINED, 4L));
      assertThat(counts.get(PromptKind.CHECK_IN_REMINDER)).doesNotContainKey(Fate.DROPPED);
    }
  }

  private static LocalDate day(OutboundMessage m) {
    return m.createdAt().atZone(BRUSSELS).toLocalDate();
  }

  /** A distinct case code for each number below 31 × 31 × 31. */
  private static CaseCode code(int i) {
    String a = CaseCode.ALPHABET;
    int n = a.length();
    return new CaseCode("K-Q" + a.charAt(i / (n * n) % n) + a.charAt(i / n % n) + a.charAt(i % n));
  }
}
