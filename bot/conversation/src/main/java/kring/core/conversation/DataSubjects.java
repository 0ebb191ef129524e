package kring.core.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kring.core.agreement.Agreement;
import kring.core.agreement.Task;
import kring.core.cases.AuditEntry;
import kring.core.cases.Case;
import kring.core.cases.Cases;
import kring.core.consent.ConsentRecord;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.partners.Handover;
import kring.core.partners.Partner;
import kring.core.privacy.Erasure;
import kring.core.reply.Reply;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;
import kring.core.updates.UpdateMark;
import kring.scheduler.calendar.WorkingHours;

/**
 * The operator's answer to a data-subject request about one person: everything Kring holds about
 * them, or forgetting them in every case. The operator acts on a case only to execute such a
 * request, and every partner of the case is told.
 */
public final class DataSubjects {

  private final Cases cases;
  private final People people;
  private final Outbox outbox;
  private final Erasure erasure;
  private final Clock clock;
  private final Commits commits;

  private final Cards cards;

  /**
   * @param store commits a person's erasure from a case with what the case's channel is told
   * @param schedule plans the case anew in the same commit (the coordinator may have changed)
   */
  public DataSubjects(
      Cases cases,
      People people,
      Outbox outbox,
      Erasure erasure,
      Clock clock,
      CaseStore store,
      Schedule schedule) {
    this.commits = new Commits(cases, store, schedule::plan);
    this.cards = new Cards(clock.getZone());
    this.cases = cases;
    this.people = people;
    this.outbox = outbox;
    this.erasure = erasure;
    this.clock = clock;
  }

  /**
   * What Kring holds about a person.
   *
   * @param person their account
   * @param language the language they chose, or null
   * @param hours the working hours they set, or null
   * @param cases what each case they are in holds about them
   */
  public record PersonData(
      String person, Language language, WorkingHours hours, List<CaseData> cases) {}

  /**
   * What one case holds about the person, wherever it names them.
   *
   * @param code the case
   * @param partner their newest entry as a partner (also after they left), or null while they wait
   *     to be accepted
   * @param earlierEntries their entries from earlier times they were in the case and left
   * @param joinRequest whether they asked to join and wait
   * @param represents the people without an account they speak for, with the view recorded
   * @param tasks what the agreement versions say they do and need, by version
   * @param confirmedVersions the agreement versions they confirmed
   * @param handovers the handover notes they wrote when they left
   * @param consentRecords the consent records they recorded or withdrew, or that name them
   * @param updates when they gave news or said there was nothing new
   * @param audit the audit lines of their own actions and those that name their number
   */
  public record CaseData(
      String code,
      Partner partner,
      List<Partner> earlierEntries,
      boolean joinRequest,
      List<Partner> represents,
      List<String> tasks,
      List<Integer> confirmedVersions,
      List<Handover> handovers,
      List<ConsentRecord> consentRecords,
      List<UpdateMark> updates,
      List<AuditEntry> audit) {}

  /** Everything the cases and the person's own record hold about them. */
  public PersonData export(UserRef person) {
    List<CaseData> found = new ArrayList<>();
    for (Case c : cases.findNaming(person)) {
      found.add(caseData(c, person));
    }
    return new PersonData(
        person.key(),
        people.language(person).orElse(null),
        people.workingHours(person).orElse(null),
        found);
  }

  private static CaseData caseData(Case c, UserRef person) {
    List<Partner> entries = c.partners().stream().filter(p -> p.is(person)).toList();
    Set<Integer> seqs = entries.stream().map(Partner::seq).collect(Collectors.toSet());
    Set<String> handles = entries.stream().map(Partner::handle).collect(Collectors.toSet());
    List<String> tasks = new ArrayList<>();
    List<Integer> confirmed = new ArrayList<>();
    for (Agreement a : c.agreements().versions()) {
      for (Task t : a.tasks()) {
        if (seqs.contains(t.partnerSeq())) {
          tasks.add("v" + a.version() + ": " + t.does() + " / " + t.needs());
        }
      }
      if (seqs.stream().anyMatch(a::confirmedBy)) {
        confirmed.add(a.version());
      }
    }
    return new CaseData(
        c.code().value(),
        entries.isEmpty() ? null : entries.get(entries.size() - 1),
        entries.isEmpty() ? List.of() : entries.subList(0, entries.size() - 1),
        c.team().joinRequest(person).isPresent(),
        c.partners().stream().filter(p -> person.equals(p.representedBy())).toList(),
        tasks,
        confirmed,
        c.activity().handovers().stream().filter(h -> seqs.contains(h.fromSeq())).toList(),
        c.consents().records().stream()
            .filter(
                r ->
                    seqs.contains(r.recordedBySeq())
                        || (r.withdrawn() && seqs.contains(r.withdrawal().bySeq()))
                        || r.terms().towardsPartners().stream().anyMatch(seqs::contains))
            .toList(),
        c.activity().updates().stream().filter(u -> seqs.contains(u.partnerSeq())).toList(),
        c.audit().stream()
            .filter(
                e -> seqs.contains(e.actorSeq()) || e.args().stream().anyMatch(handles::contains))
            .toList());
  }

  /**
   * Forgets the person in every case that names them (also those they left), as their own "forget
   * me" would, and tells each case's channel that the operator did so at a data-protection request.
   *
   * @return how many cases they were taken out of
   */
  public int erase(UserRef person) {
    Instant now = clock.instant();
    List<Case> theirs = cases.findNaming(person);
    for (Case c : theirs) {
      commits.change(
          c.code(),
          stored -> {
            Case after = stored.forget(person, now);
            List<OutboundMessage> told = new ArrayList<>();
            told.add(
                OutboundMessage.inChannel(
                    after.channel(),
                    Reply.text(
                        Texts.get(after.language(), "operator.forgot", after.code().value())),
                    after.code(),
                    now));
            Cards.coordinatorNotice(cards, stored, after)
                .ifPresent(
                    n ->
                        told.add(
                            OutboundMessage.inChannel(
                                after.channel(), Reply.text(n), after.code(), now)));
            return new Change(after, told);
          });
      erasure.forget(c.code(), person, now, false);
    }
    erasure.forgetPerson(person);
    return theirs.size();
  }
}
