package kring.core.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The commands people type, each with its Dutch and English words (one word, or two with a space).
 * Any word works in any case: people mix languages. The help text of each is {@code
 * command.<name>.help}.
 */
public enum Command {
  START(List.of("start", "begin"), List.of("start", "begin")),
  HELP(List.of("hulp", "help", "?"), List.of("help")),
  OVERVIEW(List.of("overzicht", "mijn casussen"), List.of("overview", "my cases")),
  JOIN(List.of("aansluiten", "meedoen"), List.of("join")),
  INTRODUCE(List.of("voorstellen", "rol"), List.of("introduce", "role")),
  GOAL(List.of("doel", "afspraken"), List.of("goal", "agreement")),
  ROLES(List.of("taken", "rollen", "taakverdeling"), List.of("roles", "tasks")),
  CONFIRM(List.of("akkoord", "bevestig", "bevestigen"), List.of("agree", "confirm")),
  STATUS(List.of("stand", "status"), List.of("status")),
  CARD(List.of("kaart", "wie", "wiedoetwat"), List.of("card", "who")),
  LOG(List.of("logboek", "log"), List.of("log", "audit")),
  LANGUAGE(List.of("taal"), List.of("language")),
  SCHEDULE(List.of("planning", "agenda"), List.of("schedule")),
  HOURS(List.of("werkuren", "uren"), List.of("hours")),
  FREE_DAY(List.of("vrije dag", "vrijedag"), List.of("free day", "freeday")),
  HOLIDAYS(List.of("vakanties", "vakantie"), List.of("holidays")),
  CADENCE(List.of("ritme"), List.of("cadence", "rhythm")),
  TRANSITION(List.of("overgang", "overgangen"), List.of("transition", "transitions")),
  PAUSE(List.of("pauzeer", "pauze"), List.of("pause")),
  RESUME(List.of("hervat"), List.of("resume")),
  UPDATE(List.of("nieuws", "bijwerking"), List.of("update", "news")),
  REFLECT(List.of("reflectie", "reflecteer"), List.of("reflect", "reflection")),
  CONSENT(List.of("toestemming", "toestemmingen"), List.of("consent", "consents")),
  REPRESENT(List.of("vertegenwoordig"), List.of("represent")),
  VOICE(List.of("stem"), List.of("voice")),
  LEAVE(List.of("vertrek", "vertrekken"), List.of("leave")),
  MOVE(List.of("verhuis", "verhuizen"), List.of("move")),
  REMOVE(List.of("verwijder", "verwijderen"), List.of("remove")),
  CLOSE(List.of("afsluiten", "sluiten"), List.of("close")),
  ERASE(List.of("wis", "wissen"), List.of("erase")),
  FORGET_ME(List.of("vergeet mij", "vergeet me"), List.of("forget me"));

  private final List<String> dutch;
  private final List<String> english;

  Command(List<String> dutch, List<String> english) {
    this.dutch = dutch;
    this.english = english;
  }

  /** The main word in Dutch, as shown in help. */
  public String dutchWord() {
    return dutch.get(0);
  }

  /** The main word in English, as shown in help. */
  public String englishWord() {
    return english.get(0);
  }

  /** The text key of this command's one-line help. */
  public String helpKey() {
    return "command." + name().toLowerCase(Locale.ROOT) + ".help";
  }

  /** Every word that names this command. */
  public Stream<String> words() {
    return Stream.concat(dutch.stream(), english.stream());
  }

  /** The command a word names, in either language. */
  public static Optional<Command> forWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (Command command : values()) {
      if (command.words().anyMatch(lower::equals)) {
        return Optional.of(command);
      }
    }
    return Optional.empty();
  }
}
