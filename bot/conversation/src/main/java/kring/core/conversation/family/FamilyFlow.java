package kring.core.conversation.family;

import static kring.core.conversation.Entries.step;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.consent.Basis;
import kring.core.consent.ConsentRecord;
import kring.core.consent.ConsentTerms;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.Turn;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.partners.Declined;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Voice;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/**
 * The represented pupil's or parent's own voice: {@code stemlink P4} / {@code voicelink P4} gives
 * their representative, privately, a link and a short code to hand over; what they answer on its
 * page reaches the representative privately first, who shares it whole or as a short summary.
 */
public final class FamilyFlow implements Feature {

  /** How long a link works. */
  public static final Duration LIFETIME = Duration.ofDays(14);

  /** The path of the page under Kring's public address; the token follows it. */
  public static final String PATH = "/familie/";

  /** The button that shares the answers whole; its value is {@code <case code>:<number>}. */
  public static final String SHARE = "family.share";

  /** The form of a short summary; opened as {@code family.summary <case code> <number>}. */
  public static final String SUMMARY = "family.summary";

  private static final Set<String> REVOKE_WORDS = Set.of("intrekken", "revoke", "stop");

  private static final Set<String> REMOVE_WORDS = Set.of("wissen", "clear", "weg", "remove");

  /** The most questions a page asks about consent: a few kinds towards a few partners. */
  static final int MOST_QUESTIONS = 24;

  private final Cards cards;
  private final Cases cases;
  private final FamilyLinks links;
  private final FamilyTokens tokens;
  private final Supplier<String> publicUrl;

  /**
   * @param publicUrl Kring's public address
   */
  public FamilyFlow(
      Cards cards,
      Cases cases,
      FamilyLinks links,
      FamilyTokens tokens,
      Supplier<String> publicUrl) {
    this.cards = cards;
    this.cases = cases;
    this.links = links;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  @Override
  public void declare(Entries entries) {
    entries
        .command("FAMILY_LINK", List.of("stemlink"), List.of("voicelink"), step(this::command))
        .command("FAMILY_GOAL", List.of("gezinsdoel"), List.of("familygoal"), step(this::goal))
        .button(SHARE, step(this::share))
        .form(SUMMARY, (t, code, about) -> summaryForm(t, code, about), this::summary);
  }

  /**
   * {@code stemlink P4 [kinds]}: a new link for P4, asking consent for the kinds named; {@code
   * stemlink P4 intrekken}: the link stops working.
   */
  void command(Turn turn, String args) {
    Case c = turn.requireCase();
    String[] words = args == null || args.isBlank() ? new String[0] : args.strip().split("\\s+");
    if (words.length == 0 || !words[0].toUpperCase(Locale.ROOT).matches("P\\d{1,3}")) {
      turn.answer("family.usage");
      return;
    }
    int seq = Integer.parseInt(words[0].substring(1));
    boolean revoke = words.length > 1 && REVOKE_WORDS.contains(words[1].toLowerCase(Locale.ROOT));
    Case after = turn.change(now -> now.familyLink(turn.user(), seq, !revoke, turn.now()));
    Partner person = after.partner(seq).orElseThrow();
    CaseCode code = c.code();
    if (revoke) {
      turn.afterCommit(() -> links.revoke(code, seq));
      turn.answer("family.revoked", person.displayName());
      return;
    }
    List<InfoKind> asked = kinds(turn, words);
    String token = tokens.token();
    String shortCode = tokens.shortCode();
    Instant expires = turn.now().plus(LIFETIME);
    int by = after.partner(turn.user()).map(Partner::seq).orElseThrow();
    FamilyLinks.Link link =
        new FamilyLinks.Link(code, seq, by, FamilyTokens.sha256(token), expires, asked);
    String shortHash = FamilyTokens.hashOf(shortCode).orElseThrow();
    turn.afterCommit(() -> links.keep(link, shortHash));
    turn.answer(
        Reply.builder()
            .heading(turn.t("family.link.title", person.displayName()))
            .text(turn.t("family.link.body", baseUrl() + PATH + token, shortCode))
            .note(
                turn.t(
                    "family.link.note",
                    cards.date(expires, turn.speakerLanguage()),
                    asked.size(),
                    kindNames(turn.speakerLanguage(), asked)))
            .build());
  }

  /**
   * {@code gezinsdoel P4 <text>}: the goal in plain words that P4's page shows; {@code gezinsdoel
   * P4 wissen} takes it away, and {@code gezinsdoel P4} alone says what the page shows now.
   */
  void goal(Turn turn, String args) {
    Case c = turn.requireCase();
    String given = args == null ? "" : args.strip();
    String[] words = given.split("\\s+", 2);
    if (!words[0].toUpperCase(Locale.ROOT).matches("P\\d{1,3}")) {
      turn.answer("family.goal.usage");
      return;
    }
    int seq = Integer.parseInt(words[0].substring(1));
    String text = words.length > 1 ? words[1].strip() : "";
    if (text.isEmpty()) {
      Partner person =
          c.partner(seq)
              .filter(p -> turn.user().equals(p.representedBy()))
              .orElseThrow(() -> new Refusal(RefusalReason.FAMILY_GOAL_NOT_YOURS));
      turn.answer(
          Reply.builder()
              .text(
                  person.familyGoal() == null
                      ? turn.t("family.goal.none", person.displayName())
                      : turn.t("family.goal.now", person.displayName(), person.familyGoal()))
              .note(turn.t("family.goal.usage"))
              .build());
      return;
    }
    boolean remove = REMOVE_WORDS.contains(text.toLowerCase(Locale.ROOT));
    Case after =
        turn.change(now -> now.familyGoal(turn.user(), seq, remove ? null : text, turn.now()));
    Partner person = after.partner(seq).orElseThrow();
    if (remove) {
      turn.answer("family.goal.removed", person.displayName());
    } else {
      turn.answer("family.goal.saved", person.displayName(), person.familyGoal());
    }
  }

  private String baseUrl() {
    String url = publicUrl.get();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The kinds of information named after the person, by their name in either language. */
  private static List<InfoKind> kinds(Turn turn, String[] words) {
    EnumSet<InfoKind> named = EnumSet.noneOf(InfoKind.class);
    for (int i = 1; i < words.length; i++) {
      String word = words[i].toLowerCase(Locale.ROOT).replace(",", "");
      for (InfoKind kind : InfoKind.values()) {
        for (Language lang : Language.values()) {
          String name = Texts.get(lang, kind.nameKey()).toLowerCase(Locale.ROOT);
          if (!word.isEmpty() && name.split(" ")[0].equals(word)) {
            named.add(kind);
          }
        }
      }
    }
    return List.copyOf(named);
  }

  private static String kindNames(Language lang, List<InfoKind> kinds) {
    return String.join(", ", kinds.stream().map(k -> Texts.get(lang, k.nameKey())).toList());
  }

  /** What a link's page shows, while the link works and its case is open. */
  public Optional<FamilyPage> page(String token, Instant now) {
    return found(token, now).map(f -> pageOf(f, now));
  }

  private FamilyPage pageOf(Found f, Instant now) {
    Case c = f.kase();
    Partner person = f.person();
    LocalDate today = cards.today(now);
    List<Partner> partners =
        c.partners().stream()
            .filter(p -> p.active() && p.hasAccount() && p.role() != null)
            .toList();
    // The kinds the link asks about, and those the person answered on an earlier page: they see
    // their choice again and may change it.
    EnumSet<InfoKind> kinds = EnumSet.noneOf(InfoKind.class);
    kinds.addAll(f.link().asked());
    for (InfoKind kind : InfoKind.values()) {
      if (person.familyNo().stream().anyMatch(d -> d.kind().equals(kind.name()))) {
        kinds.add(kind);
      }
    }
    for (ConsentRecord r : c.consents().inForce(today)) {
      if (r.recordedBySeq() == person.seq()) {
        kinds.addAll(r.terms().kinds());
      }
    }
    List<FamilyPage.Question> questions = new ArrayList<>();
    for (InfoKind kind : kinds) {
      for (Partner p : partners) {
        if (questions.size() < MOST_QUESTIONS) {
          String id = "c-" + kind.name().toLowerCase(Locale.ROOT) + "-" + p.seq();
          questions.add(
              new FamilyPage.Question(
                  id, kind, p.seq(), p.role(), before(c, person, kind, p.seq(), today)));
        }
      }
    }
    return new FamilyPage(
        f.link().tokenHash(),
        person.role() == Role.PUPIL,
        c.language(),
        person.familyGoal() == null ? "" : person.familyGoal(),
        partners.stream().map(Partner::role).distinct().toList(),
        questions,
        until(today));
  }

  /** What the person answered before to one question: "yes", "no" or nothing. */
  private static String before(Case c, Partner person, InfoKind kind, int towards, LocalDate day) {
    boolean yes =
        c.consents().inForce(day).stream()
            .anyMatch(
                r ->
                    r.recordedBySeq() == person.seq()
                        && r.terms().kinds().contains(kind)
                        && r.terms().towardsPartners().contains(towards));
    if (yes) {
      return "yes";
    }
    return person.familyNo().contains(new Declined(kind.name(), towards)) ? "no" : "";
  }

  /** A consent given on the page holds until the end of the school year (30 June). */
  static LocalDate until(LocalDate today) {
    LocalDate end = MonthDay.of(6, 30).atYear(today.getYear());
    return today.isAfter(end) ? end.plusYears(1) : end;
  }

  /** A working link with its case and person. */
  public record Found(FamilyLinks.Link link, Case kase, Partner person) {}

  /** The link, its open case and its represented person, or nothing that says why not. */
  public Optional<Found> found(String token, Instant now) {
    return FamilyTokens.hashOf(token)
        .flatMap(hash -> links.find(hash, now))
        .flatMap(
            link ->
                cases
                    .find(link.code())
                    .filter(c -> c.status() != CaseStatus.CLOSED)
                    .flatMap(
                        c ->
                            c.partner(link.seq())
                                .filter(
                                    p ->
                                        p.active()
                                            && p.membership() == Membership.REPRESENTED
                                            && p.representedBy() != null
                                            && c.partner(p.representedBy())
                                                .filter(r -> r.seq() == link.bySeq())
                                                .isPresent())
                                .map(p -> new Found(link, c, p))));
  }

  /**
   * The turn of the answers from a link's page, taken as the representative's in the case's
   * channel: the consents given land in the register as given by the person, and the answers reach
   * the representative privately, with the choice to share them.
   */
  public void answered(
      Turn turn,
      Found found,
      FamilyAnswers answers,
      Map<String, String> consentWordings,
      Set<String> noes) {
    int seq = found.person().seq();
    LocalDate today = cards.today(turn.now());
    FamilyPage page = pageOf(found, turn.now());
    turn.change(c -> c.familyAnswered(seq, turn.now()));
    GivenBy by = found.person().role() == Role.PUPIL ? GivenBy.PUPIL : GivenBy.PARENTS;
    int given = 0;
    for (FamilyPage.Question q : page.questions()) {
      String wording = consentWordings.get(q.id());
      if (wording == null) {
        if (noes.contains(q.id())) {
          turn.change(c -> c.familyDeclined(seq, q.kind(), q.towardsSeq(), today, turn.now()));
        }
        continue;
      }
      ConsentTerms terms =
          new ConsentTerms(
              by,
              Basis.CONSENT,
              "",
              List.of(q.kind()),
              List.of(q.towardsSeq()),
              List.of(),
              cut(wording, ConsentTerms.PURPOSE_MAX),
              today,
              page.until());
      int before = turn.requireCase().consents().nextNumber();
      Case after = turn.change(c -> c.familyConsent(seq, terms, today, turn.now()));
      given += after.consents().nextNumber() - before;
    }
    Case now = turn.requireCase();
    int withdrawnNow = withdrawnBy(now, seq, turn.now());
    if (withdrawnNow > 0) {
      // The partners hear of it as of any other withdrawal: who changed the register, and
      // whether consent is still recorded; the details only privately.
      boolean recorded = now.consents().recorded(today);
      turn.announce(
          Reply.text(
              turn.tc(
                  "consent.channel",
                  found.person().displayName(),
                  turn.tc(recorded ? "consent.status.recorded" : "consent.status.missing"))));
    }
    CaseCode code = found.kase().code();
    Instant keepUntil = turn.now().plus(LIFETIME);
    String kept = answers.encode();
    turn.afterCommit(() -> links.keepAnswers(code, seq, kept, keepUntil));
    Reply.Builder reply =
        Reply.builder()
            .heading(
                turn.t(
                    "family.answers.title",
                    found.person().displayName(),
                    cards.title(found.kase())))
            .text(said(turn.speakerLanguage(), answers))
            .note(
                withdrawnNow > 0
                    ? turn.t("family.answers.consents", given)
                        + " "
                        + turn.t("family.answers.withdrawn", withdrawnNow)
                    : turn.t("family.answers.consents", given));
    if (!answers.empty()) {
      reply
          .primary(turn.t("family.button.share"), SHARE, code.value() + ":" + seq)
          .button(
              turn.t("family.button.summary"),
              Actions.OPEN_FORM,
              SUMMARY + " " + code.value() + " " + seq);
    }
    turn.tell(found.person().representedBy(), reply.build());
  }

  /** How many consents the person withdrew themselves at this moment. */
  private static int withdrawnBy(Case c, int seq, Instant at) {
    return (int)
        c.consents().records().stream()
            .filter(r -> r.withdrawn() && r.withdrawal().bySeq() == seq)
            .filter(r -> r.withdrawal().at().equals(at))
            .count();
  }

  private static String cut(String text, int max) {
    String plain = text.strip();
    return plain.length() <= max ? plain : plain.substring(0, max - 1) + "…";
  }

  /** The answers in words, in the reader's language. */
  private static String said(Language lang, FamilyAnswers a) {
    List<String> lines = new ArrayList<>();
    if (a.howItGoes() > 0) {
      lines.add(Texts.get(lang, "family.answers.how", a.howItGoes(), FamilyAnswers.SCALE_MAX));
    }
    if (a.heard() > 0) {
      lines.add(Texts.get(lang, "family.answers.heard", a.heard(), FamilyAnswers.SCALE_MAX));
    }
    if (!a.helpers().isEmpty()) {
      lines.add(Texts.get(lang, "family.answers.helpers", a.helpers()));
    }
    if (!a.message().isEmpty()) {
      lines.add(
          Texts.get(
              lang, a.pupil() ? "family.answers.wish" : "family.answers.message", a.message()));
    }
    return lines.isEmpty() ? Texts.get(lang, "family.answers.none") : String.join("\n", lines);
  }

  /** The button: the answers, whole, become the person's view on the case card. */
  void share(Turn turn, String value) {
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
    Case c = turn.enterCase(parts[0]);
    int seq = Integer.parseInt(parts[1]);
    // Only a represented person leaves answers on their page: for anyone else none are read.
    Optional<FamilyAnswers> waiting =
        c.partner(seq).filter(p -> p.representedBy() != null).isPresent()
            ? waiting(turn, c.code(), seq)
            : Optional.empty();
    if (waiting.isEmpty()) {
      turn.answer("family.share.gone");
      return;
    }
    FamilyAnswers a = waiting.get();
    String scales =
        cut(
            said(
                c.language(),
                new FamilyAnswers(
                    a.pupil(), a.howItGoes(), a.heard(), a.helpers(), "", a.givenAt())),
            Voice.MAX);
    shareView(turn, c, seq, a.message(), scales, a.givenAt());
  }

  private Optional<FamilyAnswers> waiting(Turn turn, CaseCode code, int seq) {
    return turn.familyAnswersOf(code, seq, () -> links.answers(code, seq))
        .flatMap(FamilyFlow::decoded);
  }

  private static Optional<FamilyAnswers> decoded(String kept) {
    try {
      return Optional.of(FamilyAnswers.decode(kept));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void shareView(
      Turn turn, Case c, int seq, String onGoal, String onCollab, Instant givenAt) {
    Case after =
        turn.change(
            now -> now.shareFamilyView(turn.user(), seq, onGoal, onCollab, givenAt, turn.now()));
    Partner person = after.partner(seq).orElseThrow();
    turn.afterCommit(() -> links.dropAnswers(c.code(), seq));
    String key = person.role() == Role.PUPIL ? "family.shared.pupil" : "family.shared";
    String text =
        String.join(
            " / ", java.util.stream.Stream.of(onGoal, onCollab).filter(s -> !s.isBlank()).toList());
    turn.announce(Reply.text(turn.tc(key, cards.dayInWords(givenAt, turn.caseLanguage()), text)));
    turn.answer("family.share.done", person.displayName());
  }

  Outcome summaryForm(Turn turn, String code, String about) {
    Case c = turn.enterCase(code);
    if (about == null || !about.matches("\\d{1,3}")) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
    int seq = Integer.parseInt(about);
    Partner person =
        c.partner(seq)
            .filter(p -> turn.user().equals(p.representedBy()))
            .orElseThrow(() -> new Refusal(RefusalReason.FAMILY_LINK_NOT_YOURS));
    return Outcome.open(
        new Form(
            SUMMARY,
            turn.t("family.summary.title", person.displayName()),
            turn.t("family.summary.intro"),
            List.of(
                FormReader.input(
                    "summary",
                    turn.t("family.summary.label"),
                    Form.Kind.LONG_TEXT,
                    true,
                    Voice.MAX,
                    "",
                    "")),
            turn.t("form.save"),
            Map.of(Forms.CASE, c.code().value(), Forms.PARTNER, String.valueOf(seq))));
  }

  Outcome summary(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    String seqText = values.getOrDefault(Forms.PARTNER, "");
    if (seqText == null || !seqText.matches("\\d{1,3}")) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    int seq = Integer.parseInt(seqText);
    FormReader form = new FormReader(values, turn);
    String text = form.text("summary", true, Voice.MAX);
    if (!form.ok()) {
      return Outcome.open(
          summaryForm(turn, c.code().value(), seqText)
              .form()
              .withErrors(form.values(), form.errors()));
    }
    Optional<FamilyAnswers> waiting = waiting(turn, c.code(), seq);
    if (waiting.isEmpty()) {
      turn.answer("family.share.gone");
      return Outcome.FORM_DONE;
    }
    shareView(turn, c, seq, "", text, waiting.get().givenAt());
    return Outcome.FORM_DONE;
  }
}
