package kring.core.partners;

/**
 * The role catalogue that ships with Kring; each role has a one-line description in the texts
 * ({@code role.<NAME>.name} and {@code role.<NAME>.about}).
 */
public enum Role {
  TEACHER(Sector.EDUCATION),
  CARE_COORDINATOR(Sector.EDUCATION),
  PUPIL_COUNSELLOR(Sector.EDUCATION),
  LEARNING_SUPPORT(Sector.EDUCATION),
  HOSPITAL_SCHOOL_TEACHER(Sector.EDUCATION),
  CLB(Sector.CLB),
  NAFT_COACH(Sector.YOUTH_CARE),
  ONE_FAMILY_ONE_PLAN(Sector.YOUTH_CARE),
  BRIDGE_FIGURE(Sector.YOUTH_CARE),
  CRISIS_WORKER(Sector.YOUTH_CARE),
  PARENTING_CONSULTANT(Sector.YOUTH_CARE),
  PUPIL(Sector.FAMILY),
  PARENT(Sector.FAMILY),
  OTHER(null);

  private final Sector usualSector;

  Role(Sector usualSector) {
    this.usualSector = usualSector;
  }

  /** The sector this role usually belongs to, or null when it depends on the person. */
  public Sector usualSector() {
    return usualSector;
  }

  /** The text key of the role's short name. */
  public String nameKey() {
    return "role." + name() + ".name";
  }

  /** The text key of the role's one-line description. */
  public String aboutKey() {
    return "role." + name() + ".about";
  }
}
