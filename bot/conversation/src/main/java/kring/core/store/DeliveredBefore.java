package kring.core.store;

import kring.core.cases.CaseCode;

/**
 * A turn was not committed because its case already committed a turn of the same platform delivery:
 * the platform delivered it again (a retry after a node died, a redelivery), and what the first one
 * did, with its messages, is stored. The second one does nothing.
 */
public final class DeliveredBefore extends RuntimeException {

  public DeliveredBefore(CaseCode code) {
    super("Case " + code.value() + " already committed this delivery's turn");
  }
}
