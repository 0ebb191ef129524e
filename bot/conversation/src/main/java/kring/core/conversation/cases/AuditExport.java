package kring.core.conversation.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.agreement.Agreement;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.Lifecycle;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.consent.ConsentRecord;
import kring.core.conversation.Cards;
import kring.core.conversation.CheckIns;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.partners.Partner;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.Summary;
import kring.core.reply.Block;
import kring.core.reply.Document;
import kring.core.reply.Fields;
import kring.core.reply.Reply;
import kring.core.reply.Text;

/**
 * The audit trail with the case summary, as a Markdown file for the coordinator's own file: goal,
 * roles, consent records (in force and withdrawn), check-in results, the anonymous results of every
 * reflection round (the final evaluation included) and every audit line Kring keeps, as a table of
 * when (in Kring's time zone), who (by partner number and role) and what. It is sent privately: a
 * short message that says what the file holds, and the file.
 */
public final class AuditExport {

  private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final Cards cards;

  public AuditExport(Cards cards) {
    this.cards = cards;
  }

  /** The export as one message: what it holds in a few words, and the file. */
  Reply message(Case c, Language lang, Instant now) {
    String name = "kring-" + c.code().value() + "-" + FILE_DAY.format(cards.today(now)) + ".md";
    return Reply.builder()
        .text(
            Texts.get(
                lang,
                "export.intro",
                cards.title(c),
                c.audit().size(),
                c.activity().checkIns().stream().filter(r -> !r.open()).count(),
                c.reflections().closed().size()))
        .note(Texts.get(lang, "export.no-copy"))
        .document(new Document(name, Document.MARKDOWN, bounded(markdown(c, lang, now))))
        .build();
  }

  String markdown(Case c, Language lang, Instant now) {
    LocalDate today = cards.today(now);
    StringBuilder md = new StringBuilder();
    md.append("# ")
        .append(Texts.get(lang, "export.title", cards.title(c), cards.date(now, lang)))
        .append("\n\n");
    line(md, Texts.get(lang, "card.status"), Texts.get(lang, "status." + Cards.key(c.status())));
    line(md, Texts.get(lang, "export.started"), cards.date(c.startedAt(), lang));
    Optional.ofNullable(c.lifecycle().closure())
        .map(Lifecycle.Closure::at)
        .ifPresent(at -> line(md, Texts.get(lang, "export.closed"), cards.date(at, lang)));
    line(
        md,
        Texts.get(lang, "card.level"),
        Texts.get(lang, "level." + Cards.key(c.agreements().level())));
    line(
        md,
        Texts.get(lang, "card.coordinator"),
        c.coordinator().map(p -> cards.name(p, lang)).orElse(Texts.get(lang, "card.nobody")));
    c.backup().ifPresent(b -> line(md, Texts.get(lang, "card.backup"), cards.name(b, lang)));
    Optional<Agreement> agreed = c.agreements().agreed();
    md.append("\n## ").append(Texts.get(lang, "card.goal")).append("\n\n");
    md.append(
            agreed
                .map(a -> Texts.get(lang, "export.goal", a.version(), a.goal()))
                .orElse(Texts.get(lang, "card.no-agreement")))
        .append("\n");
    List<String> improvements = agreed.map(Agreement::improvements).orElse(List.of());
    if (!improvements.isEmpty()) {
      md.append("\n").append(Texts.get(lang, "card.improvements")).append(":\n\n");
      improvements.forEach(i -> md.append("- ").append(i.replace('\n', ' ')).append("\n"));
    }
    md.append("\n## ").append(Texts.get(lang, "card.who-does-what")).append("\n\n");
    for (Partner p : c.partners()) {
      md.append("- ").append(p.handle()).append(" ").append(cards.name(p, lang));
      agreed
          .flatMap(a -> a.taskOf(p.seq()))
          .ifPresent(t -> md.append(": ").append(t.does().replace('\n', ' ')));
      md.append("\n");
    }
    md.append("\n## ").append(Texts.get(lang, "consent.list.title", cards.title(c))).append("\n\n");
    if (c.consents().records().isEmpty()) {
      md.append(Texts.get(lang, "consent.list.none")).append("\n");
    }
    for (ConsentRecord r : c.consents().records()) {
      md.append("- **").append(cards.consentHeading(r, lang)).append("**\n");
      for (String detail : cards.consentLines(c, r, today, lang).split("\n")) {
        md.append("  - ").append(detail).append("\n");
      }
    }
    md.append("\n## ").append(Texts.get(lang, "export.check-ins")).append("\n\n");
    List<CheckInRound> closed = c.activity().checkIns().stream().filter(r -> !r.open()).toList();
    if (closed.isEmpty()) {
      md.append(Texts.get(lang, "export.no-check-ins")).append("\n");
    }
    for (CheckInRound round : closed) {
      md.append("- ")
          .append(
              Texts.get(
                  lang, "export.check-in", round.number(), cards.date(closedAt(c, round), lang)))
          .append(": ")
          .append(
              Texts.get(
                  lang,
                  "check-in.summary.answered",
                  round.tally().answered(),
                  round.tally().invited()))
          .append("\n");
      for (CheckInQuestion question : CheckInQuestion.values()) {
        Map<CheckInAnswer, Integer> counts =
            round.tally().counts().getOrDefault(question, Map.of());
        int answered = counts.values().stream().mapToInt(Integer::intValue).sum();
        // The same anonymity as the channel's summary: too few answers are not shown.
        if (answered >= CheckIns.SHOWN_FROM) {
          md.append("  - ")
              .append(Texts.get(lang, "check-in.q." + Cards.key(question)))
              .append(" ")
              .append(
                  Texts.get(
                      lang,
                      "check-in.summary.counts",
                      counts.getOrDefault(CheckInAnswer.YES, 0),
                      counts.getOrDefault(CheckInAnswer.PARTLY, 0),
                      counts.getOrDefault(CheckInAnswer.NO, 0)))
              .append("\n");
        }
      }
    }
    reflections(md, c, lang);
    md.append("\n## ").append(Texts.get(lang, "log.title", cards.title(c))).append("\n\n");
    md.append(Texts.get(lang, "export.times", cards.zone().getId())).append("\n\n");
    md.append("| ")
        .append(Texts.get(lang, "export.when"))
        .append(" | ")
        .append(Texts.get(lang, "export.who"))
        .append(" | ")
        .append(Texts.get(lang, "export.what"))
        .append(" |\n|---|---|---|\n");
    Map<Integer, Integer> askedBy = askedBy(c);
    List<AuditEntry> audit = c.audit();
    for (int i = 0; i < audit.size(); i++) {
      AuditEntry entry = audit.get(i);
      md.append("| ")
          .append(cell(cards.date(entry.at(), lang)))
          .append(" | ")
          .append(cell(who(c, entry, askedBy.get(i), lang)))
          .append(" | ")
          .append(cell(cards.auditWhat(entry, lang)))
          .append(" |\n");
    }
    return md.toString();
  }

  /**
   * When a check-in really closed: the moment its audit line says, which is earlier than planned
   * when everyone answered before the closing day or the case stopped. The planned moment only when
   * the trail no longer holds the line.
   */
  private static Instant closedAt(Case c, CheckInRound round) {
    String number = String.valueOf(round.number());
    return c.audit().stream()
        .filter(e -> e.event() == AuditEvent.CHECK_IN_CLOSED && e.args().equals(List.of(number)))
        .map(AuditEntry::at)
        .reduce((first, later) -> later)
        .orElse(round.closesAt());
  }

  /**
   * Who asked to join, by the place of the request's line in the trail: a request has no partner
   * number yet, so the line of its acceptance names when it was asked next to the newcomer's
   * number. Each acceptance names the latest request before it asked then, for the same role.
   */
  private static Map<Integer, Integer> askedBy(Case c) {
    List<AuditEntry> audit = c.audit();
    Map<Integer, Integer> asked = new HashMap<>();
    for (int i = 0; i < audit.size(); i++) {
      AuditEntry accepted = audit.get(i);
      if (accepted.event() != AuditEvent.JOIN_ACCEPTED
          || accepted.args().size() < 2
          || !accepted.args().get(0).matches("P[1-9][0-9]{0,8}")) {
        continue;
      }
      int seq = Integer.parseInt(accepted.args().get(0).substring(1));
      String role = c.partner(seq).map(p -> String.valueOf(p.role())).orElse("");
      for (int j = i - 1; j >= 0; j--) {
        AuditEntry request = audit.get(j);
        if (request.event() == AuditEvent.JOIN_ASKED
            && request.actorSeq() == 0
            && request.at().toString().equals(accepted.args().get(1))
            && request.args().equals(List.of(role))
            && asked.putIfAbsent(j, seq) == null) {
          break;
        }
      }
    }
    return asked;
  }

  /** Who did what: a partner by number and role, someone who asked to join, or Kring itself. */
  private String who(Case c, AuditEntry entry, Integer askedBy, Language lang) {
    if (entry.actorSeq() > 0) {
      return cards.numberAndRole(c, entry.actorSeq(), lang);
    }
    if (entry.event() == AuditEvent.JOIN_ASKED) {
      Integer seq = askedBy;
      return seq == null
          ? Texts.get(lang, "export.who.someone")
          : cards.numberAndRole(c, seq, lang);
    }
    return "Kring";
  }

  /** A table cell: on one line, and a bar does not end it. */
  private static String cell(String text) {
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
  }

  /** The export within a document's size, cut at a line end when a case holds more. */
  static String bounded(String markdown) {
    if (markdown.getBytes(StandardCharsets.UTF_8).length <= Document.MAX_BYTES) {
      return markdown;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = 0;
    for (String line : markdown.split("\n", -1)) {
      int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (bytes + size > Document.MAX_BYTES - 8) {
        break;
      }
      kept.append(line).append('\n');
      bytes += size;
    }
    return kept.append("…\n").toString();
  }

  /**
   * Every closed reflection round, the final evaluation included, as its summary showed it in the
   * channel: only what may be shown anonymously, never who answered what.
   */
  private void reflections(StringBuilder md, Case c, Language lang) {
    md.append("\n## ").append(Texts.get(lang, "export.reflections")).append("\n\n");
    List<ReflectionRound> closed = c.reflections().closed();
    if (closed.isEmpty()) {
      md.append(Texts.get(lang, "export.no-reflections")).append("\n");
    }
    for (int i = 0; i < closed.size(); i++) {
      Reply summary =
          Summary.of(
              closed.get(i),
              closed.subList(0, i + 1),
              cards.title(c),
              lang,
              seq -> c.partner(seq).map(Partner::displayName).orElse("P" + seq));
      String heading = "### ";
      for (Block block : summary.blocks()) {
        heading = block(md, block, heading);
      }
    }
  }

  /**
   * One block of a summary in Markdown; buttons and charts are left out (the figures are in the
   * text).
   *
   * @param heading how the next heading starts
   * @return how the heading after that starts: the round's own heading first, its parts below it
   */
  private static String block(StringBuilder md, Block block, String heading) {
    if (block instanceof Text text) {
      gap(md);
      switch (text.style()) {
        case HEADING -> {
          md.append(heading).append(text.text()).append("\n\n");
          return "#### ";
        }
        case NOTE -> md.append('_').append(text.text()).append("_\n");
        case WARNING -> md.append("⚠ ").append(text.text()).append("\n");
        case PLAIN -> md.append(text.text()).append("\n");
      }
    } else if (block instanceof Fields fields) {
      gap(md);
      for (Fields.Field field : fields.fields()) {
        md.append("- **")
            .append(field.label())
            .append("**: ")
            .append(field.value().replace("\n", "\n  "))
            .append("\n");
      }
    }
    return heading;
  }

  /** A blank line before the next paragraph, unless there is one. */
  private static void gap(StringBuilder md) {
    int n = md.length();
    if (n < 2 || md.charAt(n - 1) != '\n' || md.charAt(n - 2) != '\n') {
      md.append('\n');
    }
  }

  private static void line(StringBuilder md, String label, String value) {
    md.append("- **").append(label).append("**: ").append(value).append("\n");
  }
}
