package kring.core.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * What someone typed, read as a command. Text is untrusted: it is bounded, stripped of the bot's
 * own name and mentions, and split into the command word and the rest.
 *
 * @param command the command, or null when the word is unknown
 * @param word the first word as typed (lower case), empty when nothing was typed
 * @param args the rest, stripped
 */
public record Parsed(Command command, String word, String args) {

  /** The longest text Kring reads; longer text is refused before it is parsed. */
  public static final int MAX_TEXT = 4000;

  public static Parsed of(String text, Entries entries) {
    String rest = text == null ? "" : text.strip();
    // Mentions arrive as "<@U123>" (Slack) or "<at>Kring</at>" (Teams); the slash command as
    // "/kring".
    rest = rest.replaceFirst("^(<@[^>]{1,64}>|<at>[^<]{0,64}</at>|@?/?kring\\b[:,]?)\\s*", "");
    rest = rest.strip();
    if (rest.isEmpty()) {
      return new Parsed(null, "", "");
    }
    String[] parts = rest.split("\\s+", 3);
    if (parts.length > 1) {
      // A command of two words ("vrije dag", "free day") wins over a one-word command.
      String twoWords = (parts[0] + " " + parts[1]).toLowerCase(Locale.ROOT);
      Optional<Command> command = entries.command(twoWords);
      if (command.isPresent()) {
        return new Parsed(command.get(), twoWords, parts.length > 2 ? parts[2].strip() : "");
      }
    }
    String[] wordAndArgs = rest.split("\\s+", 2);
    String word = wordAndArgs[0].toLowerCase(Locale.ROOT);
    String args = wordAndArgs.length > 1 ? wordAndArgs[1].strip() : "";
    return new Parsed(entries.command(word).orElse(null), word, args);
  }

  Optional<Command> known() {
    return Optional.ofNullable(command);
  }
}
