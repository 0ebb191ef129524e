package kring.core.agreement;

/**
 * The pupil's and the parents' view on the goal, or the honest note that nobody asked yet.
 *
 * @param asked whether the pupil or parents were asked
 * @param pupil what the pupil wants, or empty
 * @param parents what the parents want, or empty
 */
public record Perspective(boolean asked, String pupil, String parents) {

  public static final Perspective NOT_YET_ASKED = new Perspective(false, "", "");

  public Perspective {
    pupil = pupil == null ? "" : pupil;
    parents = parents == null ? "" : parents;
    if (!asked && (!pupil.isEmpty() || !parents.isEmpty())) {
      throw new IllegalArgumentException("A perspective that was not asked has no content");
    }
  }
}
