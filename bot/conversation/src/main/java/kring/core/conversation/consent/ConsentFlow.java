package kring.core.conversation.consent;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.FormReader.choice;
import static kring.core.conversation.FormReader.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.consent.Basis;
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
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.partners.Role;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/**
 * The consent register in the conversation: partners read it privately and record or withdraw a
 * consent; the channel hears only whether consent is recorded or missing.
 */
public final class ConsentFlow implements Feature {

  /** How a role is named among the partners in the "towards" choice. */
  static final String ROLE_PREFIX = "role-";

  private final Cards cards;

  public ConsentFlow(Cards cards) {
    this.cards = cards;
  }

  /** Recording and withdrawing consent. */
  @Override
  public void declare(Entries entries) {
    entries
        .command(
            "CONSENT",
            List.of("toestemming", "toestemmingen"),
            List.of("consent", "consents"),
            (t, a) -> command(t))
        .button(Actions.CONSENT_WITHDRAW, step(this::withdraw))
        .form(Forms.CONSENT, (t, code, about) -> form(t), this::submit);
  }

  /**
   * {@code consent}: the register, privately, and for a partner who may record one, the form.
   * Informed-only people read it; nobody else.
   */
  Outcome command(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.CONSENT_PARTNERS_ONLY);
    boolean records = mayRecord(c, turn);
    turn.answer(cards.consents(c, turn.speakerLanguage(), turn.now(), records));
    return records ? Outcome.open(form(turn, c)) : Outcome.NOTHING;
  }

  /** The form, opened from a button. */
  Outcome form(Turn turn) {
    return Outcome.open(form(turn, requireRecorder(turn)));
  }

  Outcome submit(Turn turn, Map<String, String> values) {
    Case c = requireRecorder(turn);
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    LocalDate today = cards.today(turn.now());
    FormReader form = new FormReader(values, turn);
    Optional<GivenBy> givenBy = form.choice("givenBy", GivenBy.class, true);
    Optional<Basis> basis = form.choice("basis", Basis.class, true);
    String label = form.text("label", false, ConsentTerms.LABEL_MAX);
    if (basis.orElse(null) == Basis.LEGAL_BASIS && label.isEmpty()) {
      form.error("label", "form.consent.label-needed");
    }
    List<InfoKind> kinds =
        form.several("kinds", keys(InfoKind.values()), true).stream()
            .map(k -> Cards.fromKey(InfoKind.class, k))
            .toList();
    List<String> towards = form.several("towards", towardsValues(c), true);
    String purpose = form.text("purpose", true, ConsentTerms.PURPOSE_MAX);
    Optional<LocalDate> informed = form.date("informed", true);
    Optional<LocalDate> until = form.date("until", false);
    if (informed.filter(d -> d.isAfter(today)).isPresent()) {
      form.error("informed", "form.consent.informed-future");
    }
    if (until.filter(d -> d.isBefore(today) || d.isBefore(informed.orElse(d))).isPresent()) {
      form.error("until", "form.consent.until-past");
    }
    if (!form.ok()) {
      return Outcome.open(form(turn, c).withErrors(form.values(), form.errors()));
    }
    ConsentTerms terms =
        new ConsentTerms(
            givenBy.orElseThrow(),
            basis.orElseThrow(),
            label,
            kinds,
            towards.stream()
                .filter(t -> !t.startsWith(ROLE_PREFIX))
                .map(t -> Integer.parseInt(t.substring(1)))
                .toList(),
            towards.stream()
                .filter(t -> t.startsWith(ROLE_PREFIX))
                .map(t -> Cards.fromKey(Role.class, t.substring(ROLE_PREFIX.length())))
                .toList(),
            purpose,
            informed.orElseThrow(),
            until.orElse(null));
    Case after = turn.change(now -> now.recordConsent(turn.user(), terms, today, turn.now()));
    if (!turn.wrote()) {
      turn.answer("consent.already");
      return Outcome.FORM_DONE;
    }
    Reply.Builder answer =
        Reply.builder().text(turn.t("consent.recorded", after.consents().nextNumber() - 1));
    if (terms.givenBy() == GivenBy.PARENTS) {
      // No age is stored: Kring can only remind that an older pupil decides for themselves.
      answer.note(turn.t("consent.pupil-twelve"));
    }
    turn.answer(answer.build());
    announce(turn, after);
    return Outcome.FORM_DONE;
  }

  /** A withdraw button: value {@code <case code>:<number>}. */
  void withdraw(Turn turn, String value) {
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || !parts[1].matches("\\d{1,4}")) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
    turn.enterCase(parts[0]);
    int number = Integer.parseInt(parts[1]);
    Case after = turn.change(c -> c.withdrawConsent(turn.user(), number, turn.now()));
    if (!turn.wrote()) {
      turn.answer("consent.already-withdrawn", number);
      return;
    }
    turn.answer("consent.withdrawn", number);
    announce(turn, after);
  }

  /**
   * A short private reminder to the coordinator when a case starts to run without any consent
   * recorded: sharing between school and CLB needs it.
   */
  public void remindIfMissing(Turn turn, Case c) {
    if (c.consents().recorded(cards.today(turn.now()))) {
      return;
    }
    c.coordinator()
        .filter(Partner::hasAccount)
        .ifPresent(
            coordinator -> {
              Language lang = turn.languageOf(coordinator.user());
              turn.tell(
                  coordinator.user(),
                  Reply.builder()
                      .text(Texts.get(lang, "consent.reminder", cards.title(c)))
                      .button(
                          Texts.get(lang, "button.consent-record"),
                          Actions.OPEN_FORM,
                          Forms.CONSENT + " " + c.code().value())
                      .build());
            });
  }

  /** The channel hears who changed the register and whether consent is recorded; no details. */
  private void announce(Turn turn, Case after) {
    Partner by = after.partner(turn.user()).orElseThrow();
    boolean recorded = after.consents().recorded(cards.today(turn.now()));
    turn.announce(
        Reply.text(
            turn.tc(
                "consent.channel",
                by.displayName(),
                turn.tc(recorded ? "consent.status.recorded" : "consent.status.missing"))));
  }

  private Form form(Turn turn, Case c) {
    List<Form.Option> givenBy = new ArrayList<>();
    for (GivenBy who : GivenBy.values()) {
      givenBy.add(new Form.Option(Cards.key(who), turn.t("consent.given-by." + Cards.key(who))));
    }
    List<Form.Option> bases = new ArrayList<>();
    for (Basis basis : Basis.values()) {
      bases.add(new Form.Option(Cards.key(basis), turn.t("consent.basis." + Cards.key(basis))));
    }
    List<Form.Option> kinds = new ArrayList<>();
    for (InfoKind kind : InfoKind.values()) {
      kinds.add(new Form.Option(Cards.key(kind), turn.t(kind.nameKey())));
    }
    List<Form.Option> towards = new ArrayList<>();
    for (Partner p : c.partners()) {
      towards.add(new Form.Option(p.handle(), cards.handleName(p, turn.speakerLanguage())));
    }
    for (Role role : Role.values()) {
      towards.add(
          new Form.Option(
              ROLE_PREFIX + Cards.key(role),
              turn.t("consent.towards-role", turn.t(role.nameKey()))));
    }
    String today = cards.today(turn.now()).format(FormReader.SHOWN_DATE);
    List<Form.Input> inputs =
        List.of(
            choice(
                "givenBy",
                turn.t("form.consent.given-by"),
                Form.Kind.CHOICE,
                true,
                givenBy,
                "",
                turn.t("form.consent.given-by-hint")),
            choice(
                "basis",
                turn.t("form.consent.basis"),
                Form.Kind.CHOICE,
                true,
                bases,
                "consent",
                ""),
            input(
                "label",
                turn.t("form.consent.label"),
                Form.Kind.TEXT,
                false,
                ConsentTerms.LABEL_MAX,
                "",
                turn.t("form.consent.label-hint")),
            choice(
                "kinds", turn.t("form.consent.kinds"), Form.Kind.MULTI_CHOICE, true, kinds, "", ""),
            choice(
                "towards",
                turn.t("form.consent.towards"),
                Form.Kind.MULTI_CHOICE,
                true,
                towards,
                "",
                turn.t("form.consent.towards-hint")),
            input(
                "purpose",
                turn.t("form.consent.purpose"),
                Form.Kind.TEXT,
                true,
                ConsentTerms.PURPOSE_MAX,
                "",
                turn.t("form.consent.purpose-hint")),
            input(
                "informed",
                turn.t("form.consent.informed"),
                Form.Kind.TEXT,
                true,
                10,
                today,
                turn.t("form.consent.date-hint")),
            input(
                "until",
                turn.t("form.consent.until"),
                Form.Kind.TEXT,
                false,
                10,
                "",
                turn.t("form.consent.until-hint")));
    return new Form(
        Forms.CONSENT,
        turn.t("form.consent.title", cards.title(c)),
        turn.t("form.consent.intro"),
        inputs,
        turn.t("form.save"),
        Map.of(Forms.CASE, c.code().value()));
  }

  private static boolean mayRecord(Case c, Turn turn) {
    return c.permission(turn.user(), Action.RECORD_CONSENT) == Permission.ALLOWED;
  }

  private static Case requireRecorder(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.RECORD_CONSENT, RefusalReason.CONSENT_WHO);
    return c;
  }

  private static List<String> towardsValues(Case c) {
    List<String> values = new ArrayList<>();
    c.partners().forEach(p -> values.add(p.handle()));
    for (Role role : Role.values()) {
      values.add(ROLE_PREFIX + Cards.key(role));
    }
    return values;
  }

  static List<String> keys(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Cards::key).toList();
  }
}
