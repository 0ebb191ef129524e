package kring.core.conversation.family;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.consent.InfoKind;

/**
 * Where the private links of represented people are kept: only the hashes of their token and short
 * code, which person of which case they belong to, until when, and which kinds of information the
 * partners ask consent for; and a represented person's answers until their representative shares
 * them. One link per person: a new one replaces the earlier.
 */
public interface FamilyLinks {

  /**
   * A link as kept.
   *
   * @param code the case
   * @param seq the represented person's number in it
   * @param bySeq the partner who represents them and asked for the link: it works only while they
   *     still do, since the person was told that they read the answers first
   * @param tokenHash the hash of the link's token
   * @param expires when it stops working
   * @param asked the kinds of information the partners ask consent for, perhaps none
   */
  record Link(
      CaseCode code, int seq, int bySeq, String tokenHash, Instant expires, List<InfoKind> asked) {
    public Link {
      asked = List.copyOf(asked);
    }
  }

  /** Keeps a new link, found by either hash until it expires, and forgets the person's earlier. */
  void keep(Link link, String shortCodeHash);

  /** Forgets the person's link; whether there was one. */
  boolean revoke(CaseCode code, int seq);

  /**
   * The link a hash (of a token or a short code) belongs to, while it is the person's current one
   * and has not expired.
   */
  Optional<Link> find(String hash, Instant now);

  /** Keeps a person's answers until {@code until}, replacing earlier ones. */
  void keepAnswers(CaseCode code, int seq, String answers, Instant until);

  /** The person's answers that wait for their representative, if any. */
  Optional<String> answers(CaseCode code, int seq);

  /** Forgets the person's answers once shared. */
  void dropAnswers(CaseCode code, int seq);

  /** Forgets the person's link and their answers that still wait: they left the case. */
  default void forget(CaseCode code, int seq) {
    revoke(code, seq);
    dropAnswers(code, seq);
  }
}
