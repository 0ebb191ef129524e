package kring.core.reflection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Scores of a closed round on the 1–5 scale: per question (mean and spread of what may be shown)
 * and per theme, and the trend of each theme over a case's rounds. Only distributions that passed
 * the anonymity threshold count.
 */
public final class Scores {

  private Scores() {}

  /** The mean score of a shown, scored question. */
  public static OptionalDouble mean(Question question, QuestionResult result) {
    if (!question.type().scored() || !result.shown()) {
      return OptionalDouble.empty();
    }
    double sum = 0;
    int n = 0;
    for (Map.Entry<String, Integer> count : result.counts().entrySet()) {
      sum += question.type().score(count.getKey()).orElseThrow() * count.getValue();
      n += count.getValue();
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
  }

  /** The standard deviation of a shown, scored question: 0 when everyone gave the same. */
  public static OptionalDouble spread(Question question, QuestionResult result) {
    OptionalDouble mean = mean(question, result);
    if (mean.isEmpty()) {
      return OptionalDouble.empty();
    }
    double squares = 0;
    int n = 0;
    for (Map.Entry<String, Integer> count : result.counts().entrySet()) {
      double d = question.type().score(count.getKey()).orElseThrow() - mean.getAsDouble();
      squares += d * d * count.getValue();
      n += count.getValue();
    }
    return OptionalDouble.of(Math.sqrt(squares / n));
  }

  /** Each theme's score in a closed round: the mean of every shown scored answer of the theme. */
  public static Map<Theme, Double> byTheme(ReflectionRound round) {
    Map<Theme, double[]> sums = new EnumMap<>(Theme.class);
    if (round.result() == null) {
      return Map.of();
    }
    for (Question question : round.questions()) {
      Optional<QuestionResult> result = round.result().of(question.id());
      if (result.isEmpty() || mean(question, result.get()).isEmpty()) {
        continue;
      }
      double[] sum = sums.computeIfAbsent(question.theme(), t -> new double[2]);
      for (Map.Entry<String, Integer> count : result.get().counts().entrySet()) {
        sum[0] += question.type().score(count.getKey()).orElseThrow() * count.getValue();
        sum[1] += count.getValue();
      }
    }
    Map<Theme, Double> scores = new EnumMap<>(Theme.class);
    sums.forEach((theme, sum) -> scores.put(theme, sum[0] / sum[1]));
    return scores;
  }

  /**
   * The trend of each theme over closed rounds, oldest first: one value per round, empty where the
   * round had no shown score for that theme. Themes never scored are left out.
   */
  public static Map<Theme, List<OptionalDouble>> trend(List<ReflectionRound> rounds) {
    List<Map<Theme, Double>> perRound =
        rounds.stream().filter(r -> !r.isOpen()).map(Scores::byTheme).toList();
    Map<Theme, List<OptionalDouble>> trend = new EnumMap<>(Theme.class);
    for (Theme theme : Theme.values()) {
      if (perRound.stream().noneMatch(m -> m.containsKey(theme))) {
        continue;
      }
      List<OptionalDouble> values = new ArrayList<>();
      for (Map<Theme, Double> scores : perRound) {
        Double score = scores.get(theme);
        values.add(score == null ? OptionalDouble.empty() : OptionalDouble.of(score));
      }
      trend.put(theme, List.copyOf(values));
    }
    return trend;
  }
}
