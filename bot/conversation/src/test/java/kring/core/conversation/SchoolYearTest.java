package kring.core.conversation;

import static kring.core.conversation.KringConversationTest.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.checkin.CheckInRound;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Place;
import kring.core.partners.Partner;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * A school year of twelve cases with 41 people, lived as they would: one CLB worker in six cases,
 * scripted people who answer about 60 % of what they are asked the moment it reaches them, a
 * coordinator who starts reflection rounds at odd moments (a Saturday evening, a Wednesday evening
 * in the autumn holiday, a Sunday evening before carnival), and six cases paused for two weeks
 * across their deadlines. Every message Kring sends on its own is checked against the school
 * rhythm, and every invitation against its deadline.
 */
class SchoolYearTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final SchoolCalendar CALENDAR = SchoolCalendar.flemish(BRUSSELS);
  static final Instant START = local("2026-09-01T09:00");
  static final Instant END = local("2027-06-30T18:00");
  static final int CASES = 12;

  /** When the coordinator of the first case starts a round by hand: never a good moment. */
  static final List<Instant> ODD_MOMENTS =
      List.of(local("2026-10-10T20:00"), local("2026-11-04T19:00"), local("2027-02-14T21:00"));

  final MovableClock clock = new MovableClock(START, BRUSSELS);
  final ScheduledKring world = new ScheduledKring(clock, 5);
  final SplittableRandom chance = new SplittableRandom(2026);
  final Map<Integer, List<Speaker>> teams = new HashMap<>();

  /**
   * What Kring sent on its own: everything the poller wrote, not the answers to what people did.
   */
  final List<OutboundMessage> own = new ArrayList<>();

  /** Each invitation that reached a person: about which case and round, and when. */
  final List<Invitation> invitations = new ArrayList<>();

  /** Each round a scripted person answered at once, so that no invitation was needed any more. */
  final List<String> answered = new ArrayList<>();

  record Invitation(UserRef person, CaseCode code, String round, Instant at) {}

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  static LocalDateTime local(Instant at) {
    return ZonedDateTime.ofInstant(at, BRUSSELS).toLocalDateTime();
  }

  static Speaker speaker(String id) {
    return new Speaker(new UserRef(Platform.SLACK, "T1", id), id);
  }

  static CaseCode code(int number) {
    return new CaseCode("K-" + "ABCDEFGHJKMN".charAt(number) + "7" + "8" + "9");
  }

  static ChannelRef room(int number) {
    return new ChannelRef(Platform.SLACK, "T1", "C" + number);
  }

  /**
   * Twelve cases agreed over the first weeks of September: a coordinator, a teacher and a youth
   * worker each, the CLB worker in the first six, a fourth partner in four more (41 people).
   */
  void startTheCases() {
    Speaker clb = speaker("CLB");
    for (int i = 0; i < CASES; i++) {
      List<Speaker> team = new ArrayList<>();
      team.add(speaker("COORD" + i));
      team.add(speaker("TEACH" + i));
      team.add(speaker("YOUTH" + i));
      if (i < 6) {
        team.add(clb);
      } else if (i < 10) {
        team.add(speaker("EXTRA" + i));
      }
      teams.put(i, team);
    }
  }

  void agree(int number) {
    Case c =
        Samples.activeCase(
            code(number),
            room(number),
            teams.get(number).stream().map(Speaker::user).toList(),
            CollaborationLevel.values()[number % 3],
            clock.instant());
    world.cases.create(c);
    world.prompts.replan(c);
  }

  /** Runs the poller every half hour until {@code until}; people answer what reaches them. */
  void liveUntil(Instant until) {
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      world.prompts.runDue();
      List<OutboundMessage> sent = world.said();
      own.addAll(sent);
      for (OutboundMessage m : sent) {
        if (m.to().isPrivate()) {
          read(m);
        }
      }
      world.said();
    }
  }

  /**
   * A person reads a message of Kring's and answers each round it invites to, 60 % of the time. A
   * message may combine several cases: each button names its own.
   */
  void read(OutboundMessage m) {
    Speaker who = speaker(m.to().person().user());
    List<Buttons.Button> picks = new ArrayList<>();
    for (Buttons.Button b : buttons(m)) {
      if (b.action().equals(Actions.PICK_CHECK_IN)) {
        picks.add(b);
      }
      if (!b.action().equals(Actions.ROUND_ANSWER)) {
        continue;
      }
      Case c = world.cases.find(new CaseCode(b.value().split(":")[0])).orElseThrow();
      String what = "round " + Integer.parseInt(b.value().split(":")[1]);
      invitations.add(new Invitation(who.user(), c.code(), what, m.createdAt()));
      Optional<Form> form =
          chance.nextInt(10) < 6
              ? world.kring.press(who, c.channel(), b.action(), b.value()).formToShow()
              : Optional.empty();
      if (form.isPresent()) {
        world.kring.submit(who, c.channel(), form.get().id(), filled(form.get(), Map.of()));
        answered.add(who.user().user() + " " + c.code() + " " + what);
      }
    }
    if (m.place() != null && m.place().mode() == Place.Mode.RETIRE) {
      return;
    }
    // Check-in cards (a combined message may hold two): one click per question, for those who do.
    Map<String, List<Buttons.Button>> cards =
        picks.stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.value().substring(0, p.value().indexOf(':', p.value().indexOf(':') + 1)),
                    java.util.LinkedHashMap::new,
                    Collectors.toList()));
    cards.forEach(
        (round, theirs) -> {
          CaseCode code = new CaseCode(round.split(":")[0]);
          String what = "check-in " + round.split(":")[1];
          invitations.add(new Invitation(who.user(), code, what, m.createdAt()));
          if (chance.nextInt(10) < 6) {
            ChannelRef channel = world.cases.find(code).orElseThrow().channel();
            for (String pick :
                List.of("goal-on-track:yes", "got-what-needed:partly", "clear-who-does-what:yes")) {
              Buttons.Button b =
                  theirs.stream()
                      .filter(p -> p.value().contains(":" + pick))
                      .findFirst()
                      .orElseThrow();
              world.kring.press(who, channel, b.action(), b.value());
            }
            answered.add(who.user().user() + " " + code + " " + what);
          }
        });
  }

  static List<Buttons.Button> buttons(OutboundMessage m) {
    return m.reply().blocks().stream()
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .toList();
  }

  /** The coordinator of the first case starts a round by hand, with the form's defaults. */
  void startRoundByHand() {
    Speaker coordinator = teams.get(0).get(0);
    Optional<Form> form = world.kring.say(coordinator, room(0), "reflect").formToShow();
    if (form.isPresent()) {
      world.kring.submit(coordinator, room(0), form.get().id(), filled(form.get(), Map.of()));
    }
    // Its answer comes at once, whatever the hour: that is not Kring speaking on its own.
    world.said();
  }

  /** The coordinators of the last six cases pause them on a Wednesday, over a few deadlines. */
  static final Instant PAUSED = local("2026-10-14T11:00");

  static final Instant RESUMED = local("2026-10-26T10:00");

  /** The check-ins open when their case was paused, by case. */
  final Map<CaseCode, Integer> closedByThePause = new HashMap<>();

  void pauseTheLastSix() {
    for (int i = 6; i < CASES; i++) {
      Optional<CheckInRound> open =
          world
              .cases
              .find(code(i))
              .orElseThrow()
              .activity()
              .lastCheckIn()
              .filter(CheckInRound::open);
      world.kring.say(teams.get(i).get(0), room(i), "pause");
      Case paused = world.cases.find(code(i)).orElseThrow();
      assertThat(paused.paused()).isTrue();
      if (open.isPresent()) {
        assertThat(paused.activity().checkIn(open.get().number()).orElseThrow().open()).isFalse();
        closedByThePause.put(code(i), open.get().number());
      }
    }
    world.said();
  }

  void resumeTheLastSix() {
    for (int i = 6; i < CASES; i++) {
      world.kring.say(teams.get(i).get(0), room(i), "resume");
      assertThat(world.cases.find(code(i)).orElseThrow().paused()).isFalse();
    }
    world.said();
  }

  @Test
  void aYearOfTwelveCasesKeepsTheSchoolRhythmForEveryMessageAndMissesNoInvitation() {
    startTheCases();
    for (int i = 0; i < CASES; i++) {
      agree(i);
      liveUntil(clock.instant().plus(Duration.ofDays(2)));
    }
    Map<Instant, Runnable> events = new TreeMap<>();
    ODD_MOMENTS.forEach(odd -> events.put(odd, this::startRoundByHand));
    events.put(PAUSED, this::pauseTheLastSix);
    events.put(RESUMED, this::resumeTheLastSix);
    events.forEach(
        (at, event) -> {
          liveUntil(at);
          event.run();
        });
    liveUntil(END);
    // Some of the cases paused had a check-in open, which the pause closed with its totals; while
    // paused, Kring said nothing in them on its own.
    assertThat(closedByThePause).isNotEmpty();
    assertThat(own)
        .filteredOn(m -> m.createdAt().isAfter(PAUSED) && m.createdAt().isBefore(RESUMED))
        .noneMatch(
            m -> List.of(6, 7, 8, 9, 10, 11).stream().anyMatch(i -> code(i).equals(m.caseCode())));
    // Around every school holiday of the year some check-in closed before it or opened after it.
    Planner planner = new Planner(BRUSSELS);
    Map<String, Long> aroundHolidays =
        java.util.stream.IntStream.range(0, CASES)
            .mapToObj(i -> world.cases.find(code(i)).orElseThrow())
            .flatMap(c -> c.activity().checkIns().stream().map(r -> planner.checkInWindow(c, r)))
            .filter(w -> w.holiday() != null)
            .collect(
                Collectors.groupingBy(
                    w -> w.holiday().name() + " " + w.fit(), TreeMap::new, Collectors.counting()));
    System.out.println("Check-ins fitted around a holiday: " + aroundHolidays);
    assertThat(aroundHolidays.keySet().stream().map(k -> k.split(" ")[0]).distinct())
        .containsExactlyInAnyOrder("autumn", "christmas", "carnival", "easter", "summer");
    // Every closing step was taken: no check-in or round is still open past its close.
    for (int i = 0; i < CASES; i++) {
      Case c = world.cases.find(code(i)).orElseThrow();
      assertThat(c.activity().checkIns())
          .allMatch(r -> !r.open() || r.closesAt().isAfter(END.minus(Duration.ofHours(1))));
      assertThat(c.reflections().rounds())
          .allMatch(r -> !r.isOpen() || r.closesAt().isAfter(END.minus(Duration.ofHours(1))));
    }

    // Every private message on a school day within working hours, at most one a day and two a
    // school week per person.
    Map<UserRef, List<OutboundMessage>> byPerson =
        own.stream()
            .filter(m -> m.to().isPrivate())
            // Taking away the buttons of a closed check-in updates a message: nothing new.
            .filter(m -> m.place() == null || m.place().mode() != Place.Mode.RETIRE)
            .collect(Collectors.groupingBy(m -> m.to().person()));
    assertThat(byPerson).hasSize(41);
    for (List<OutboundMessage> theirs : byPerson.values()) {
      PromptYearTest.assertFewAndWellTimed(theirs);
    }
    // Every post in a channel on a weekday within working hours.
    List<OutboundMessage> posts = own.stream().filter(m -> !m.to().isPrivate()).toList();
    assertThat(posts).isNotEmpty();
    for (OutboundMessage post : posts) {
      LocalDateTime at = local(post.createdAt());
      assertThat(at.getDayOfWeek()).as("%s is a weekday", at).isLessThan(DayOfWeek.SATURDAY);
      assertThat(at.toLocalTime())
          .as("%s is in working hours", at)
          .isBetween(LocalTime.of(8, 0), LocalTime.of(17, 0));
    }

    // Every partner invited to a check-in or round got the invitation with at least two school
    // days to answer, or had answered already from the channel (the one who started a round by
    // hand is asked in answer to that).
    int checked = 0;
    List<String> missed = new ArrayList<>();
    Map<String, Long> daysToAnswer = new TreeMap<>();
    for (int i = 0; i < CASES; i++) {
      Case c = world.cases.find(code(i)).orElseThrow();
      for (CheckInRound round : c.activity().checkIns()) {
        if (round.open()
            || Integer.valueOf(round.number()).equals(closedByThePause.get(c.code()))) {
          continue;
        }
        for (int seq : round.invited()) {
          checked++;
          check(c, seq, "check-in " + round.number(), round.closesAt(), 0, missed, daysToAnswer);
        }
      }
      for (ReflectionRound round : c.reflections().rounds()) {
        if (round.isOpen()) {
          continue;
        }
        for (int seq : round.invited()) {
          checked++;
          check(
              c,
              seq,
              "round " + round.number(),
              round.closesAt(),
              round.startedBy(),
              missed,
              daysToAnswer);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "A school year of %d cases (%d check-ins closed by a pause): %d private messages, %d channel"
            + " posts; %d invitations checked, school days left to answer when they came: %s%n",
        CASES,
        closedByThePause.size(),
        own.size() - posts.size(),
        posts.size(),
        checked,
        daysToAnswer);
    assertThat(checked).isGreaterThan(300);
    // The first case's rounds were each started by hand at an odd moment: the one on a Saturday
    // evening opened at once, the two started in or just before a holiday open after it.
    Case first = world.cases.find(code(0)).orElseThrow();
    assertThat(first.reflections().rounds()).hasSize(ODD_MOMENTS.size());
    for (int i = 0; i < ODD_MOMENTS.size(); i++) {
      Instant opened = first.reflections().rounds().get(i).openedAt();
      assertThat(opened).isAfterOrEqualTo(ODD_MOMENTS.get(i));
      assertThat(CALENDAR.holiday(local(opened).toLocalDate())).isEmpty();
    }
    assertThat(missed).isEmpty();

    // The counts agree: no invitation was dropped.
    Map<PromptKind, Map<Fate, Long>> fates = new EnumMap<>(PromptKind.class);
    for (int i = 0; i < CASES; i++) {
      world
          .due
          .counts(code(i))
          .forEach(
              (kind, byFate) ->
                  byFate.forEach(
                      (fate, n) ->
                          fates
                              .computeIfAbsent(kind, k -> new EnumMap<>(Fate.class))
                              .merge(fate, n, Long::sum)));
    }
    System.out.printf("What became of the prompts, by kind: %s%n", fates);
    assertThat(fates.get(PromptKind.CHECK_IN_INVITE)).doesNotContainKey(Fate.DROPPED);
    assertThat(fates.get(PromptKind.REFLECTION_INVITE)).doesNotContainKey(Fate.DROPPED);
  }

  /** One invited partner of one closed round: reached in time, or answered from the channel. */
  void check(
      Case c,
      int seq,
      String round,
      Instant closesAt,
      int startedBy,
      List<String> missed,
      Map<String, Long> daysToAnswer) {
    Optional<Partner> partner = c.partner(seq);
    if (partner.isEmpty() || seq == startedBy) {
      return;
    }
    UserRef person = partner.get().user();
    Optional<Invitation> first =
        invitations.stream()
            .filter(inv -> inv.person().equals(person) && inv.code().equals(c.code()))
            .filter(inv -> inv.round().equals(round) && inv.at().isBefore(closesAt))
            .findFirst();
    String what = person.user() + " " + c.code() + " " + round;
    if (first.isEmpty()) {
      if (!answered.contains(what)) {
        missed.add(what + " (closes " + local(closesAt) + "): no invitation");
      }
      return;
    }
    LocalDate came = local(first.get().at()).toLocalDate();
    LocalDate closes = local(closesAt).toLocalDate();
    long left = 0;
    for (LocalDate day = came; day.isBefore(closes); day = day.plusDays(1)) {
      if (CALENDAR.isSchoolDay(day)) {
        left++;
      }
    }
    daysToAnswer.merge(left >= 5 ? "5+" : String.valueOf(left), 1L, Long::sum);
    if (left < PromptTurns.DAYS_TO_ANSWER) {
      missed.add(
          what
              + ": invited "
              + local(first.get().at())
              + ", closes "
              + local(closesAt)
              + " ("
              + left
              + " school days)");
    }
  }
}
