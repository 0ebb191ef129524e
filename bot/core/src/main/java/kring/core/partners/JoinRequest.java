package kring.core.partners;

import java.time.Instant;
import kring.core.identity.UserRef;

/**
 * A channel member's request to join a case, waiting for the coordinator or backup.
 *
 * @param user who asks
 * @param displayName the name they gave
 * @param organisation their organisation, or null
 * @param sector their sector
 * @param role their role from the catalogue
 * @param informedOnly whether they only want to stay informed
 * @param at when they asked
 */
public record JoinRequest(
    UserRef user,
    String displayName,
    String organisation,
    Sector sector,
    Role role,
    boolean informedOnly,
    Instant at) {

  public JoinRequest {
    if (user == null || displayName == null || sector == null || role == null || at == null) {
      throw new IllegalArgumentException(
          "A join request needs a person, a name, a sector and a role");
    }
  }

  /** Whether another request says the same, whenever it was made (a form sent twice). */
  public boolean sameAs(JoinRequest other) {
    return user.equals(other.user)
        && displayName.equals(other.displayName)
        && java.util.Objects.equals(organisation, other.organisation)
        && sector == other.sector
        && role == other.role
        && informedOnly == other.informedOnly;
  }
}
