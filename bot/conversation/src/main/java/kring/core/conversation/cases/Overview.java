package kring.core.conversation.cases;

import java.util.Comparator;
import java.util.List;
import kring.core.agreement.Agreement;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.conversation.Cards;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.partners.CaseRole;
import kring.core.partners.Partner;
import kring.core.reply.Reply;

/** A person's own overview of their cases and what is waiting for them; shown only to them. */
public final class Overview {

  private final Cases cases;
  private final People people;
  private final Cards cards;

  public Overview(Cases cases, People people, Cards cards) {
    this.cases = cases;
    this.people = people;
    this.cards = cards;
  }

  public Reply of(UserRef person) {
    return of(person, people.language(person).orElse(Language.NL));
  }

  /** The overview, in the language the person chose, as read already (Dutch when none). */
  public Reply of(UserRef person, Language lang) {
    return of(person, lang, cases.findByPerson(person));
  }

  /**
   * The overview, in the language the person chose, of their cases as read already ({@link
   * Cases#findByPerson}).
   */
  public Reply of(UserRef person, Language lang, List<Case> theirs) {
    List<Case> mine =
        theirs.stream()
            .filter(c -> c.status() != CaseStatus.CLOSED)
            .sorted(Comparator.comparing(c -> c.code().value()))
            .toList();
    Reply.Builder overview = Reply.builder().heading(Texts.get(lang, "overview.title"));
    if (mine.isEmpty()) {
      return overview.text(Texts.get(lang, "overview.none")).build();
    }
    int waiting = 0;
    for (Case c : mine) {
      String what = waitingFor(c, person, lang);
      if (!what.isEmpty()) {
        waiting++;
      }
      overview.field(
          cards.title(c) + " — " + Texts.get(lang, "status." + Cards.key(c.status())),
          what.isEmpty() ? Texts.get(lang, "overview.nothing-waiting") : what);
    }
    overview.note(Texts.get(lang, "overview.count", mine.size(), waiting));
    return overview.build();
  }

  /** What this person could do now in this case, in one line, or empty. */
  private String waitingFor(Case c, UserRef person, Language lang) {
    if (c.partner(person).isEmpty()) {
      return Texts.get(lang, "overview.join-pending");
    }
    Partner me = c.partner(person).get();
    StringBuilder what = new StringBuilder();
    if (!me.introduced()) {
      what.append(Texts.get(lang, "overview.introduce")).append('\n');
    }
    if (me.confirms()) {
      c.currentAgreement()
          .filter(a -> !a.confirmedBy(me.seq()))
          .map(Agreement::version)
          .ifPresent(v -> what.append(Texts.get(lang, "overview.confirm", v)).append('\n'));
    }
    CaseRole role = c.roleOf(person);
    if ((role == CaseRole.COORDINATOR || role == CaseRole.BACKUP)
        && !c.team().joinRequests().isEmpty()) {
      what.append(Texts.get(lang, "overview.join-requests", c.team().joinRequests().size()))
          .append('\n');
    }
    return what.toString().strip();
  }
}
