package kring.core.conversation.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.agreement.Agreement;
import kring.core.cases.AuditEntry;
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
import kring.core.reply.Fields;
import kring.core.reply.Reply;
import kring.core.reply.Text;

/**
 * The audit trail with the case summary, as Markdown for the coordinator's own file: goal, roles,
 * consent records (in force and withdrawn), check-in results, the anonymous results of every
 * reflection round (the final evaluation included) and every audit line Kring keeps. It is sent
 * privately, in parts small enough for every platform's message limits.
 */
public final class AuditExport {

  /** One paragraph of a message; Slack shows at most 3000 characters in one. */
  static final int PART = 2800;

  /** Paragraphs in one message, so that a Teams card stays well under its size limit. */
  static final int PARTS_PER_MESSAGE = 6;

  private final Cards cards;

  public AuditExport(Cards cards) {
    this.cards = cards;
  }

  /** The export as messages, in order. */
  List<Reply> messages(Case c, Language lang, Instant now) {
    List<String> parts = split(markdown(c, lang, now));
    List<Reply> messages = new ArrayList<>();
    for (int from = 0; from < parts.size(); from += PARTS_PER_MESSAGE) {
      Reply.Builder message = Reply.builder();
      if (from == 0) {
        message.note(Texts.get(lang, "export.intro"));
      }
      parts.subList(from, Math.min(parts.size(), from + PARTS_PER_MESSAGE)).forEach(message::text);
      messages.add(message.build());
    }
    return messages;
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
                  lang, "export.check-in", round.number(), cards.date(round.closesAt(), lang)))
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
    for (AuditEntry entry : c.audit()) {
      md.append("- ")
          .append(cards.date(entry.at(), lang))
          .append(" — ")
          .append(cards.auditLine(c, entry, lang))
          .append("\n");
    }
    return md.toString();
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

  /** Cuts the text at line ends into parts of at most {@link #PART} characters. */
  static List<String> split(String markdown) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      String fitted = line.length() > PART ? line.substring(0, PART - 1) + "…" : line;
      if (part.length() + fitted.length() + 1 > PART) {
        parts.add(part.toString().stripTrailing());
        part.setLength(0);
      }
      part.append(fitted).append("\n");
    }
    if (!part.toString().isBlank()) {
      parts.add(part.toString().stripTrailing());
    }
    return parts;
  }
}
