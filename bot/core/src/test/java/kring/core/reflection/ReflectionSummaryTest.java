package kring.core.reflection;

import static kring.testing.Replies.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import kring.core.i18n.Language;
import kring.core.reply.Chart;
import kring.core.reply.Reply;
import org.junit.jupiter.api.Test;

class ReflectionSummaryTest {

  static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  static ReflectionRound closed(int number, List<Map<String, Answer>> team) {
    List<Integer> invited = new ArrayList<>();
    for (int seq = 1; seq <= 5; seq++) {
      invited.add(seq);
    }
    ReflectionRound round =
        ReflectionRound.open(
            number,
            RoundKind.REGULAR,
            1,
            T,
            T.plus(Duration.ofDays(7)),
            Anonymity.DEFAULT,
            QuestionBank.round(Optional.empty(), Optional.empty(), false),
            invited);
    for (int i = 0; i < team.size(); i++) {
      round = round.withAnswers(new PartnerAnswers(i + 1, T, team.get(i)));
    }
    return round.close(new SplittableRandom(number));
  }

  static Answer a(String value) {
    return new Answer(value, false);
  }

  /** The summary of round two, with round one as its history. */
  String second(Language lang) {
    return words(
        Summary.of(second, List.of(first, second), "K-7F3Q", lang, seq -> "Partner " + seq));
  }

  final ReflectionRound first =
      closed(
          1,
          List.of(
              Map.of("info-in-time", a("2"), "goal-achievable", a("yes"), "keep", a("calls")),
              Map.of("info-in-time", a("2"), "goal-achievable", a("yes"), "keep", a("notes")),
              Map.of("info-in-time", a("3"), "goal-achievable", a("partly"), "know-can", a("4"))));

  final ReflectionRound second =
      closed(
          2,
          List.of(
              Map.of("info-in-time", a("4"), "goal-achievable", a("no"), "voice-doubts", a("1")),
              Map.of("info-in-time", a("4"), "goal-achievable", a("no"), "voice-doubts", a("5")),
              Map.of(
                  "info-in-time",
                  a("5"),
                  "goal-achievable",
                  a("yes"),
                  "voice-doubts",
                  a("3"),
                  "change",
                  new Answer("meet every month", true)),
              Map.of()));

  @Test
  void showsParticipationDistributionsAndWhatIsTooFewToShow() {
    String text =
        words(Summary.of(first, List.of(first), "K-7F3Q", Language.EN, seq -> "Partner " + seq));

    assertThat(text).contains("3 of 5 partners took part.");
    assertThat(text)
        .contains(
            "I got the information I needed from the others, in time.: 1: 0 · 2: 2 · 3: 1 · 4: 0 ·"
                + " 5: 0 (average 2.3)");
    assertThat(text).contains("yes: 2 · partly: 1 · no: 0");
    assertThat(text)
        .contains("1 answer: too few to show without giving away who said what.")
        .contains("2 answers: too few to show without giving away who said what.");
    assertThat(text).doesNotContain("calls").doesNotContain("notes");
  }

  @Test
  void aGoalMostPartnersCallUnachievableIsTheNextMeetingsPoint() {
    String text = second(Language.EN);

    assertThat(text).contains("3 of 5 partners took part.");
    assertThat(text).contains("Most partners think our shared goal is no longer achievable.");
    assertThat(text).contains("A point for your next meeting: is our shared goal still achievable");
    assertThat(text).contains("Most agreement: ").contains("Most disagreement: ");
    assertThat(text).contains("“meet every month” — Partner 3");
  }

  @Test
  void showsEachThemesTrendAsASparkline() {
    String text = second(Language.EN);

    assertThat(text).contains("Trend over 2 rounds");
    // Communication went from 2.3 to 4.3; trust was first scored in round 2.
    assertThat(text).contains("Communication: ▃▇  4.3");
    assertThat(text).contains("Trust: ·▅  3.0");
  }

  @Test
  void theTrendIsAlsoAChartOnceThereAreTwoRounds() {
    Reply alone = Summary.of(first, List.of(first), "K-7F3Q", Language.EN, seq -> "P" + seq);
    assertThat(alone.blocks()).noneMatch(Chart.class::isInstance);

    Reply summary =
        Summary.of(second, List.of(first, second), "K-7F3Q", Language.EN, seq -> "P" + seq);

    Chart chart =
        summary.blocks().stream()
            .filter(Chart.class::isInstance)
            .map(Chart.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(chart.labels()).containsExactly("round 1", "round 2");
    assertThat(chart.title()).isEqualTo("How the themes went, case K-7F3Q");
    Map<String, List<Double>> lines = new java.util.HashMap<>();
    chart.series().forEach(line -> lines.put(line.name(), line.values()));
    // The same figures as the sparklines: trust has a gap where round 1 had no trust score.
    assertThat(lines.get("Communication")).hasSize(2);
    assertThat(lines.get("Communication").get(1)).isCloseTo(4.33, within(0.01));
    assertThat(lines.get("Trust")).containsExactly(null, 3.0);
  }

  @Test
  void readsInDutchToo() {
    String text = second(Language.NL);

    assertThat(text).contains("3 van de 5 partners deden mee.");
    assertThat(text).contains("Communicatie: ▃▇  4,3");
  }
}
