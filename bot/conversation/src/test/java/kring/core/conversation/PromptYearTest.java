package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.reply.Buttons;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.InMemoryPeople;
import kring.testing.InMemoryPromptBudget;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * A whole school year of prompts, with nobody ever answering: the worst case for how often Kring
 * speaks. The poller runs every half hour from 1 September 2026 to 30 June 2027, across the autumn,
 * Christmas, carnival and Easter holidays and both daylight-saving changes.
 */
class PromptYearTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final SchoolCalendar CALENDAR = SchoolCalendar.flemish(BRUSSELS);
  static final Instant START = local("2026-09-01T09:00");
  static final Instant END = local("2027-06-30T18:00");

  final MovableClock clock = new MovableClock(START, BRUSSELS);
  final InMemoryCases cases = new InMemoryCases();
  final RecordingOutbox outbox = new RecordingOutbox();
  final InMemoryDuePrompts due = new InMemoryDuePrompts();
  final ScheduledPrompts prompts =
      new ScheduledPrompts(
          cases,
          new InMemoryPeople(),
          due,
          outbox,
          new Planner(BRUSSELS),
          new InMemoryPromptBudget(),
          clock,
          () -> {});
  final List<OutboundMessage> sent = new ArrayList<>();

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  static UserRef person(String id) {
    return new UserRef(Platform.SLACK, "T1", id);
  }

  static CaseCode code(int number) {
    return new CaseCode("K-" + "ABCDEFGHJKMN".charAt(number) + "2" + "3" + "4");
  }

  /** What became of every case's prompts over the year, by kind, summed over the cases. */
  Map<PromptKind, Map<Fate, Long>> fates(int cases) {
    Map<PromptKind, Map<Fate, Long>> all = new EnumMap<>(PromptKind.class);
    for (int i = 0; i < cases; i++) {
      due.counts(code(i))
          .forEach(
              (kind, byFate) ->
                  byFate.forEach(
                      (fate, n) ->
                          all.computeIfAbsent(kind, k -> new EnumMap<>(Fate.class))
                              .merge(fate, n, Long::sum)));
    }
    return all;
  }

  void startCase(int number, List<UserRef> people, CollaborationLevel level) {
    Case c =
        Samples.activeCase(
            code(number),
            new ChannelRef(Platform.SLACK, "T1", "C" + number),
            people,
            level,
            clock.instant());
    cases.create(c);
    prompts.replan(c);
  }

  void liveTheYear() {
    while (clock.instant().isBefore(END)) {
      clock.advance(Duration.ofMinutes(30));
      prompts.runDue();
      sent.addAll(outbox.messages());
      outbox.clear();
    }
  }

  List<OutboundMessage> remindersTo(UserRef person) {
    return sent.stream()
        .filter(m -> m.kind() == MessageKind.REMINDER && person.equals(m.to().person()))
        .toList();
  }

  static LocalDateTime local(OutboundMessage m) {
    return ZonedDateTime.ofInstant(m.createdAt(), BRUSSELS).toLocalDateTime();
  }

  /** How many prompts one message carries: one "remind me tomorrow" button per prompt. */
  static long promptsIn(OutboundMessage m) {
    return m.reply().blocks().stream()
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .filter(b -> b.action().equals(Actions.PROMPT_LATER))
        .count();
  }

  static void assertFewAndWellTimed(List<OutboundMessage> messages) {
    for (OutboundMessage m : messages) {
      LocalDateTime at = local(m);
      assertThat(CALENDAR.isSchoolDay(at.toLocalDate())).as("%s is a school day", at).isTrue();
      assertThat(at.toLocalTime())
          .as("%s is in working hours", at)
          .isBetween(LocalTime.of(8, 0), LocalTime.of(17, 0));
    }
    Map<LocalDate, Long> perDay =
        messages.stream()
            .collect(Collectors.groupingBy(m -> local(m).toLocalDate(), Collectors.counting()));
    assertThat(perDay.values()).allMatch(n -> n == 1);
    Map<LocalDate, Long> perWeek =
        messages.stream()
            .collect(
                Collectors.groupingBy(
                    m ->
                        local(m)
                            .toLocalDate()
                            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    Collectors.counting()));
    assertThat(perWeek.values()).allMatch(n -> n <= 2);
  }

  @Test
  void aYearOfOneCaseStaysOnSchoolDaysInWorkingHoursAndKeepsItsRhythm() {
    List<UserRef> team = List.of(person("U1"), person("U2"), person("U3"));
    startCase(1, team, CollaborationLevel.COLLABORATION);

    liveTheYear();

    for (UserRef member : team) {
      assertFewAndWellTimed(remindersTo(member));
    }
    List<OutboundMessage> toChannel =
        sent.stream()
            .filter(m -> !m.to().isPrivate())
            .filter(KringConversationTest::newPost)
            .toList();
    assertThat(toChannel).allMatch(m -> CALENDAR.isSchoolDay(local(m).toLocalDate()));
    // Every 2 school weeks over about 36 school weeks: a check-in closes with a summary each time.
    Map<LocalTime, Long> byTime =
        toChannel.stream()
            .collect(Collectors.groupingBy(m -> local(m).toLocalTime(), Collectors.counting()));
    assertThat(byTime.get(LocalTime.NOON)).isBetween(15L, 19L);
    // Every 6 school weeks a reflection round opens at 10:00 and closes at 16:00 five days later
    // (the last one may close after the year's end).
    long opened = byTime.get(LocalTime.of(10, 0));
    assertThat(opened).isBetween(5L, 7L);
    assertThat(byTime.get(LocalTime.of(16, 0))).isBetween(opened - 1, opened);
    assertThat(byTime).containsOnlyKeys(LocalTime.NOON, LocalTime.of(10, 0), LocalTime.of(16, 0));
    Case after = cases.find(new CaseCode("K-B234")).orElseThrow();
    assertThat(after.reflections().rounds()).allMatch(r -> r.startedBy() == 0);
    assertThat(after.activity().checkIns())
        .allMatch(r -> !r.open() || r == after.activity().lastCheckIn().get());
  }

  @Test
  void aPersonInTwelveCasesGetsAtMostOneMessageADayAndTwoAWeekWithEverythingCombined() {
    UserRef busy = person("BUSY");
    for (int i = 0; i < 12; i++) {
      CollaborationLevel level = CollaborationLevel.values()[i % 3];
      startCase(i, List.of(person("C" + i), busy, person("O" + i)), level);
    }

    liveTheYear();

    List<OutboundMessage> theirs = remindersTo(busy);
    assertFewAndWellTimed(theirs);
    long carried = theirs.stream().mapToLong(PromptYearTest::promptsIn).sum();
    Map<Long, Long> sizes =
        theirs.stream()
            .collect(
                Collectors.groupingBy(
                    PromptYearTest::promptsIn, HashMap::new, Collectors.counting()));
    System.out.printf(
        "A person in 12 cases, one school year: %d messages carrying %d prompts; by prompts per"
            + " message: %s%n",
        theirs.size(), carried, sizes);
    assertThat(theirs.size()).isLessThanOrEqualTo(2 * 44);
    assertThat(carried).isGreaterThan(theirs.size());
    // At most a few prompts in one message, or, when more invitations wait, every invitation (at
    // most a check-in's and a round's of each case).
    assertThat(theirs).allMatch(m -> promptsIn(m) <= Math.max(PromptTurns.MOST_IN_ONE, 24));
    Map<PromptKind, Map<Fate, Long>> fates = fates(12);
    System.out.printf("What became of the prompts of 12 cases, by kind: %s%n", fates);
    // Nobody answers, so every invitation goes out (alone or combined); none is dropped.
    for (PromptKind invitation :
        List.of(PromptKind.CHECK_IN_INVITE, PromptKind.REFLECTION_INVITE)) {
      assertThat(fates.get(invitation)).doesNotContainKey(Fate.DROPPED);
      assertThat(fates.get(invitation).get(Fate.COMBINED)).isPositive();
    }
  }
}
