package kring.core.conversation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import kring.core.agreement.Agreement;
import kring.core.agreement.Task;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Transition;
import kring.core.cases.TransitionKind;
import kring.core.consent.ConsentRecord;
import kring.core.consent.ConsentTerms;
import kring.core.consent.InfoKind;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Voice;
import kring.core.reply.Reply;
import kring.core.updates.SharingGround;
import kring.scheduler.planning.RoundWindow;

/** Builds the replies that show a case: the who-does-what card, an agreement, the audit trail. */
public final class Cards {

  private final ZoneId zone;

  public Cards(ZoneId zone) {
    this.zone = zone;
  }

  /** The time zone every time Kring shows is in. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The case card: status, coordination, whether consent is recorded and, per partner, role and
   * tasks. Private only.
   */
  public Reply caseCard(Case c, Language lang, Instant now) {
    Reply.Builder card = Reply.builder().heading(Texts.get(lang, "card.title", title(c)));
    card.field(Texts.get(lang, "card.status"), statusWord(c, lang));
    if (c.closing()) {
      card.field(
          Texts.get(lang, "card.closing"),
          Texts.get(
              lang, "card.closing-until", date(c.openReflection().orElseThrow().closesAt(), lang)));
    }
    card.field(
        Texts.get(lang, "card.level"), Texts.get(lang, "level." + key(c.agreements().level())));
    card.field(
        Texts.get(lang, "card.coordinator"),
        c.coordinator().map(p -> name(p, lang)).orElse(Texts.get(lang, "card.nobody")));
    c.backup().ifPresent(b -> card.field(Texts.get(lang, "card.backup"), name(b, lang)));
    Optional<Agreement> shown = c.agreements().agreed().or(c::currentAgreement);
    shown
        .filter(a -> !a.goal().isBlank())
        .ifPresent(a -> card.field(Texts.get(lang, "card.goal"), a.goal()));
    int kinds = c.consents().kindsCovered(today(now)).size();
    card.field(
        Texts.get(lang, "card.consent"),
        kinds == 0
            ? Texts.get(lang, "consent.status.missing")
            : Texts.get(lang, "card.consent-recorded", kinds));
    card.heading(Texts.get(lang, "card.who-does-what"));
    for (Partner p : c.partners()) {
      Optional<Task> task = shown.flatMap(a -> a.taskOf(p.seq()));
      if (p.active() && p.membership() == Membership.REPRESENTED) {
        // With their number: recording their view ("voice P6") names them by it.
        card.field(p.handle() + " " + name(p, lang), voiceLine(c, p, lang));
      } else if (p.active()) {
        card.field(name(p, lang), partnerLine(p, task, lang));
      } else if (task.isPresent()) {
        // The role split shows the gap someone left until a new version fills it.
        card.field(
            Texts.get(lang, "card.vacant", name(p, lang), date(p.leftAt(), lang)),
            taskLine(task.get(), lang));
      }
    }
    improvements(c, lang, card);
    List<Transition> ahead = c.settings().upcomingTransitions(today(now));
    if (!ahead.isEmpty()) {
      card.field(
          Texts.get(lang, "card.transitions"),
          String.join("\n", ahead.stream().map(t -> transition(t, lang)).toList()));
    }
    if (shown.isEmpty()) {
      card.note(Texts.get(lang, "card.no-agreement"));
    } else if (c.agreements().agreed().isEmpty()) {
      card.note(Texts.get(lang, "card.not-agreed", shown.get().version()));
    }
    // The card is also sent privately, so the button names the case.
    card.button(
        Texts.get(lang, "button.introduce"),
        Actions.OPEN_FORM,
        Forms.INTRODUCE + " " + c.code().value());
    return card.build();
  }

  /**
   * The improvements the partners agreed, as the agreed version lists them, and those a newer
   * version proposes while it waits for confirmation.
   */
  private void improvements(Case c, Language lang, Reply.Builder card) {
    List<String> agreed = c.agreements().agreed().map(Agreement::improvements).orElse(List.of());
    if (!agreed.isEmpty()) {
      card.field(Texts.get(lang, "card.improvements"), bullets(agreed));
    }
    c.currentAgreement()
        .filter(
            a -> a.version() != c.agreements().agreedVersion() && !a.improvements().equals(agreed))
        .filter(a -> !a.improvements().isEmpty())
        .ifPresent(
            a ->
                card.field(
                    Texts.get(lang, "card.improvements-proposed", a.version()),
                    bullets(a.improvements())));
  }

  /** A known transition as people read it: "exams on Mon 15 Jun 2026". */
  public String transition(Transition t, Language lang) {
    String what =
        t.kind() == TransitionKind.OTHER ? t.label() : Texts.get(lang, t.kind().nameKey());
    return Texts.get(lang, "transition.item", what, day(t.on(), lang));
  }

  private static String bullets(List<String> lines) {
    return String.join("\n", lines.stream().map(line -> "• " + line).toList());
  }

  /** One agreement version in full, with a confirm button for a partner who has not confirmed. */
  public Reply agreement(Case c, Agreement a, Language lang, Optional<Partner> viewer) {
    Reply.Builder view =
        Reply.builder().heading(Texts.get(lang, "agreement.title", a.version(), title(c)));
    view.note(
        Texts.get(
            lang,
            "agreement.proposed-by",
            c.partner(a.proposedBySeq()).map(p -> p.displayName()).orElse("?"),
            date(a.proposedAt(), lang)));
    view.field(Texts.get(lang, "agreement.goal"), orDash(a.goal(), lang));
    if (a.perspective().asked()) {
      view.field(Texts.get(lang, "agreement.pupil"), orDash(a.perspective().pupil(), lang));
      view.field(Texts.get(lang, "agreement.parents"), orDash(a.perspective().parents(), lang));
    } else {
      view.field(
          Texts.get(lang, "agreement.perspective"), Texts.get(lang, "agreement.not-yet-asked"));
    }
    view.field(Texts.get(lang, "card.coordinator"), seqName(c, a.coordinatorSeq(), lang));
    if (a.backupSeq() > 0) {
      view.field(Texts.get(lang, "card.backup"), seqName(c, a.backupSeq(), lang));
    }
    view.field(
        Texts.get(lang, "agreement.answer-time"),
        Texts.get(lang, "agreement.school-days", a.communication().answerWithinSchoolDays()));
    if (!a.communication().urgentContact().isBlank()) {
      view.field(Texts.get(lang, "agreement.urgent"), a.communication().urgentContact());
    }
    if (!a.communication().meetingRhythm().isBlank()) {
      view.field(Texts.get(lang, "agreement.meetings"), a.communication().meetingRhythm());
    }
    view.field(
        Texts.get(lang, "agreement.evaluation"),
        Texts.get(
            lang,
            "agreement.rhythm",
            Texts.get(lang, "level." + key(a.evaluation().level())),
            a.evaluation().checkInWeeks(),
            a.evaluation().reflectionWeeks()));
    if (!a.improvements().isEmpty()) {
      view.field(Texts.get(lang, "agreement.improvements"), bullets(a.improvements()));
    }
    view.heading(Texts.get(lang, "agreement.role-split"));
    if (a.tasks().isEmpty()) {
      view.note(Texts.get(lang, "agreement.no-tasks"));
    }
    for (Task task : a.tasks()) {
      view.field(seqName(c, task.partnerSeq(), lang), taskLine(task, lang));
    }
    long confirmed = c.confirmingPartners().stream().filter(p -> a.confirmedBy(p.seq())).count();
    view.note(
        Texts.get(lang, "agreement.confirmed-count", confirmed, c.confirmingPartners().size()));
    if (!a.complete()) {
      view.warning(Texts.get(lang, "agreement.incomplete", missing(a, lang)));
    }
    boolean canConfirm =
        a.version() == c.agreements().currentVersion()
            && viewer.filter(Partner::confirms).filter(p -> !a.confirmedBy(p.seq())).isPresent();
    if (canConfirm) {
      view.primary(
          Texts.get(lang, "button.confirm", a.version()),
          Actions.CONFIRM,
          c.code().value() + ":" + a.version());
    }
    // Also read in a private chat with Kring, from a reminder: the buttons name their case.
    String code = " " + c.code().value();
    view.button(Texts.get(lang, "button.edit-goal"), Actions.OPEN_FORM, Forms.GOAL + code);
    view.button(Texts.get(lang, "button.edit-roles"), Actions.OPEN_FORM, Forms.ROLES + code);
    return view.build();
  }

  /**
   * The consent register, for a partner's eyes only: every record with what it covers, and a
   * withdraw button on those in force for a partner who may change it.
   */
  public Reply consents(Case c, Language lang, Instant now, boolean mayChange) {
    Reply.Builder view = Reply.builder().heading(Texts.get(lang, "consent.list.title", title(c)));
    view.note(Texts.get(lang, "consent.list.intro"));
    LocalDate today = today(now);
    if (c.consents().records().isEmpty()) {
      view.text(Texts.get(lang, "consent.list.none"));
    }
    for (ConsentRecord r : c.consents().records()) {
      view.field(consentHeading(r, lang), consentLines(c, r, today, lang));
    }
    if (mayChange) {
      for (ConsentRecord r : c.consents().inForce(today)) {
        view.button(
            Texts.get(lang, "button.consent-withdraw", r.number()),
            Actions.CONSENT_WITHDRAW,
            c.code().value() + ":" + r.number());
      }
      view.primary(
          Texts.get(lang, "button.consent-record"),
          Actions.OPEN_FORM,
          Forms.CONSENT + " " + c.code().value());
    }
    return view.build();
  }

  /** "#2 — the parents · consent (decree)". */
  public String consentHeading(ConsentRecord r, Language lang) {
    ConsentTerms t = r.terms();
    String basis = Texts.get(lang, "consent.basis." + key(t.basis()));
    if (!t.basisLabel().isBlank()) {
      basis += " (" + t.basisLabel() + ")";
    }
    return "#"
        + r.number()
        + " — "
        + Texts.get(lang, "consent.given-by." + key(t.givenBy()))
        + " · "
        + basis;
  }

  /**
   * A partner a consent record names: by name while they take part, marked when they left, and only
   * by number once they were forgotten. The number was never given to anyone else, so the record
   * stays with that one person.
   */
  private String recipient(Case c, int seq, Language lang) {
    return c.partner(seq)
        .filter(p -> !p.forgotten())
        .map(
            p ->
                p.active()
                    ? p.handle() + " " + p.displayName()
                    : Texts.get(lang, "consent.towards-left", p.handle(), p.displayName()))
        .orElseGet(() -> Texts.get(lang, "consent.towards-former", "P" + seq));
  }

  /**
   * What a version still lacks to make a case active, named: "een taakverdeling en een
   * regiehouder".
   */
  public static String missing(Agreement a, Language lang) {
    return Texts.list(
        lang, a.missing().stream().map(part -> Texts.get(lang, part.textKey())).toList());
  }

  /** What a consent record covers, line by line, and whether it still holds. */
  public String consentLines(Case c, ConsentRecord r, LocalDate today, Language lang) {
    ConsentTerms t = r.terms();
    List<String> towards = new ArrayList<>();
    t.towardsPartners().forEach(seq -> towards.add(recipient(c, seq, lang)));
    t.towardsRoles()
        .forEach(
            role ->
                towards.add(
                    Texts.get(lang, "consent.towards-role", Texts.get(lang, role.nameKey()))));
    String status;
    if (r.withdrawn()) {
      status =
          Texts.get(
              lang,
              "consent.list.withdrawn",
              seqName(c, r.withdrawal().bySeq(), lang),
              date(r.withdrawal().at(), lang));
    } else if (!r.inForce(today)) {
      status = Texts.get(lang, "consent.list.ended");
    } else {
      status = Texts.get(lang, "consent.list.in-force");
    }
    return String.join(
        "\n",
        Texts.get(
            lang,
            "consent.list.kinds",
            String.join(", ", t.kinds().stream().map(k -> Texts.get(lang, k.nameKey())).toList())),
        Texts.get(lang, "consent.list.towards", String.join(", ", towards)),
        Texts.get(lang, "consent.list.purpose", t.purpose()),
        t.validUntil() == null
            ? Texts.get(lang, "consent.list.dates-no-end", day(t.informedOn(), lang))
            : Texts.get(
                lang, "consent.list.dates", day(t.informedOn(), lang), day(t.validUntil(), lang)),
        Texts.get(
            lang,
            "consent.list.recorded",
            seqName(c, r.recordedBySeq(), lang),
            date(r.recordedAt(), lang)),
        status);
  }

  /** The newest lines of the audit trail. */
  public Reply log(Case c, Language lang, int lines) {
    Reply.Builder log = Reply.builder().heading(Texts.get(lang, "log.title", title(c)));
    var audit = c.audit();
    for (int i = audit.size() - 1; i >= Math.max(0, audit.size() - lines); i--) {
      AuditEntry entry = audit.get(i);
      log.field(date(entry.at(), lang), auditLine(c, entry, lang));
    }
    return log.build();
  }

  /** One audit line in words: who did what. */
  public String auditLine(Case c, AuditEntry entry, Language lang) {
    String who =
        entry.actorSeq() == 0
            ? "Kring"
            : c.partner(entry.actorSeq()).map(Partner::displayName).orElse("P" + entry.actorSeq());
    return who + ": " + auditWhat(entry, lang);
  }

  /** What an audit line says happened, in words, without who did it. */
  public String auditWhat(AuditEntry entry, Language lang) {
    List<AuditEvent.Value> kinds = entry.event().args();
    Object[] values = new Object[entry.args().size()];
    for (int i = 0; i < values.length; i++) {
      String value = entry.args().get(i);
      values[i] = i < kinds.size() ? inWords(kinds.get(i), value, lang) : value;
    }
    return Texts.get(lang, entry.event().textKey(), values);
  }

  /**
   * A value of an audit line as its reader says it: a role, a transition, a kind of information or
   * a ground by its name; a count as a number, for the texts' plural forms.
   */
  private static Object inWords(AuditEvent.Value kind, String value, Language lang) {
    try {
      return switch (kind) {
        case ROLE -> Texts.get(lang, Role.valueOf(value).nameKey());
        case TRANSITION -> Texts.get(lang, TransitionKind.valueOf(value).nameKey());
        case INFO_KIND -> Texts.get(lang, InfoKind.valueOf(value).nameKey());
        case GROUND -> Texts.get(lang, "audit.ground." + key(SharingGround.valueOf(value)));
        case HANDLES -> value.replace(",", ", ");
        case NUMBER -> value.matches("\\d{1,9}") ? Integer.valueOf(value) : value;
        case PLAIN, HANDLE -> value;
      };
    } catch (IllegalArgumentException unknown) {
      return value;
    }
  }

  /**
   * A partner as the export names them: their number and role in words ("P2, zorgcoördinator"), or
   * their number alone when the case no longer knows it.
   */
  public String numberAndRole(Case c, int seq, Language lang) {
    return c.partner(seq)
        .map(
            p ->
                p.handle()
                    + ", "
                    + (p.role() == null
                        ? Texts.get(lang, "card.role-unknown")
                        : lowerFirst(Texts.get(lang, p.role().nameKey()), lang)))
        .orElse("P" + seq);
  }

  /** A name of a role inside a sentence: "zorgcoördinator", but "CLB-medewerker" as it is. */
  private static String lowerFirst(String name, Language lang) {
    return name.length() > 1 && Character.isLowerCase(name.charAt(1))
        ? name.substring(0, 1).toLowerCase(lang.locale()) + name.substring(1)
        : name;
  }

  public String title(Case c) {
    return c.initials() == null
        ? c.code().value()
        : c.code().value() + " (" + c.initials().value() + ")";
  }

  public String name(Partner p, Language lang) {
    String role =
        p.role() == null
            ? Texts.get(lang, "card.role-unknown")
            : Texts.get(lang, p.role().nameKey());
    StringBuilder name = new StringBuilder(p.displayName()).append(" — ").append(role);
    if (p.organisation() != null && !p.organisation().isBlank()) {
      name.append(", ").append(p.organisation());
    }
    if (p.membership() == Membership.INFORMED_ONLY) {
      name.append(" ").append(Texts.get(lang, "card.informed-only"));
    }
    if (p.unreachable()) {
      name.append(" ").append(Texts.get(lang, "card.unreachable"));
    }
    return name.toString();
  }

  public String date(Instant at, Language lang) {
    return DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", lang.locale()).withZone(zone).format(at);
  }

  /** The day of a moment in words, without the year: 12 maart, 12 March. */
  public String dayInWords(Instant at, Language lang) {
    return DateTimeFormatter.ofPattern("d MMMM", lang.locale()).withZone(zone).format(at);
  }

  /** A calendar day as people read it, with its weekday: free days are about which day it is. */
  public String day(LocalDate day, Language lang) {
    return DateTimeFormatter.ofPattern("EEE d MMM yyyy", lang.locale()).format(day);
  }

  /**
   * What a round's opening post says about the school holiday it closes before or opens after, if
   * any: the texts {@code <kind>.before-holiday} and {@code <kind>.after-holiday}.
   */
  public Optional<String> holidayNote(RoundWindow window, String kind, Language lang) {
    if (window.fit() == RoundWindow.Fit.USUAL) {
      return Optional.empty();
    }
    String holiday = Texts.get(lang, "holiday." + window.holiday().name());
    return Optional.of(
        window.fit() == RoundWindow.Fit.CLOSES_BEFORE
            ? Texts.get(
                lang, kind + ".before-holiday", holiday, day(window.holiday().first(), lang))
            : Texts.get(lang, kind + ".after-holiday", holiday, date(window.opensAt(), lang)));
  }

  /** The day it is at {@code at} where Kring's calendar is kept. */
  public LocalDate today(Instant at) {
    return at.atZone(zone).toLocalDate();
  }

  /** What a represented person said, as their representative recorded it, with its date. */
  private String voiceLine(Case c, Partner p, Language lang) {
    String by = c.partner(p.representedBy()).map(Partner::displayName).orElse("?");
    StringBuilder line = new StringBuilder(Texts.get(lang, "card.represented-by", by));
    if (p.voice() == null) {
      line.append("\n").append(Texts.get(lang, "card.no-voice"));
    } else {
      String said = said(p.voice());
      if (p.voice().recordedBySeq() == p.seq()) {
        // Their own view, given on their private page and shared by their representative.
        String whose = p.role() == Role.PUPIL ? "card.family-voice.pupil" : "card.family-voice";
        return line.append("\n")
            .append(Texts.get(lang, whose, dayInWords(p.voice().recordedAt(), lang), said))
            .toString();
      }
      String recorder =
          c.partner(p.voice().recordedBySeq())
              .map(Partner::displayName)
              .orElse("P" + p.voice().recordedBySeq());
      line.append("\n")
          .append(
              Texts.get(lang, "card.voice", date(p.voice().recordedAt(), lang), said, recorder));
    }
    return line.toString();
  }

  /** What a voice says, on the goal and on the collaboration, as one line. */
  public static String said(Voice voice) {
    return String.join(
        " / ",
        Stream.of(voice.onGoal(), voice.onCollaboration()).filter(s -> !s.isBlank()).toList());
  }

  private String partnerLine(Partner p, Optional<Task> task, Language lang) {
    StringBuilder line = new StringBuilder();
    line.append(
        p.role() == null
            ? Texts.get(lang, "card.not-introduced")
            : Texts.get(lang, p.role().aboutKey()));
    task.ifPresent(t -> line.append("\n").append(taskLine(t, lang)));
    return line.toString();
  }

  private String taskLine(Task task, Language lang) {
    String line = Texts.get(lang, "agreement.does", task.does());
    if (!task.needs().isBlank()) {
      line += "\n" + Texts.get(lang, "agreement.needs", task.needs());
    }
    return line;
  }

  private String seqName(Case c, int seq, Language lang) {
    if (seq == 0) {
      return Texts.get(lang, "card.nobody");
    }
    return c.partner(seq).map(Partner::displayName).orElse(Texts.get(lang, "card.left"));
  }

  private static String orDash(String value, Language lang) {
    return value.isBlank() ? "—" : value;
  }

  /** The case's status in words: a paused case says so rather than "active". */
  public static String statusWord(Case c, Language lang) {
    return c.paused() && c.status() != CaseStatus.CLOSED
        ? Texts.get(lang, "status.paused")
        : Texts.get(lang, "status." + key(c.status()));
  }

  /** How many people act in the case: partners with an account who take part fully. */
  public static long acting(Case c) {
    return c.confirmingPartners().size();
  }

  public static String key(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant a form's option value names ({@link #key}); the caller offered only these. */
  public static <E extends Enum<E>> E fromKey(Class<E> type, String key) {
    return Enum.valueOf(type, key.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** A partner as forms list them: handle, name and role. */
  public String handleName(Partner p, Language lang) {
    return p.handle() + " " + name(p, lang);
  }

  /**
   * What a case's channel is told when a change took its coordinator away, whatever the path (they
   * left, were removed, asked to be forgotten, or the operator forgot them): the backup took over,
   * or nobody coordinates and the partners are asked to agree on someone. Empty when the same
   * partner still coordinates.
   */
  public static Optional<String> coordinatorNotice(Cards cards, Case before, Case after) {
    Optional<Partner> was = before.coordinator();
    if (was.isEmpty()
        || after.coordinator().map(Partner::seq).equals(was.map(Partner::seq))
        || after.partner(was.get().seq()).filter(Partner::active).isPresent()) {
      return Optional.empty();
    }
    Language lang = after.language();
    String name = cards.name(after.partner(was.get().seq()).orElse(was.get()), lang);
    return Optional.of(
        after
            .coordinator()
            .map(
                next ->
                    Texts.get(lang, "leave.coordinator-took-over", name, cards.name(next, lang)))
            .orElseGet(() -> Texts.get(lang, "leave.no-coordinator", name)));
  }
}
