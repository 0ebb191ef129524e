package kring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the tests that press every button of Kring, on each platform, share: which effect each
 * action must have, every action the core defines, the words of every refusal, and a ledger of the
 * buttons seen and pressed in each place.
 */
public final class EveryButton {

  /** What a press must visibly do. */
  public enum Effect {
    /** Opens a form (a Slack modal, a Teams dialog) for the one who pressed. */
    FORM,
    /** Changes the case as stored (or erases it), and says so. */
    CHANGE,
    /** Answers the one who pressed, or the channel. */
    ANSWER
  }

  /** Each action's effect; a button with an action not named here fails the tests until it is. */
  public static final Map<String, Effect> EFFECTS =
      Map.ofEntries(
          Map.entry("form.open", Effect.FORM),
          Map.entry("agreement.confirm", Effect.CHANGE),
          Map.entry("agreement.read", Effect.ANSWER),
          Map.entry("join.accept", Effect.CHANGE),
          Map.entry("join.decline", Effect.CHANGE),
          Map.entry("case.card", Effect.ANSWER),
          Map.entry("case.pause", Effect.CHANGE),
          Map.entry("case.resume", Effect.CHANGE),
          Map.entry("update.nothing-new", Effect.ANSWER),
          Map.entry("feedback.seen", Effect.CHANGE),
          Map.entry("feedback.answered", Effect.CHANGE),
          Map.entry("check-in.pick", Effect.CHANGE),
          Map.entry("check-in.skip", Effect.CHANGE),
          Map.entry("prompt.later", Effect.ANSWER),
          Map.entry("case.hours", Effect.CHANGE),
          Map.entry("case.holidays", Effect.CHANGE),
          Map.entry("case.cadence", Effect.CHANGE),
          Map.entry("round.start", Effect.CHANGE),
          Map.entry("round.answer", Effect.FORM),
          Map.entry("round.improve", Effect.FORM),
          Map.entry("round.close", Effect.CHANGE),
          Map.entry("round.discuss", Effect.ANSWER),
          Map.entry("team.same", Effect.ANSWER),
          Map.entry("team.left", Effect.CHANGE),
          Map.entry("partner.represent", Effect.CHANGE),
          Map.entry("case.erase", Effect.CHANGE),
          Map.entry("case.forget-me", Effect.CHANGE),
          Map.entry("case.quiet-close", Effect.CHANGE),
          Map.entry("case.quiet-keep", Effect.ANSWER),
          Map.entry("case.close-final", Effect.CHANGE),
          Map.entry("case.close-now", Effect.CHANGE),
          Map.entry("case.close-discuss", Effect.ANSWER),
          Map.entry("case.export", Effect.ANSWER),
          Map.entry("consent.withdraw", Effect.CHANGE),
          Map.entry("family.share", Effect.CHANGE));

  private static final List<String> REFUSALS = refusalWords();

  private EveryButton() {}

  /** The effect pressing this action must have; fails for an action the table does not know. */
  public static Effect effectOf(String action) {
    Effect effect = EFFECTS.get(action);
    if (effect == null) {
      throw new AssertionError(
          "Kring shows a button \""
              + action
              + "\" that EveryButton.EFFECTS does not cover: name what pressing it must do");
    }
    return effect;
  }

  /** Every action the core puts on buttons, as its {@code Actions} class defines them. */
  public static Set<String> actions() {
    Set<String> actions = new TreeSet<>();
    try {
      for (Field field : Class.forName("kring.core.conversation.Actions").getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) && field.getType() == String.class) {
          field.setAccessible(true);
          actions.add((String) field.get(null));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return actions;
  }

  /** The refusal these words hold (in Dutch or English), if any. */
  public static Optional<String> refusalIn(String words) {
    return REFUSALS.stream().filter(words::contains).findFirst();
  }

  /**
   * The start of every refusal text in both bundles, its longest stretch without a placeholder:
   * what a refused press would show.
   */
  private static List<String> refusalWords() {
    List<String> words = new ArrayList<>();
    for (String bundle : List.of("kring/texts_en.properties", "kring/texts_nl.properties")) {
      java.util.Properties texts = new java.util.Properties();
      try (InputStream in = EveryButton.class.getClassLoader().getResourceAsStream(bundle)) {
        texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String key : texts.stringPropertyNames()) {
        if (!key.startsWith("refusal.")) {
          continue;
        }
        String text = texts.getProperty(key).replace("''", "'");
        String longest = "";
        for (String part : text.split("\\{[^}]*}")) {
          longest = part.length() > longest.length() ? part : longest;
        }
        longest = longest.length() > 40 ? longest.substring(0, 40) : longest;
        if (longest.strip().length() >= 12) {
          words.add(longest);
        }
      }
    }
    return List.copyOf(words);
  }

  /** The buttons a test saw Kring show, and pressed, by action and place. */
  public static final class Ledger {

    private final Map<String, Set<String>> seen = new TreeMap<>();
    private final Map<String, Set<String>> pressed = new TreeMap<>();

    /** Kring showed this action in this place; fails at once for an action the table misses. */
    public void seen(String action, String place) {
      effectOf(action);
      seen.computeIfAbsent(action, a -> new TreeSet<>()).add(place);
    }

    public void pressed(String action, String place) {
      seen(action, place);
      pressed.computeIfAbsent(action, a -> new TreeSet<>()).add(place);
    }

    public boolean wasPressed(String action, String place) {
      return pressed.getOrDefault(action, Set.of()).contains(place);
    }

    /** Each action seen somewhere without being pressed there, with those places. */
    public Map<String, Set<String>> notPressed() {
      Map<String, Set<String>> missing = new TreeMap<>();
      seen.forEach(
          (action, places) -> {
            Set<String> left = new TreeSet<>(places);
            left.removeAll(pressed.getOrDefault(action, Set.of()));
            if (!left.isEmpty()) {
              missing.put(action, left);
            }
          });
      return missing;
    }

    /** The actions pressed somewhere. */
    public Set<String> pressedActions() {
      return new TreeSet<>(pressed.keySet());
    }

    /** The table of actions and the places each was pressed in. */
    public Map<String, Set<String>> pressedPlaces() {
      Map<String, Set<String>> copy = new TreeMap<>();
      pressed.forEach((a, p) -> copy.put(a, new TreeSet<>(p)));
      return copy;
    }
  }
}
