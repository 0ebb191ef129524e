package kring.core.reflection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Turns an open round's attributed answers into its anonymous result. The result depends only on
 * the answers themselves, never on who gave them or in what order, apart from open answers their
 * authors chose to sign.
 */
final class Aggregation {

  private Aggregation() {}

  static RoundResult close(ReflectionRound round, RandomGenerator random) {
    Anonymity anonymity = round.anonymity();
    TreeSet<Integer> tookPart = new TreeSet<>();
    round.answers().stream()
        .filter(a -> !a.answers().isEmpty())
        .forEach(a -> tookPart.add(a.partnerSeq()));
    List<QuestionResult> results = new ArrayList<>();
    for (Question question : round.questions()) {
      List<Map.Entry<Integer, Answer>> given = round.given(question.id());
      if (question.type() == AnswerType.OPEN) {
        results.add(open(question, given, anonymity, random));
      } else {
        Map<String, Integer> counts = new TreeMap<>();
        if (anonymity.allows(given.size())) {
          given.forEach(g -> counts.merge(g.getValue().value(), 1, Integer::sum));
        }
        results.add(new QuestionResult(question.id(), given.size(), counts, List.of()));
      }
    }
    return new RoundResult(List.copyOf(tookPart), results);
  }

  /**
   * Signed answers are shown with their author; unsigned ones only when enough unsigned answers
   * were given that none can be traced (with fewer, the few who did not sign are too easy to
   * guess). All of them shuffled, starting from a fixed order so that the answering order cannot
   * leak through.
   */
  private static QuestionResult open(
      Question question,
      List<Map.Entry<Integer, Answer>> given,
      Anonymity anonymity,
      RandomGenerator random) {
    List<OpenAnswer> shown = new ArrayList<>();
    long unsigned = given.stream().filter(g -> !g.getValue().signed()).count();
    for (Map.Entry<Integer, Answer> g : given) {
      if (g.getValue().signed()) {
        shown.add(new OpenAnswer(g.getValue().value(), g.getKey()));
      } else if (anonymity.allows((int) unsigned)) {
        shown.add(new OpenAnswer(g.getValue().value(), 0));
      }
    }
    shown.sort(Comparator.comparing(OpenAnswer::text).thenComparingInt(OpenAnswer::signedBy));
    shuffle(shown, random);
    return new QuestionResult(question.id(), given.size(), Map.of(), shown);
  }

  /** Fisher–Yates, with the caller's generator (a secure one in production, seeded in tests). */
  static <T> void shuffle(List<T> list, RandomGenerator random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
  }
}
