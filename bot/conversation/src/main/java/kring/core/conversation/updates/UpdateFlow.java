package kring.core.conversation.updates;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.FormReader.choice;
import static kring.core.conversation.FormReader.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
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
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.updates.FeedbackRequest;
import kring.core.updates.SharingGround;

/**
 * Updates: a partner posts short news through Kring (or says there is nothing new), optionally
 * asking some partners for feedback, who then say "seen" or "answered". Kring posts the text and
 * keeps only who gave news when, and who was asked and answered.
 *
 * <p>News of a sensitive kind first gets a second step: three quick questions (needed for the
 * others' task? consent or another ground? who needs to see it?), a warning where no consent record
 * covers the recipients, and the offer to share "that", not "what". The partner decides; nothing is
 * blocked. The text travels in the second step's own input, never in Kring's records.
 */
public final class UpdateFlow implements Feature {

  /** An update is short news, not a report. */
  static final int TEXT_MAX = 1500;

  private static final String NOBODY = "nobody";
  private static final String EVERYONE = "everyone";
  private static final String KIND = "kind";
  private static final String FEEDBACK = "feedback";

  /** Do the others need it for their task? */
  enum Needed {
    YES,
    NO,
    UNSURE
  }

  /** Who needs to see it: the whole channel, or only some partners, privately. */
  enum Audience {
    CHANNEL,
    CHOSEN
  }

  /** The text itself, or only that there is news ("share that, not what"). */
  enum Share {
    TEXT,
    THAT
  }

  private final Cards cards;

  public UpdateFlow(Cards cards) {
    this.cards = cards;
  }

  /** Posting news, nothing new this time, and answering a request for feedback. */
  @Override
  public void declare(Entries entries) {
    entries
        .command(
            "UPDATE", List.of("nieuws", "bijwerking"), List.of("update", "news"), this::command)
        .button(
            Actions.NOTHING_NEW,
            step(
                (t, v) -> {
                  t.enterCase(v);
                  nothingNew(t);
                }))
        .button(Actions.FEEDBACK_SEEN, step((t, v) -> feedbackGiven(t, v, false)))
        .button(Actions.FEEDBACK_ANSWERED, step((t, v) -> feedbackGiven(t, v, true)))
        .form(Forms.UPDATE, (t, code, about) -> form(t), this::submit)
        .form(Forms.UPDATE_CHECK, null, this::submitCheck);
  }

  /** {@code update}: the form; {@code update nothing} says there is no news. */
  Outcome command(Turn turn, String args) {
    String word = args == null ? "" : args.strip().toLowerCase(Locale.ROOT);
    if (List.of("niets", "nothing", "niets nieuws", "nothing new").contains(word)) {
      nothingNew(turn);
      return Outcome.NOTHING;
    }
    return form(turn);
  }

  Outcome form(Turn turn) {
    return Outcome.open(form(turn, requirePoster(turn)));
  }

  private Form form(Turn turn, Case c) {
    List<Form.Option> options = new ArrayList<>();
    options.add(new Form.Option(NOBODY, turn.t("update.form.nobody")));
    List<Partner> others = others(c, turn);
    if (others.size() > 1) {
      options.add(new Form.Option(EVERYONE, turn.t("update.form.everyone")));
    }
    others.forEach(p -> options.add(new Form.Option(p.handle(), p.displayName())));
    List<Form.Option> kinds = new ArrayList<>();
    kinds.add(new Form.Option(Cards.key(InfoKind.PRACTICAL), turn.t("update.form.kind-none")));
    for (InfoKind kind : InfoKind.values()) {
      if (kind.sensitive()) {
        kinds.add(new Form.Option(Cards.key(kind), turn.t(kind.nameKey())));
      }
    }
    List<Form.Input> inputs =
        List.of(
            input(
                "text",
                turn.t("update.form.text"),
                Form.Kind.LONG_TEXT,
                true,
                TEXT_MAX,
                "",
                turn.t("update.form.text-hint")),
            choice(
                KIND,
                turn.t("update.form.kind"),
                Form.Kind.CHOICE,
                true,
                kinds,
                Cards.key(InfoKind.PRACTICAL),
                turn.t("update.form.kind-hint")),
            choice(
                FEEDBACK,
                turn.t("update.form.feedback"),
                Form.Kind.CHOICE,
                false,
                options,
                NOBODY,
                ""));
    return new Form(
        Forms.UPDATE,
        turn.t("update.form.title", cards.title(c)),
        turn.t("update.form.intro"),
        inputs,
        turn.t("update.form.submit"),
        Map.of(Forms.CASE, c.code().value()));
  }

  Outcome submit(Turn turn, Map<String, String> values) {
    Case c = requirePoster(turn);
    requireThisCase(c, values);
    FormReader form = new FormReader(values, turn);
    String text = form.text("text", true, TEXT_MAX);
    InfoKind kind = form.choice(KIND, InfoKind.class, false).orElse(InfoKind.PRACTICAL);
    List<Partner> asked = asked(c, turn, form);
    if (!form.ok()) {
      return Outcome.open(form(turn, c).withErrors(form.values(), form.errors()));
    }
    if (kind.sensitive()) {
      // Nothing is written yet: the check decides what goes where.
      return Outcome.open(checkForm(turn, c, text, kind, feedbackOf(values)));
    }
    publish(turn, asked, Share.TEXT, kind, text, null);
    turn.answer("update.done");
    return Outcome.FORM_DONE;
  }

  /** The second step of a sensitive update: the three questions, then it goes out as chosen. */
  Outcome submitCheck(Turn turn, Map<String, String> values) {
    Case c = requirePoster(turn);
    requireThisCase(c, values);
    FormReader form = new FormReader(values, turn);
    InfoKind kind =
        form.choice(KIND, InfoKind.class, true)
            .filter(InfoKind::sensitive)
            .orElseThrow(() -> new Refusal(RefusalReason.BAD_FORM));
    String text = form.text("text", true, TEXT_MAX);
    form.choice("needed", Needed.class, true);
    Optional<SharingGround> ground = form.choice("ground", SharingGround.class, true);
    Optional<Audience> audience = form.choice("audience", Audience.class, true);
    Optional<Share> share = form.choice("share", Share.class, true);
    List<Partner> recipients = recipients(c, turn);
    List<String> chosen =
        form.several("to", recipients.stream().map(Partner::handle).toList(), false);
    if (audience.orElse(null) == Audience.CHOSEN && chosen.isEmpty() && form.ok()) {
      form.error("to", "update.check.choose-recipients");
    }
    List<Partner> asked = asked(c, turn, form);
    if (!form.ok()) {
      return Outcome.open(
          checkForm(turn, c, text, kind, feedbackOf(values))
              .withErrors(form.values(), form.errors()));
    }
    List<Partner> to =
        audience.get() == Audience.CHANNEL
            ? null
            : recipients.stream().filter(p -> chosen.contains(p.handle())).toList();
    if (to != null) {
      asked = asked.stream().filter(to::contains).toList();
    }
    publish(turn, asked, share.get(), kind, text, to);
    // That it was shared, of which kind, on which ground and with whom: never what.
    List<Integer> toSeqs = to == null ? List.of() : to.stream().map(Partner::seq).toList();
    turn.change(
        now ->
            now.sharedSensitive(
                turn.user(), kind, ground.get(), toSeqs, share.get() == Share.THAT, turn.now()));
    List<Partner> uncovered =
        c.consents().uncovered(kind, to == null ? recipients : to, cards.today(turn.now()));
    Reply.Builder done =
        Reply.builder()
            .text(
                to == null
                    ? turn.t(share.get() == Share.THAT ? "update.check.done-that" : "update.done")
                    : turn.t("update.check.done-private", to.size()));
    if (share.get() == Share.TEXT && !uncovered.isEmpty()) {
      done.warning(turn.t("update.check.sent-uncovered", kindName(turn, kind), handles(uncovered)));
    }
    turn.answer(done.build());
    return Outcome.FORM_DONE;
  }

  private Form checkForm(Turn turn, Case c, String text, InfoKind kind, String feedback) {
    LocalDate today = cards.today(turn.now());
    List<Partner> recipients = recipients(c, turn);
    List<Partner> uncovered = c.consents().uncovered(kind, recipients, today);
    List<Form.Option> to = new ArrayList<>();
    for (Partner p : recipients) {
      String name = cards.handleName(p, turn.speakerLanguage());
      to.add(new Form.Option(p.handle(), uncovered.contains(p) ? "⚠ " + name : name));
    }
    Partner me = c.partner(turn.user()).orElseThrow();
    List<String> intro = new ArrayList<>();
    if (recipients.isEmpty() || uncovered.isEmpty()) {
      intro.add(turn.t("update.check.covered", kindName(turn, kind)));
    } else if (c.consents().records().isEmpty()) {
      intro.add("⚠ " + turn.t("update.check.no-consent"));
    } else {
      intro.add("⚠ " + turn.t("update.check.uncovered", kindName(turn, kind), handles(uncovered)));
    }
    intro.add(turn.t("update.check.channel-note"));
    intro.add(turn.t("update.check.that-example", that(me, kind, turn.speakerLanguage())));
    List<Form.Input> inputs =
        List.of(
            input(
                "text", turn.t("update.check.text"), Form.Kind.LONG_TEXT, true, TEXT_MAX, text, ""),
            choice(
                "needed",
                turn.t("update.check.needed"),
                Form.Kind.CHOICE,
                true,
                options(turn, "update.check.needed.", Needed.values()),
                "",
                ""),
            choice(
                "ground",
                turn.t("update.check.ground"),
                Form.Kind.CHOICE,
                true,
                options(turn, "update.check.ground.", SharingGround.values()),
                "",
                ""),
            choice(
                "audience",
                turn.t("update.check.audience"),
                Form.Kind.CHOICE,
                true,
                options(turn, "update.check.audience.", Audience.values()),
                "",
                ""),
            choice(
                "to",
                turn.t("update.check.to"),
                Form.Kind.MULTI_CHOICE,
                false,
                to,
                "",
                turn.t("update.check.to-hint")),
            choice(
                "share",
                turn.t("update.check.share"),
                Form.Kind.CHOICE,
                true,
                options(turn, "update.check.share.", Share.values()),
                "",
                ""));
    // The intro names as many questions as the form asks: the required choices after the text.
    long questions =
        inputs.stream().filter(i -> i.required() && i.kind() == Form.Kind.CHOICE).count();
    intro.add(0, turn.t("update.check.intro", kindName(turn, kind), questions));
    return new Form(
        Forms.UPDATE_CHECK,
        turn.t("update.check.title", cards.title(c)),
        String.join("\n", intro),
        inputs,
        turn.t("update.form.submit"),
        Map.of(Forms.CASE, c.code().value(), KIND, Cards.key(kind), FEEDBACK, feedback));
  }

  /**
   * Marks the update and posts it: in the channel ({@code to} null) or privately to each chosen
   * partner, in their own language; the text, or only that there is news.
   */
  private void publish(
      Turn turn, List<Partner> asked, Share share, InfoKind kind, String text, List<Partner> to) {
    Case after =
        turn.change(
            now -> {
              Case marked = now.updated(turn.user(), false, turn.now());
              return asked.isEmpty()
                  ? marked
                  : marked.askFeedback(
                      turn.user(), asked.stream().map(Partner::seq).toList(), turn.now());
            });
    Partner from = after.partner(turn.user()).orElseThrow();
    Optional<FeedbackRequest> request =
        asked.isEmpty()
            ? Optional.empty()
            : Optional.of(after.activity().feedback().get(after.activity().feedback().size() - 1));
    if (to == null) {
      turn.announce(post(after, from, asked, request, share, kind, text, turn.caseLanguage()));
    } else {
      for (Partner p : to) {
        turn.tell(
            p.user(),
            post(after, from, asked, request, share, kind, text, turn.languageOf(p.user())));
      }
    }
  }

  private Reply post(
      Case c,
      Partner from,
      List<Partner> asked,
      Optional<FeedbackRequest> request,
      Share share,
      InfoKind kind,
      String text,
      Language lang) {
    Reply.Builder post =
        Reply.builder().heading(Texts.get(lang, "update.posted.title", cards.name(from, lang)));
    post.text(share == Share.THAT ? that(from, kind, lang) : text);
    request.ifPresent(
        r -> {
          String names = asked.stream().map(Partner::displayName).collect(Collectors.joining(", "));
          String value = c.code().value() + ":" + r.number();
          post.note(Texts.get(lang, "update.posted.feedback", from.displayName(), names))
              .primary(Texts.get(lang, "button.answered"), Actions.FEEDBACK_ANSWERED, value)
              .button(Texts.get(lang, "button.seen"), Actions.FEEDBACK_SEEN, value);
        });
    return post.build();
  }

  /** "P2 (CLB) has new information about health — contact them." */
  private static String that(Partner from, InfoKind kind, Language lang) {
    String role =
        from.role() == null
            ? Texts.get(lang, "card.role-unknown")
            : Texts.get(lang, from.role().nameKey());
    return Texts.get(lang, "update.that", from.handle(), role, Texts.get(lang, kind.nameKey()));
  }

  void nothingNew(Turn turn) {
    requirePoster(turn);
    turn.change(c -> c.updated(turn.user(), true, turn.now()));
    turn.answer("update.nothing-new");
  }

  /** An addressed partner saw or answered an update; the poster is not bothered with it. */
  void feedbackGiven(Turn turn, String value, boolean answered) {
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || !parts[1].matches("\\d{1,6}")) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    turn.enterCase(parts[0]);
    int number = Integer.parseInt(parts[1]);
    turn.change(c -> c.feedbackGiven(turn.user(), number, turn.now()));
    turn.answer(answered ? "feedback.answered" : "feedback.seen");
  }

  /** Who the update asks for feedback, as the form's choice says; marks an unknown choice. */
  private static List<Partner> asked(Case c, Turn turn, FormReader form) {
    String feedback = form.text(FEEDBACK, false, 10);
    List<Partner> others = others(c, turn);
    List<Partner> asked =
        switch (feedback.isEmpty() ? NOBODY : feedback) {
          case NOBODY -> List.of();
          case EVERYONE -> others;
          default -> others.stream().filter(p -> p.handle().equals(feedback)).toList();
        };
    if (!feedback.isEmpty() && !NOBODY.equals(feedback) && asked.isEmpty()) {
      form.error(FEEDBACK, "form.choose");
    }
    return asked;
  }

  /** The feedback choice the first step made, to carry into the second. */
  private static String feedbackOf(Map<String, String> values) {
    String feedback = values.get(FEEDBACK);
    return feedback == null || feedback.isBlank() ? NOBODY : feedback.strip();
  }

  private static void requireThisCase(Case c, Map<String, String> values) {
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
  }

  private static Case requirePoster(Turn turn) {
    Case c = turn.requireCase();
    if (c.permission(turn.user(), Action.POST_UPDATE) != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? RefusalReason.INFORMED_ONLY_UPDATE
              : RefusalReason.NOT_A_PARTNER);
    }
    if (c.status() != CaseStatus.ACTIVE) {
      throw new Refusal(
          c.status() == CaseStatus.CLOSED
              ? RefusalReason.CASE_CLOSED
              : RefusalReason.NOT_ACTIVE_YET,
          c.code().value());
    }
    return c;
  }

  /** The partners who can be asked for feedback: those who act, other than the poster. */
  private static List<Partner> others(Case c, Turn turn) {
    return c.partners().stream().filter(p -> p.confirms() && !p.is(turn.user())).toList();
  }

  /** Who an update can reach: everyone in the case with an account, other than the poster. */
  private static List<Partner> recipients(Case c, Turn turn) {
    return c.partners().stream().filter(p -> p.hasAccount() && !p.is(turn.user())).toList();
  }

  private static List<Form.Option> options(Turn turn, String prefix, Enum<?>[] values) {
    List<Form.Option> options = new ArrayList<>();
    for (Enum<?> value : values) {
      options.add(new Form.Option(Cards.key(value), turn.t(prefix + Cards.key(value))));
    }
    return options;
  }

  private static String kindName(Turn turn, InfoKind kind) {
    return turn.t(kind.nameKey());
  }

  private static String handles(List<Partner> partners) {
    return partners.stream()
        .map(p -> p.handle() + " " + p.displayName())
        .collect(Collectors.joining(", "));
  }
}
