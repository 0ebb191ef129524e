package kring.core.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import kring.core.i18n.Language;
import kring.core.store.TurnRead;

/**
 * A command people type, with its Dutch and English words (one word, or two with a space), as a
 * feature declares it ({@link Feature}). Any word works in any case: people mix languages. The help
 * text of each is {@code command.<name>.help}.
 */
public final class Command {

  private final String name;
  private final List<String> dutch;
  private final List<String> english;
  private final Entries.Handler handler;
  private final Function<String, Set<TurnRead.Extra>> reads;

  Command(
      String name,
      List<String> dutch,
      List<String> english,
      Function<String, Set<TurnRead.Extra>> reads,
      Entries.Handler handler) {
    if (!name.matches("[A-Z][A-Z_]{0,40}") || dutch.isEmpty() || english.isEmpty()) {
      throw new IllegalArgumentException("A command needs a name and words: " + name);
    }
    this.name = name;
    this.dutch = List.copyOf(dutch);
    this.english = List.copyOf(english);
    this.handler = handler;
    this.reads = reads;
  }

  /** The command's name, such as {@code FREE_DAY}. */
  public String name() {
    return name;
  }

  /** The main word in Dutch, as shown in help. */
  public String dutchWord() {
    return dutch.get(0);
  }

  /** The main word in English, as shown in help. */
  public String englishWord() {
    return english.get(0);
  }

  /** The main word in a language, as a text shows it. */
  public String word(Language language) {
    return language == Language.NL ? dutchWord() : englishWord();
  }

  /** The text key of this command's one-line help. */
  public String helpKey() {
    return "command." + name.toLowerCase(Locale.ROOT) + ".help";
  }

  /** What its turn reads with the case, as it will need it, when typed with {@code args}. */
  public Set<TurnRead.Extra> reads(String args) {
    return Set.copyOf(reads.apply(args));
  }

  /** Every word that names this command. */
  public Stream<String> words() {
    return Stream.concat(dutch.stream(), english.stream());
  }

  Outcome handle(Turn turn, String args) {
    return handler.handle(turn, args);
  }

  @Override
  public String toString() {
    return name;
  }
}
