package kring.core.conversation.reflection;

import static kring.core.conversation.KringConversationTest.button;
import static kring.core.conversation.KringConversationTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.checkin.CheckInRound;
import kring.core.conversation.Actions;
import kring.core.conversation.KringConversationTest;
import kring.core.conversation.ScheduledKring;
import kring.core.conversation.Speaker;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.reflection.ReflectionRound;
import kring.scheduler.calendar.SchoolCalendar;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * Check-ins and reflection rounds around the school holidays, through the conversation and the
 * prompt sender: what the post that opens them says, when partners are asked, when they close, and
 * a whole school year in which none stays open across a holiday.
 */
class HolidayRoundsTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final SchoolCalendar CALENDAR = SchoolCalendar.flemish(BRUSSELS);
  static final List<Speaker> TEAM =
      IntStream.rangeClosed(1, 4)
          .mapToObj(i -> new Speaker(Samples.partnerUser(i), "Partner " + i))
          .toList();
  static final Speaker P1 = TEAM.get(0);
  static final Speaker P2 = TEAM.get(1);

  MovableClock clock;
  ScheduledKring world;

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  static LocalDateTime local(Instant at) {
    return LocalDateTime.ofInstant(at, BRUSSELS);
  }

  /** Four partners who agreed at {@code agreed}, with the rhythm given in school weeks. */
  void agreedAt(String agreed, int checkInWeeks, int reflectionWeeks) {
    clock = new MovableClock(local(agreed), BRUSSELS);
    world = new ScheduledKring(clock, 7);
    List<UserRef> people = TEAM.stream().map(Speaker::user).toList();
    Case c =
        Samples.activeCase(
                CODE,
                Samples.slackChannel("C1"),
                people,
                CollaborationLevel.COORDINATION,
                clock.instant())
            .setCadence(P1.user(), new Cadence(checkInWeeks, reflectionWeeks), clock.instant());
    world.cases.create(c);
    world.prompts.replan(c);
  }

  Case theCase() {
    return world.cases.find(CODE).orElseThrow();
  }

  /** Moves time in half hours until {@code until}, running the poller as every node would. */
  List<OutboundMessage> live(Instant until) {
    List<OutboundMessage> all = new ArrayList<>();
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      world.prompts.runDue();
      all.addAll(world.said());
    }
    return all;
  }

  static List<OutboundMessage> toChannel(List<OutboundMessage> messages) {
    return messages.stream().filter(m -> !m.to().isPrivate()).toList();
  }

  static List<OutboundMessage> privately(List<OutboundMessage> messages, Speaker to) {
    return messages.stream().filter(m -> to.user().equals(m.to().person())).toList();
  }

  @Test
  void aCheckInOpenedTheWeekBeforeTheAutumnHolidaySaysItClosesBeforeItAndDoes() {
    // Weekly check-ins agreed on Tuesday 20 October 2026: the first opens on Tuesday 27 October.
    agreedAt("2026-10-20T09:00", 1, 0);

    List<OutboundMessage> opened = live(local("2026-10-27T10:30"));

    assertThat(theCase().activity().lastCheckIn().orElseThrow().open()).isTrue();
    for (Speaker partner : TEAM) {
      String invitation =
          privately(opened, partner).stream()
              .map(KringConversationTest::words)
              .filter(w -> w.contains("Check-in 1 for case K-7F3Q"))
              .findFirst()
              .orElseThrow();
      assertThat(invitation)
          .contains("Open until 30 Oct 2026 12:00")
          .contains("closes earlier than usual: the autumn holiday starts on Mon 2 Nov 2026");
    }

    List<OutboundMessage> rest = live(local("2026-11-03T12:00"));

    List<OutboundMessage> summaries = toChannel(rest);
    assertThat(summaries).hasSize(1);
    assertThat(words(summaries.get(0))).contains("Check-in 1 — case K-7F3Q");
    assertThat(local(summaries.get(0).createdAt())).hasToString("2026-10-30T12:00");
    assertThat(theCase().activity().lastCheckIn().orElseThrow().answers()).isEmpty();
  }

  @Test
  void aCheckInTheRhythmWantsTooCloseToTheHolidayWaitsAndSaysSo() {
    // Agreed on Thursday 22 October: a week later only the Friday would be left before the
    // autumn holiday.
    agreedAt("2026-10-22T09:00", 1, 0);

    List<OutboundMessage> before = live(local("2026-11-09T18:00"));
    assertThat(theCase().activity().lastCheckIn()).isEmpty();
    assertThat(before).noneMatch(m -> words(m).contains("Check-in 1"));

    List<OutboundMessage> after = live(local("2026-11-10T10:30"));

    CheckInRound round = theCase().activity().lastCheckIn().orElseThrow();
    assertThat(local(round.openedAt())).hasToString("2026-11-10T10:00");
    assertThat(local(round.closesAt())).hasToString("2026-11-17T12:00");
    assertThat(privately(after, P2))
        .map(KringConversationTest::words)
        .filteredOn(w -> w.contains("Check-in 1 for case K-7F3Q"))
        .singleElement()
        .asString()
        .contains("waited until after the autumn holiday");
  }

  @Test
  void aRoundStartedByHandJustBeforeChristmasStartsAfterItAndAsksEveryoneThen() {
    agreedAt("2026-12-01T09:00", 2, 0);
    live(local("2026-12-16T11:00"));

    world.kring.say(P1, Samples.slackChannel("C1"), "reflect 5");

    List<OutboundMessage> started = world.said();
    List<OutboundMessage> posts = toChannel(started);
    assertThat(posts).hasSize(1);
    assertThat(words(posts.get(0)))
        .contains("Reflection round 1")
        .contains("Please answer privately before 12 Jan 2027 16:00")
        .contains("starts after the Christmas holiday, on 5 Jan 2027 10:00");
    assertThat(posts.get(0).reply().blocks().toString()).doesNotContain(Actions.ROUND_ANSWER);
    assertThat(started).noneMatch(m -> m.to().isPrivate());
    ReflectionRound round = theCase().openReflection().orElseThrow();
    assertThat(local(round.openedAt())).hasToString("2027-01-05T10:00");
    world.kring.press(P2, Samples.slackChannel("C1"), Actions.ROUND_ANSWER, "K-7F3Q:1");
    assertThat(words(privately(world.said(), P2).get(0))).contains("starts only after the holiday");

    List<OutboundMessage> holiday = live(local("2027-01-05T09:30"));
    assertThat(holiday).noneMatch(m -> words(m).contains("Reflection round 1"));

    List<OutboundMessage> back = live(local("2027-01-05T11:00"));
    for (Speaker partner : TEAM) {
      OutboundMessage invitation =
          privately(back, partner).stream()
              .filter(m -> words(m).contains("Reflection round 1 — case K-7F3Q"))
              .findFirst()
              .orElseThrow();
      assertThat(button(invitation, Actions.ROUND_ANSWER).value()).isEqualTo("K-7F3Q:1");
    }

    List<OutboundMessage> end = live(local("2027-01-12T16:30"));
    List<OutboundMessage> summary =
        toChannel(end).stream().filter(m -> words(m).contains("partners took part")).toList();
    assertThat(summary).hasSize(1);
    assertThat(local(summary.get(0).createdAt())).hasToString("2027-01-12T16:00");
  }

  @Test
  void aPauseWithdrawsARoundThatWaitsForTheHolidayAndSaysSo() {
    agreedAt("2026-12-01T09:00", 2, 0);
    live(local("2026-12-16T11:00"));
    world.kring.say(P1, Samples.slackChannel("C1"), "reflect 5");
    world.said();

    world.kring.say(P1, Samples.slackChannel("C1"), "pause");

    List<String> posts =
        toChannel(world.said()).stream().map(KringConversationTest::words).toList();
    // The check-in that opened on 15 December closes with the pause too.
    assertThat(posts).hasSize(4);
    assertThat(posts.get(2)).contains("Check-in 1 — case K-7F3Q");
    assertThat(posts.get(3))
        .contains("Reflection round 1 was to start on 5 Jan 2027 10:00. It will not start now.");
    assertThat(theCase().reflections().rounds()).isEmpty();
    world.kring.say(P1, Samples.slackChannel("C1"), "resume");
    world.said();
    assertThat(live(local("2027-01-08T17:00")))
        .noneMatch(m -> words(m).contains("Reflection round 1"));
  }

  /**
   * A school year and the summer after it, with a check-in every school week and a reflection round
   * every two (the busiest rhythm a case can set), nobody answering: every check-in and round that
   * took answers held no day of a holiday, and rounds kept coming.
   */
  @Test
  void inAWholeSchoolYearNoCheckInOrRoundStaysOpenAcrossAHoliday() {
    agreedAt("2026-09-01T09:00", 1, 2);
    Map<Integer, CheckInRound> checkIns = new TreeMap<>();
    Map<Integer, ReflectionRound> rounds = new TreeMap<>();
    Instant end = local("2027-09-20T18:00");
    while (clock.instant().isBefore(end)) {
      clock.advance(Duration.ofMinutes(30));
      world.prompts.runDue();
      world.said();
      Case c = theCase();
      c.activity().checkIns().forEach(r -> checkIns.put(r.number(), r));
      c.reflections().rounds().forEach(r -> rounds.put(r.number(), r));
    }

    assertThat(checkIns).hasSizeGreaterThan(30);
    assertThat(rounds).hasSizeGreaterThan(12);
    int cutShort = 0;
    for (CheckInRound r : checkIns.values()) {
      assertNoHolidayBetween("check-in " + r.number(), r.openedAt(), r.closesAt());
      cutShort +=
          ranItsTimeOrClosedBeforeAHoliday("check-in " + r.number(), r.openedAt(), r.closesAt(), 4);
    }
    for (ReflectionRound r : rounds.values()) {
      assertNoHolidayBetween("round " + r.number(), r.openedAt(), r.closesAt());
      cutShort +=
          ranItsTimeOrClosedBeforeAHoliday("round " + r.number(), r.openedAt(), r.closesAt(), 5);
    }
    assertThat(cutShort).as("check-ins and rounds that closed before a holiday").isPositive();
  }

  /**
   * Asserts that a check-in or round ran its usual school days, or closed early on the last school
   * day before a holiday; 1 when it did the latter.
   */
  static int ranItsTimeOrClosedBeforeAHoliday(
      String what, Instant opened, Instant closes, int usual) {
    LocalDate first = CALENDAR.plusSchoolDays(opened.atZone(BRUSSELS).toLocalDate(), 0);
    LocalDate last = closes.atZone(BRUSSELS).toLocalDate();
    int given = CALENDAR.schoolDaysBetween(first, last);
    if (given == usual) {
      return 0;
    }
    assertThat(given).as(what).isBetween(2, usual - 1);
    assertThat(CALENDAR.breakOn(CALENDAR.plusSchoolDays(last, 1).minusDays(1)))
        .as("%s closed early on %s, the last school day before a holiday", what, last)
        .isPresent();
    return 1;
  }

  static void assertNoHolidayBetween(String what, Instant opened, Instant closes) {
    LocalDate last = closes.atZone(BRUSSELS).toLocalDate();
    for (LocalDate day = opened.atZone(BRUSSELS).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      assertThat(CALENDAR.breakOn(day))
          .as("%s open from %s to %s", what, local(opened), local(closes))
          .isEmpty();
    }
  }
}
