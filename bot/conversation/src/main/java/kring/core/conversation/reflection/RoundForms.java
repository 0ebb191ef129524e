package kring.core.conversation.reflection;

import static kring.core.conversation.FormReader.input;
import static kring.core.conversation.reflection.Rounds.DEFAULT_DAYS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Cards;
import kring.core.conversation.Forms;
import kring.core.conversation.Turn;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.reflection.Answer;
import kring.core.reflection.AnswerType;
import kring.core.reflection.Question;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.Summary;
import kring.core.reflection.Theme;
import kring.core.reply.Form;

/**
 * The forms of reflection rounds and how their values are read: the coordinator's start form and a
 * partner's private answer form, a round named by a button or a form, and a theme typed after the
 * command.
 */
final class RoundForms {

  private final Cards cards;

  RoundForms(Cards cards) {
    this.cards = cards;
  }

  static final String SIGN = "sign";

  static final String PREFIX = "q.";

  /** The round a submitted form names, refusing a form of another case or a malformed number. */
  static int roundOf(Case c, Map<String, String> values) {
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    String number = values.getOrDefault(Forms.ROUND, "");
    if (number == null || !number.matches("\\d{1,4}")) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    return Integer.parseInt(number);
  }

  /** Reads {@code <case code>:<round>} from a button, refusing a code from another case. */
  static int roundFrom(Turn turn, String value) {
    String[] parts = value == null ? new String[0] : value.split(":", 2);
    if (parts.length != 2 || !parts[1].matches("\\d{1,4}")) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    turn.enterCase(parts[0]);
    return Integer.parseInt(parts[1]);
  }

  Form answerForm(Turn turn, Case c, ReflectionRound round, Map<String, Answer> saved) {
    Language lang = turn.speakerLanguage();
    List<Form.Input> inputs = new ArrayList<>();
    boolean anyOpen = false;
    boolean signed = false;
    for (Question question : round.questions()) {
      String name = PREFIX + question.id();
      String label = Summary.wording(question, lang);
      Answer before = saved.get(question.id());
      String value = before == null ? "" : before.value();
      if (question.type() == AnswerType.OPEN) {
        anyOpen = true;
        signed |= before != null && before.signed();
        inputs.add(input(name, label, Form.Kind.LONG_TEXT, false, AnswerType.OPEN_MAX, value, ""));
        continue;
      }
      List<Form.Option> options = new ArrayList<>();
      for (String v : question.values()) {
        String shown =
            question.type() == AnswerType.SCALE
                ? Texts.get(lang, "reflection.scale." + v)
                : Summary.valueLabel(question, v, lang);
        options.add(new Form.Option(v, shown));
      }
      inputs.add(
          new Form.Input(name, label, Form.Kind.CHOICE, false, 20, options, value, "", null));
    }
    if (anyOpen) {
      inputs.add(
          new Form.Input(
              SIGN,
              turn.t("reflection.form.sign"),
              Form.Kind.CHOICE,
              false,
              5,
              List.of(
                  new Form.Option("no", turn.t("reflection.form.sign-no")),
                  new Form.Option("yes", turn.t("reflection.form.sign-yes"))),
              signed ? "yes" : "no",
              "",
              null));
    }
    return new Form(
        Forms.ROUND_ANSWERS,
        turn.t(Rounds.kindKey(round, "reflection.form.title"), round.number()),
        turn.t("reflection.form.intro", cards.date(round.closesAt(), lang)),
        inputs,
        turn.t("reflection.form.save"),
        Map.of(Forms.CASE, c.code().value(), Forms.ROUND, String.valueOf(round.number())));
  }

  Form startForm(Turn turn, Case c) {
    List<Form.Option> themes = new ArrayList<>();
    themes.add(new Form.Option("none", turn.t("reflection.start.no-focus")));
    List<Form.Option> ownThemes = new ArrayList<>();
    for (Theme theme : Theme.values()) {
      themes.add(new Form.Option(theme.key(), turn.t(theme.nameKey())));
      ownThemes.add(new Form.Option(theme.key(), turn.t(theme.nameKey())));
    }
    List<Form.Input> inputs = new ArrayList<>();
    inputs.add(
        input(
            "days",
            turn.t("reflection.start.days"),
            Form.Kind.NUMBER,
            true,
            2,
            String.valueOf(DEFAULT_DAYS),
            turn.t("reflection.start.days-hint")));
    inputs.add(
        new Form.Input(
            "focus",
            turn.t("reflection.start.focus"),
            Form.Kind.CHOICE,
            false,
            30,
            themes,
            "none",
            "",
            null));
    inputs.add(
        input(
            "own",
            turn.t("reflection.start.own"),
            Form.Kind.TEXT,
            false,
            Question.OWN_MAX,
            "",
            turn.t("reflection.start.own-hint")));
    inputs.add(
        new Form.Input(
            "ownType",
            turn.t("reflection.start.own-type"),
            Form.Kind.CHOICE,
            false,
            20,
            List.of(
                new Form.Option("scale", turn.t("reflection.start.own-scale")),
                new Form.Option("yes-partly-no", turn.t("reflection.start.own-yes-no")),
                new Form.Option("open", turn.t("reflection.start.own-open"))),
            "scale",
            "",
            null));
    inputs.add(
        new Form.Input(
            "ownTheme",
            turn.t("reflection.start.own-theme"),
            Form.Kind.CHOICE,
            false,
            30,
            ownThemes,
            Theme.EVALUATION.key(),
            "",
            null));
    return new Form(
        Forms.ROUND_START,
        turn.t("reflection.start.title", cards.title(c)),
        turn.t("reflection.start.intro"),
        inputs,
        turn.t("reflection.start.submit"),
        Map.of(Forms.CASE, c.code().value()));
  }

  static Optional<AnswerType> ownType(String value) {
    return switch (value) {
      case "scale" -> Optional.of(AnswerType.SCALE);
      case "yes-partly-no" -> Optional.of(AnswerType.YES_PARTLY_NO);
      case "open" -> Optional.of(AnswerType.OPEN);
      default -> Optional.empty();
    };
  }

  /** A theme by its form key, or by a Dutch or English word people type after the command. */
  static Optional<Theme> theme(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (Theme theme : Theme.values()) {
      if (theme.key().equals(lower)) {
        return Optional.of(theme);
      }
    }
    return Optional.ofNullable(
        switch (lower) {
          case "communicatie" -> Theme.COMMUNICATION;
          case "doel", "goal", "visie", "vision" -> Theme.SHARED_GOAL;
          case "rollen", "taken", "role", "tasks" -> Theme.ROLES;
          case "evaluatie" -> Theme.EVALUATION;
          case "vertrouwen" -> Theme.TRUST;
          case "elkaar", "kennen", "knowing" -> Theme.KNOWING_EACH_OTHER;
          default -> null;
        });
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
