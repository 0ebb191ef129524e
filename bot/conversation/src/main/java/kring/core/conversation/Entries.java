package kring.core.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kring.core.store.TurnRead;

/**
 * Every entry point of Kring: the commands, button actions and forms its features declare ({@link
 * Feature}). Built once from the features; a word, action or form id declared twice fails the
 * start, so that no feature silently takes another's.
 */
public final class Entries {

  /**
   * The action of a button that opens a form, which the conversation answers itself; the value is
   * the form id, then the case code and what the form is about where the button needs them.
   */
  public static final String OPEN_FORM = "form.open";

  /**
   * How a feature answers a command (with what followed its word, stripped) or a pressed button
   * (with the value the button carries).
   */
  @FunctionalInterface
  public interface Handler {
    Outcome handle(Turn turn, String input);
  }

  /** A handler that answers with nothing to open. */
  @FunctionalInterface
  public interface Step {
    void take(Turn turn, String input);
  }

  /**
   * Opens a form from a button: {@code code} is what followed the form id (the case code, where the
   * button names one), {@code about} what followed that (a partner number, where the form needs
   * one).
   */
  @FunctionalInterface
  public interface Opener {
    Outcome open(Turn turn, String code, String about);
  }

  /** Reads a submitted form. */
  @FunctionalInterface
  public interface Submitter {
    Outcome submit(Turn turn, Map<String, String> values);
  }

  /** Which case a form that names one binds the turn to before its handler runs. */
  public enum CaseBinding {
    /** A case the person takes part in ({@link Turn#enterCase}). */
    PARTNER,
    /** A case the person asks to join ({@link Turn#enterCaseToJoin}). */
    APPLICANT,
    /** None: the handler finds its case itself. */
    OWN
  }

  /** A form: how it binds its case, how a button opens it (null: no button does) and reads it. */
  record FormEntry(String id, CaseBinding binding, Opener opener, Submitter submitter) {}

  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final Map<String, Command> words = new LinkedHashMap<>();
  private final Map<String, Handler> buttons = new LinkedHashMap<>();
  private final Map<String, FormEntry> forms = new LinkedHashMap<>();

  private Entries() {
    buttons.put(
        OPEN_FORM,
        (turn, value) -> {
          throw new IllegalStateException("The conversation opens forms itself");
        });
  }

  /**
   * The entries of these features, in their order; a word, action or form id declared twice fails.
   */
  static Entries of(List<Feature> features) {
    Entries entries = new Entries();
    features.forEach(feature -> feature.declare(entries));
    return entries;
  }

  /** A handler of a button or command that answers with nothing to open. */
  public static Handler step(Step step) {
    return (turn, value) -> {
      step.take(turn, value);
      return Outcome.NOTHING;
    };
  }

  /** Declares a command and its words; its help text is {@code command.<name>.help}. */
  public Entries command(String name, List<String> dutch, List<String> english, Handler handler) {
    return command(name, dutch, english, Set.of(), handler);
  }

  /**
   * Declares a command whose turn reads {@code reads} with its case, in the same round trip where
   * the store can.
   */
  public Entries command(
      String name,
      List<String> dutch,
      List<String> english,
      Set<TurnRead.Extra> reads,
      Handler handler) {
    Set<TurnRead.Extra> always = Set.copyOf(reads);
    return command(name, dutch, english, args -> always, handler);
  }

  /**
   * Declares a command whose turn reads what {@code reads} makes of its arguments with its case, in
   * the same round trip where the store can.
   */
  public Entries command(
      String name,
      List<String> dutch,
      List<String> english,
      Function<String, Set<TurnRead.Extra>> reads,
      Handler handler) {
    Command command = new Command(name, dutch, english, reads, handler);
    unique(commands, name, command, "command");
    // A word may be the same in both languages ("status"), but belongs to one command.
    command
        .words()
        .map(word -> word.toLowerCase(Locale.ROOT))
        .distinct()
        .forEach(word -> unique(words, word, command, "word"));
    return this;
  }

  /** Declares the action of a button. */
  public Entries button(String action, Handler handler) {
    unique(buttons, action, handler, "button action");
    return this;
  }

  /** Declares a form a button may open, bound to a case the person takes part in. */
  public Entries form(String id, Opener opener, Submitter submitter) {
    return form(id, CaseBinding.PARTNER, opener, submitter);
  }

  /** Declares a form. */
  public Entries form(String id, CaseBinding binding, Opener opener, Submitter submitter) {
    unique(forms, id, new FormEntry(id, binding, opener, submitter), "form");
    return this;
  }

  private static <V> void unique(Map<String, V> map, String key, V value, String what) {
    if (key == null || key.isBlank() || map.putIfAbsent(key, value) != null) {
      throw new IllegalStateException("Two features declare the " + what + " '" + key + "'");
    }
  }

  /** Every command, in the order the features declared them (the order of the help). */
  public List<Command> commands() {
    return List.copyOf(commands.values());
  }

  /** The command a word names, in either language. */
  public Optional<Command> command(String word) {
    return Optional.ofNullable(words.get(word.toLowerCase(Locale.ROOT)));
  }

  /** Every action of a button the features declare. */
  public List<String> actions() {
    return buttons.keySet().stream().filter(a -> !a.equals(OPEN_FORM)).toList();
  }

  /** The names of the hidden fields of Kring's forms: no form has one of these as its id. */
  public static List<String> hiddenFields() {
    return List.of(Forms.CASE, Forms.BASE, Forms.ROUND, Forms.PARTNER);
  }

  /** Every form id. */
  public List<String> forms() {
    return List.copyOf(forms.keySet());
  }

  Optional<Handler> button(String action) {
    return Optional.ofNullable(buttons.get(action));
  }

  Optional<FormEntry> form(String id) {
    return Optional.ofNullable(forms.get(id));
  }

  /** Every word of every command, for a typo's nearest command. */
  public List<String> words() {
    return Collections.unmodifiableList(new ArrayList<>(words.keySet()));
  }
}
