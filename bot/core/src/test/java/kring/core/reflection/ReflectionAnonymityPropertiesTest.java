package kring.core.reflection;

import static kring.testing.Properties.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The anonymity rules hold for any team, any answers and any threshold: each property runs against
 * hundreds of generated rounds (see {@link kring.testing.Properties}).
 */
class ReflectionAnonymityPropertiesTest {

  static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
  static final List<Question> QUESTIONS =
      QuestionBank.round(Optional.of(Theme.EVALUATION), Optional.empty(), true);

  /** A team's answers: for each partner (1..n), what they answered; skipped questions left out. */
  static List<Map<String, Answer>> team(SplittableRandom random, boolean signing) {
    int size = random.nextInt(13);
    List<Map<String, Answer>> team = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Map<String, Answer> answers = new HashMap<>();
      // Some partners skip everything, some answer everything, most something in between.
      double answering = random.nextInt(4) == 0 ? random.nextInt(2) : random.nextDouble();
      for (Question q : QUESTIONS) {
        if (random.nextDouble() >= answering) {
          continue;
        }
        if (q.type() == AnswerType.OPEN) {
          answers.put(q.id(), new Answer(text(random), signing && random.nextInt(3) == 0));
        } else {
          answers.put(q.id(), new Answer(q.values().get(random.nextInt(q.values().size())), false));
        }
      }
      team.add(answers);
    }
    return team;
  }

  /** Short texts from few letters, so that equal answers from different partners happen. */
  static String text(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(3);
    for (int i = 0; i < length; i++) {
      text.append("abc".charAt(random.nextInt(3)));
    }
    return text.toString();
  }

  static ReflectionRound answered(List<Map<String, Answer>> team, List<Integer> seqs, int t) {
    ReflectionRound round =
        ReflectionRound.open(
            1,
            RoundKind.REGULAR,
            1,
            OPENED,
            OPENED.plus(Duration.ofDays(7)),
            new Anonymity(t),
            QUESTIONS,
            IntStream.rangeClosed(1, Math.max(team.size(), 1)).boxed().toList());
    for (int i = 0; i < team.size(); i++) {
      round = round.withAnswers(new PartnerAnswers(seqs.get(i), OPENED, team.get(i)));
    }
    return round;
  }

  /** The result of the team's round closed with a shuffle drawn from {@code random}. */
  static RoundResult closed(
      List<Map<String, Answer>> team, int threshold, SplittableRandom random) {
    return answered(team, inOrder(team.size()), threshold)
        .close(new SplittableRandom(random.nextLong()))
        .result();
  }

  static List<Integer> inOrder(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void noDistributionIsShownBelowTheThreshold() {
    forAll(
        11,
        random -> {
          List<Map<String, Answer>> team = team(random, true);
          int threshold = 3 + random.nextInt(6);
          RoundResult result = closed(team, threshold, random);

          for (Question q : QUESTIONS) {
            QuestionResult r = result.of(q.id()).orElseThrow();
            long given = team.stream().filter(a -> a.containsKey(q.id())).count();
            assertThat(r.answered()).isEqualTo(given);
            if (q.type() == AnswerType.OPEN) {
              long unsigned =
                  team.stream()
                      .filter(a -> a.containsKey(q.id()) && !a.get(q.id()).signed())
                      .count();
              long shownUnsigned = r.open().stream().filter(o -> !o.signed()).count();
              assertThat(shownUnsigned).isEqualTo(unsigned >= threshold ? unsigned : 0);
              assertThat(r.counts()).isEmpty();
            } else if (given < threshold) {
              assertThat(r.counts()).isEmpty();
            } else {
              assertThat(r.counts().values().stream().mapToInt(Integer::intValue).sum())
                  .isEqualTo(given);
            }
          }
        });
  }

  @Test
  void theResultNamesNobodyButThoseWhoTookPartAndThoseWhoSigned() {
    forAll(
        12,
        random -> {
          List<Map<String, Answer>> team = team(random, true);
          RoundResult result = closed(team, 3, random);

          Set<Integer> tookPart = new HashSet<>();
          Map<Integer, Set<String>> signed = new HashMap<>();
          for (int i = 0; i < team.size(); i++) {
            int seq = i + 1;
            if (!team.get(i).isEmpty()) {
              tookPart.add(seq);
            }
            team.get(i).values().stream()
                .filter(Answer::signed)
                .forEach(a -> signed.computeIfAbsent(seq, s -> new HashSet<>()).add(a.value()));
          }
          assertThat(result.tookPart())
              .containsExactlyElementsOf(tookPart.stream().sorted().toList());
          for (QuestionResult r : result.questions()) {
            for (OpenAnswer open : r.open()) {
              if (open.signed()) {
                assertThat(signed.get(open.signedBy())).contains(open.text());
              }
            }
          }
        });
  }

  /**
   * Who answered what, and in which order, leaves no trace: the same answers given in another
   * order, by partners numbered otherwise, close to exactly the same result.
   */
  @Test
  void theResultDependsOnlyOnTheAnswersNotOnWhoGaveThemOrWhen() {
    forAll(
        13,
        random -> {
          List<Map<String, Answer>> team = team(random, false);
          long shuffleSeed = random.nextLong();
          List<Map<String, Answer>> otherOrder = new ArrayList<>(team);
          Collections.shuffle(otherOrder, new Random(random.nextLong()));
          List<Integer> otherNumbers = new ArrayList<>(inOrder(team.size()));
          Collections.shuffle(otherNumbers, new Random(random.nextLong()));

          RoundResult first =
              answered(team, inOrder(team.size()), 3)
                  .close(new SplittableRandom(shuffleSeed))
                  .result();
          RoundResult second =
              answered(otherOrder, otherNumbers, 3)
                  .close(new SplittableRandom(shuffleSeed))
                  .result();

          assertThat(second.questions()).isEqualTo(first.questions());
        });
  }

  @Test
  void openAnswersKeepEveryShownTextExactlyOnce() {
    forAll(
        14,
        random -> {
          List<Map<String, Answer>> team = team(random, true);
          RoundResult result = closed(team, 3, random);

          for (Question q : QUESTIONS) {
            if (q.type() != AnswerType.OPEN) {
              continue;
            }
            List<String> given = new ArrayList<>();
            team.stream()
                .map(a -> a.get(q.id()))
                .filter(a -> a != null)
                .forEach(a -> given.add(a.value()));
            List<String> shown =
                result.of(q.id()).get().open().stream().map(OpenAnswer::text).toList();
            List<String> remaining = new ArrayList<>(given);
            shown.forEach(text -> assertThat(remaining.remove(text)).isTrue());
          }
        });
  }

  @Test
  void aThresholdBelowThreeIsRefused() {
    for (int threshold = -5; threshold < 3; threshold++) {
      int t = threshold;
      assertThatThrownBy(() -> new Anonymity(t)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSparklineHasOneCharacterPerRoundAndRisesWithTheScore() {
    forAll(
        15,
        random -> {
          List<Double> scores = new ArrayList<>();
          int rounds = random.nextInt(21);
          for (int i = 0; i < rounds; i++) {
            scores.add(1 + 4 * random.nextDouble());
          }
          String line = Sparkline.of(scores.stream().map(OptionalDouble::of).toList());

          assertThat(line).hasSize(scores.size());
          for (int i = 0; i < scores.size(); i++) {
            for (int j = 0; j < scores.size(); j++) {
              if (scores.get(i) < scores.get(j)) {
                assertThat(Sparkline.LEVELS.indexOf(line.charAt(i)))
                    .isLessThanOrEqualTo(Sparkline.LEVELS.indexOf(line.charAt(j)));
              }
            }
          }
        });
  }
}
