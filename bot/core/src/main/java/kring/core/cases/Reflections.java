package kring.core.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.Improvement;
import kring.core.reflection.PartnerAnswers;
import kring.core.reflection.Question;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;

/**
 * The reflection rounds of a case, oldest first: at most {@link #KEPT}, at most one open. Only an
 * open round holds attributed answers; a closed one holds its anonymous result.
 *
 * @param rounds the rounds, oldest first
 */
public record Reflections(List<ReflectionRound> rounds) {

  /** How many reflection rounds a case keeps for its trend; older ones drop off. */
  public static final int KEPT = 20;

  static final Reflections NONE = new Reflections(List.of());

  public Reflections {
    rounds = rounds == null ? List.of() : List.copyOf(rounds);
    if (rounds.size() > KEPT) {
      throw new IllegalArgumentException("A case keeps at most " + KEPT + " rounds");
    }
    if (rounds.stream().filter(ReflectionRound::isOpen).count() > 1) {
      throw new IllegalArgumentException("A case has at most one open reflection round");
    }
  }

  /** The round that is open for answers, if any. */
  public Optional<ReflectionRound> open() {
    return rounds.stream().filter(ReflectionRound::isOpen).findFirst();
  }

  public Optional<ReflectionRound> round(int number) {
    return rounds.stream().filter(r -> r.number() == number).findFirst();
  }

  /** The round with this number, or a refusal. */
  ReflectionRound existing(int number) {
    return round(number).orElseThrow(() -> new Refusal(RefusalReason.REFLECTION_NO_ROUND));
  }

  /** The closed rounds, oldest first: the trend of every summary. */
  public List<ReflectionRound> closed() {
    return rounds.stream().filter(r -> !r.isOpen()).toList();
  }

  /** Whether the final evaluation is open. */
  boolean finalOpen() {
    return open().filter(r -> r.kind() == RoundKind.FINAL).isPresent();
  }

  /**
   * A new round for {@code invited}, opening at {@code opensAt} (now, or after a school holiday it
   * would otherwise run into). Refused while another round is open, and with fewer partners than
   * the anonymity threshold, where no answer could be shown without giving away who gave it.
   *
   * @param startedBy who asked for it, or 0 when the case's rhythm did
   */
  Reflections opened(
      int startedBy,
      RoundKind kind,
      List<Question> questions,
      Anonymity anonymity,
      List<Integer> invited,
      Instant opensAt,
      Instant closesAt,
      Instant now) {
    Optional<ReflectionRound> open = open();
    if (open.isPresent()) {
      throw new Refusal(RefusalReason.REFLECTION_ALREADY_OPEN, open.get().number());
    }
    if (!anonymity.allows(invited.size())) {
      throw new Refusal(RefusalReason.REFLECTION_TOO_FEW, invited.size(), anonymity.threshold());
    }
    Instant opens = opensAt.isAfter(now) ? opensAt : now;
    if (!closesAt.isAfter(opens)) {
      throw new Refusal(RefusalReason.REFLECTION_DEADLINE_PAST);
    }
    // A round that opens later asks its partners through their own prompts (see ReflectionRound).
    int asker = opens.equals(now) ? startedBy : 0;
    ReflectionRound round =
        ReflectionRound.open(
            newest() + 1, kind, asker, opens, closesAt, anonymity, questions, invited);
    List<ReflectionRound> more = new ArrayList<>(rounds);
    more.add(round);
    return new Reflections(
        more.size() > KEPT ? more.subList(more.size() - KEPT, more.size()) : more);
  }

  /** The highest round number given out, or 0. */
  int newest() {
    return rounds.stream().mapToInt(ReflectionRound::number).max().orElse(0);
  }

  /**
   * A partner's answers to an open round, replacing earlier ones; the same answers twice change
   * nothing.
   */
  Reflections answered(int seq, int number, Map<String, Answer> answers, Instant now) {
    ReflectionRound round = existing(number);
    if (round.opensAfter(now)) {
      throw new Refusal(RefusalReason.REFLECTION_NOT_OPEN_YET, number);
    }
    if (!round.acceptsAnswersAt(now)) {
      throw new Refusal(RefusalReason.REFLECTION_CLOSED, number);
    }
    if (!round.invites(seq)) {
      throw new Refusal(RefusalReason.REFLECTION_NOT_INVITED);
    }
    Optional<PartnerAnswers> before = round.answersOf(seq);
    if (before.isPresent() && before.get().answers().equals(answers)) {
      return this;
    }
    try {
      return replaced(round.withAnswers(new PartnerAnswers(seq, now, answers)));
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
  }

  /** A closed round with the improvements the partners agreed after it, held by {@code version}. */
  Reflections improved(int number, List<String> texts, int version) {
    try {
      return replaced(
          existing(number)
              .withImprovements(
                  texts.stream().map(text -> new Improvement(text, version)).toList()));
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
  }

  /** These rounds with {@code round} in the place of the one with its number. */
  Reflections replaced(ReflectionRound round) {
    return new Reflections(
        rounds.stream().map(r -> r.number() == round.number() ? round : r).toList());
  }

  /** These rounds without one that never opened: nobody was asked. */
  Reflections withdrawn(int number) {
    return new Reflections(rounds.stream().filter(r -> r.number() != number).toList());
  }

  /** These rounds without the answers of the partners {@code seqs} in the open one. */
  Reflections without(Set<Integer> seqs) {
    List<ReflectionRound> kept = rounds;
    for (int seq : seqs) {
      kept = kept.stream().map(r -> r.isOpen() ? r.without(seq) : r).toList();
    }
    return new Reflections(kept);
  }
}
