package kring.core.reply;

import java.util.List;
import java.util.Map;
import kring.core.i18n.BidiControls;

/**
 * A form Kring opens for one person (a Slack modal, a Teams dialog, a playground panel). It is
 * never posted in a channel; it is opened in answer to that person's own click or command.
 *
 * @param id which form, for example {@code agreement.goal}
 * @param title the title
 * @param intro a short explanation above the inputs, or empty
 * @param inputs the inputs
 * @param submitLabel what the submit button says
 * @param hidden values that travel with the form and come back on submit (case code, version)
 */
public record Form(
    String id,
    String title,
    String intro,
    List<Input> inputs,
    String submitLabel,
    Map<String, String> hidden) {

  public Form {
    title = BidiControls.strip(title);
    intro = BidiControls.strip(intro);
    submitLabel = BidiControls.strip(submitLabel);
    inputs = List.copyOf(inputs);
    hidden = Map.copyOf(hidden);
  }

  /** The same form showing what the person typed and what is wrong with it. */
  public Form withErrors(Map<String, String> values, Map<String, String> errors) {
    List<Input> shown =
        inputs.stream()
            .map(i -> i.showing(values.getOrDefault(i.name(), i.value()), errors.get(i.name())))
            .toList();
    return new Form(id, title, intro, shown, submitLabel, hidden);
  }

  /**
   * One input.
   *
   * @param name the key its value comes back under
   * @param label what it asks
   * @param kind short text, long text, a choice or a number
   * @param required whether it must be filled
   * @param maxLength the longest accepted value
   * @param options the choices, for a choice
   * @param value the current value, or empty
   * @param hint a short help text, or empty
   * @param error what is wrong with the value, or null
   */
  public record Input(
      String name,
      String label,
      Kind kind,
      boolean required,
      int maxLength,
      List<Option> options,
      String value,
      String hint,
      String error) {

    public Input {
      options = List.copyOf(options);
      label = BidiControls.strip(label);
      value = value == null ? "" : BidiControls.strip(value);
      hint = hint == null ? "" : BidiControls.strip(hint);
      error = BidiControls.strip(error);
    }

    Input showing(String newValue, String newError) {
      return new Input(name, label, kind, required, maxLength, options, newValue, hint, newError);
    }
  }

  /**
   * What kind of value an input takes. A multiple choice's value is its chosen option values joined
   * by {@link #SEPARATOR}, on every platform.
   */
  public enum Kind {
    TEXT,
    LONG_TEXT,
    CHOICE,
    MULTI_CHOICE,
    NUMBER
  }

  /** Joins the chosen values of a multiple choice; no option value contains it. */
  public static final String SEPARATOR = ",";

  /**
   * One choice.
   *
   * @param value what comes back
   * @param label what the person sees
   */
  public record Option(String value, String label) {

    public Option {
      if (value == null || value.contains(SEPARATOR)) {
        throw new IllegalArgumentException("An option's value is a short key without a comma");
      }
      label = BidiControls.strip(label);
    }
  }
}
