package kring.core.reflection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.reply.Chart;
import kring.core.reply.Reply;

/**
 * The summary of a closed round, for the case channel: participation, per theme what may be shown,
 * where the partners agree and disagree most, open answers unattributed (unless signed), a point
 * for the next meeting, and each theme's trend over the case's rounds. Everyone sees the same
 * summary, the coordinator included.
 */
public final class Summary {

  /** "Mostly no": more than half of the shown answers. */
  static final double MOSTLY = 0.5;

  /** A spread from this much (on the 1–5 scale) is worth talking about. */
  static final double WIDE_SPREAD = 1.0;

  /** A mean below this is worth talking about. */
  static final double LOW_MEAN = 3.5;

  private Summary() {}

  /**
   * @param round the closed round
   * @param history the case's closed rounds, oldest first, this one included
   * @param caseTitle the case's code (and initials)
   * @param signer the name of a partner who signed an open answer
   */
  public static Reply of(
      ReflectionRound round,
      List<ReflectionRound> history,
      String caseTitle,
      Language lang,
      IntFunction<String> signer) {
    RoundResult result = round.result();
    if (result == null) {
      throw new IllegalArgumentException("Only a closed round has a summary");
    }
    Reply.Builder summary =
        Reply.builder()
            .heading(
                Texts.get(
                    lang,
                    round.kind() == RoundKind.FINAL
                        ? "reflection.summary.final-title"
                        : "reflection.summary.title",
                    round.number(),
                    caseTitle))
            .text(
                Texts.get(
                    lang,
                    "reflection.summary.participation",
                    result.tookPart().size(),
                    round.invited().size()));
    Map<Theme, Double> themes = Scores.byTheme(round);
    for (Theme theme : Theme.values()) {
      List<Question> asked = round.questions().stream().filter(q -> q.theme() == theme).toList();
      if (asked.isEmpty()) {
        continue;
      }
      String name = Texts.get(lang, theme.nameKey());
      summary.heading(
          themes.containsKey(theme)
              ? Texts.get(lang, "reflection.summary.theme-score", name, themes.get(theme))
              : name);
      for (Question question : asked) {
        QuestionResult answered = result.of(question.id()).orElseThrow();
        summary.field(wording(question, lang), shown(question, answered, round, lang, signer));
      }
    }
    agreement(round, lang).forEach(summary::text);
    if (goalInDoubt(round)) {
      summary.warning(Texts.get(lang, "reflection.summary.goal-in-doubt"));
    }
    if (round.kind() == RoundKind.REGULAR) {
      // The final evaluation has no next meeting to suggest a point for.
      summary.note(Texts.get(lang, "reflection.summary.suggestion", suggestion(round, lang)));
    }
    Map<Theme, List<OptionalDouble>> trend = Scores.trend(history);
    if (!trend.isEmpty()) {
      summary.heading(Texts.get(lang, "reflection.summary.trend", history.size()));
      trend.forEach(
          (theme, values) ->
              summary.field(Texts.get(lang, theme.nameKey()), trendLine(values, lang)));
      if (history.size() >= 2) {
        summary.chart(chart(history, trend, caseTitle, lang));
      }
    }
    summary.note(Texts.get(lang, "reflection.summary.anonymity", round.threshold()));
    return summary.build();
  }

  /** The words of a question, the coordinator's own or the bank's. */
  public static String wording(Question question, Language lang) {
    return question.isOwn() ? question.ownText() : Texts.get(lang, question.textKey());
  }

  /** The label of one value of a question: "yes", "3", "contact is enough" … */
  public static String valueLabel(Question question, String value, Language lang) {
    return switch (question.type()) {
      case SCALE -> value;
      case YES_PARTLY_NO -> Texts.get(lang, "reflection.answer." + value);
      case CHOICE -> Texts.get(lang, question.textKey() + "." + value);
      case OPEN -> value;
    };
  }

  /** Whether most partners who answered think the shared goal is no longer achievable. */
  public static boolean goalInDoubt(ReflectionRound round) {
    return round.result() != null
        && round
            .result()
            .of(QuestionBank.GOAL_ACHIEVABLE)
            .filter(QuestionResult::shown)
            .filter(r -> r.count("no") > MOSTLY * r.answered())
            .isPresent();
  }

  private static String shown(
      Question question,
      QuestionResult answered,
      ReflectionRound round,
      Language lang,
      IntFunction<String> signer) {
    if (answered.answered() == 0) {
      return Texts.get(lang, "reflection.summary.no-answers");
    }
    if (question.type() == AnswerType.OPEN) {
      if (answered.open().isEmpty()) {
        return Texts.get(lang, "reflection.summary.too-few", answered.answered());
      }
      List<String> lines = new ArrayList<>();
      for (OpenAnswer open : answered.open()) {
        lines.add(
            open.signed()
                ? Texts.get(
                    lang, "reflection.summary.signed", open.text(), signer.apply(open.signedBy()))
                : Texts.get(lang, "reflection.summary.unsigned", open.text()));
      }
      int hidden = answered.answered() - answered.open().size();
      if (hidden > 0) {
        lines.add(Texts.get(lang, "reflection.summary.hidden", hidden));
      }
      return String.join("\n", lines);
    }
    if (!answered.shown()) {
      return Texts.get(lang, "reflection.summary.too-few", answered.answered());
    }
    String counts =
        question.values().stream()
            .map(v -> valueLabel(question, v, lang) + ": " + answered.count(v))
            .collect(Collectors.joining(" · "));
    OptionalDouble mean = Scores.mean(question, answered);
    return mean.isPresent()
        ? Texts.get(lang, "reflection.summary.counts-mean", counts, mean.getAsDouble())
        : counts;
  }

  /** The questions the partners agree and disagree on most, among those that may be shown. */
  private static List<String> agreement(ReflectionRound round, Language lang) {
    List<Spread> spreads = spreads(round);
    if (spreads.size() < 2) {
      return List.of();
    }
    Spread most = spreads.get(0);
    Spread least = spreads.get(spreads.size() - 1);
    List<String> lines = new ArrayList<>();
    lines.add(Texts.get(lang, "reflection.summary.most-agreement", wording(most.question, lang)));
    if (least.spread > most.spread) {
      lines.add(
          Texts.get(lang, "reflection.summary.most-disagreement", wording(least.question, lang)));
    }
    return lines;
  }

  /** Scored, shown questions from the most to the least agreed, ties in round order. */
  private static List<Spread> spreads(ReflectionRound round) {
    List<Spread> spreads = new ArrayList<>();
    for (Question question : round.questions()) {
      QuestionResult answered = round.result().of(question.id()).orElseThrow();
      OptionalDouble spread = Scores.spread(question, answered);
      if (spread.isPresent()) {
        spreads.add(
            new Spread(
                question, spread.getAsDouble(), Scores.mean(question, answered).getAsDouble()));
      }
    }
    spreads.sort(Comparator.comparingDouble(Spread::spread));
    return spreads;
  }

  /** One point for the next meeting: what most needs talking about. */
  static String suggestion(ReflectionRound round, Language lang) {
    if (goalInDoubt(round)) {
      return Texts.get(lang, "reflection.suggest.goal");
    }
    List<Spread> spreads = spreads(round);
    Optional<Spread> improvements =
        spreads.stream()
            .filter(s -> s.question.id().equals(QuestionBank.IMPROVEMENTS_DONE))
            .filter(s -> s.mean < 3)
            .findFirst();
    if (improvements.isPresent()) {
      return Texts.get(lang, "reflection.suggest.improvements");
    }
    Optional<Spread> widest =
        spreads.stream()
            .filter(s -> s.spread >= WIDE_SPREAD)
            .max(Comparator.comparingDouble(Spread::spread));
    if (widest.isPresent()) {
      return Texts.get(
          lang, "reflection.suggest.disagreement", wording(widest.get().question, lang));
    }
    Optional<Spread> lowest =
        spreads.stream()
            .filter(s -> s.mean < LOW_MEAN)
            .min(Comparator.comparingDouble(Spread::mean));
    if (lowest.isPresent()) {
      return Texts.get(lang, "reflection.suggest.lowest", wording(lowest.get().question, lang));
    }
    if (spreads.isEmpty()) {
      return Texts.get(lang, "reflection.suggest.talk");
    }
    return Texts.get(lang, "reflection.suggest.keep-going");
  }

  /** The same trend as a picture, for the platforms that can show one; the lines above stay. */
  private static Chart chart(
      List<ReflectionRound> history,
      Map<Theme, List<OptionalDouble>> trend,
      String caseTitle,
      Language lang) {
    List<ReflectionRound> closed = history.stream().filter(r -> !r.isOpen()).toList();
    List<String> labels =
        closed.stream().map(r -> Texts.get(lang, "reflection.chart.round", r.number())).toList();
    List<Chart.Series> series = new ArrayList<>();
    trend.forEach(
        (theme, values) ->
            series.add(
                new Chart.Series(
                    Texts.get(lang, theme.nameKey()),
                    values.stream().map(v -> v.isPresent() ? v.getAsDouble() : null).toList())));
    return new Chart(
        Texts.get(lang, "reflection.chart.title", caseTitle),
        Texts.get(lang, "reflection.chart.alt", closed.size()),
        labels,
        series);
  }

  private static String trendLine(List<OptionalDouble> values, Language lang) {
    String line = Sparkline.of(values);
    OptionalDouble last = values.get(values.size() - 1);
    return last.isPresent()
        ? Texts.get(lang, "reflection.summary.trend-line", line, last.getAsDouble())
        : line;
  }

  private record Spread(Question question, double spread, double mean) {}
}
