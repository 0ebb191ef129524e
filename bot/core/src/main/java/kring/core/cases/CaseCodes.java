package kring.core.cases;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** Generates fresh case codes; random, so that a code says nothing about the pupil or the date. */
public final class CaseCodes {

  private final RandomGenerator random;

  public CaseCodes(RandomGenerator random) {
    this.random = random;
  }

  public static CaseCodes secure() {
    return new CaseCodes(new SecureRandom());
  }

  public CaseCode next() {
    StringBuilder code = new StringBuilder("K-");
    for (int i = 0; i < 4; i++) {
      code.append(CaseCode.ALPHABET.charAt(random.nextInt(CaseCode.ALPHABET.length())));
    }
    return new CaseCode(code.toString());
  }
}
