package kring.core.conversation.family;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the family's page asks of Kring: what to show for a link, and the answers given. */
public interface FamilyDesk {

  /** The page a link (or short code) opens, while it works and its case is open. */
  Optional<FamilyPage> page(String token);

  /**
   * The answers given on a link's page, and the consents, by question id, given with the wording
   * the person saw; whether they were taken (false: the link no longer works).
   */
  default boolean answer(String token, FamilyAnswers answers, Map<String, String> consentWordings) {
    return answer(token, answers, consentWordings, Set.of());
  }

  /**
   * As {@link #answer(String, FamilyAnswers, Map)}, with the ids of the questions the person said
   * no to: a consent they gave before on such a question is withdrawn.
   */
  boolean answer(
      String token, FamilyAnswers answers, Map<String, String> consentWordings, Set<String> noes);
}
