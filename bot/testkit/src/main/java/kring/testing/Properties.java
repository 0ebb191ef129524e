package kring.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Property-based checks without a framework: a property runs against many inputs drawn from a
 * seeded generator, and a failure names the seed of its try so that it can be replayed exactly with
 * {@link #replay}.
 */
public final class Properties {

  /** Enough tries to meet the awkward inputs (empty teams, one answer short of a threshold). */
  public static final int TRIES = 500;

  private Properties() {}

  /**
   * Runs {@code property} {@link #TRIES} times, each with a generator of its own seed derived from
   * {@code seed}, so a run is the same every time and every try can be replayed on its own.
   */
  public static void forAll(long seed, Consumer<SplittableRandom> property) {
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int attempt = 0; attempt < TRIES; attempt++) {
      long trySeed = seeds.nextLong();
      try {
        property.accept(new SplittableRandom(trySeed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "Property failed on try " + attempt + "; replay with seed " + trySeed, e);
      }
    }
  }

  /** Runs one try of a property again, with the seed a failure named. */
  public static void replay(long trySeed, Consumer<SplittableRandom> property) {
    property.accept(new SplittableRandom(trySeed));
  }
}
