package kring.teams;

import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.ChannelRef;

/**
 * The few words the Teams adapter says itself, in Dutch and English, because it speaks before the
 * core knows who is reading (a mention in a shared channel, a dialog's frame).
 */
final class TeamsTexts {

  static final String OPEN = "Openen · Open";
  static final String SHORTENED =
      "Dit bericht is ingekort; typ 'kaart' voor alles. · Shortened; type 'card' for all of it.";
  static final String GONE =
      "Dit is al geopend of niet (meer) voor jou. · This was already opened, or is not for you.";
  static final String DONE = "Ontvangen. · Received.";
  static final String DIALOG = "Kring";

  /** Kring installed for one person: their personal chat with it begins. */
  static final String PERSONAL_WELCOME =
      "Hallo, ik ben Kring. Hier krijg je wat alleen voor jou is: herinneringen, antwoorden en"
          + " formulieren. Typ “hulp” om te zien wat ik kan; in het kanaal van een casus spreek je"
          + " me aan met “@Kring”, bv. “@Kring start”. · Hello, I am Kring. Here you get what is"
          + " only for you: reminders, answers and forms. Type “help” to see what I can do; in a"
          + " case’s channel, mention me, like “@Kring start”.";

  /** How a person addresses Kring in a channel or group chat. */
  static final String MENTION = "@Kring";

  private TeamsTexts() {}

  /** What follows a person's mention in the channel: how much waits for them, privately. */
  static String waiting(int count) {
    return both("teams.waiting", count);
  }

  /** What became of a file the person accepted: saved in their OneDrive, or not. */
  static String file(boolean saved) {
    return both(saved ? "teams.file-saved" : "teams.file-not-saved");
  }

  /** A sentence in Dutch and in English, as the adapter says it before it knows the reader. */
  private static String both(String key, Object... args) {
    String english = Texts.get(Language.EN, key, args);
    return Texts.get(Language.NL, key, args)
        + " · "
        + english.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
        + english.substring(1);
  }

  /**
   * A command as it is typed in a Teams conversation: Kring reads only what mentions it in a
   * channel or group chat (their ids begin with {@code 19:}), and everything in a personal chat.
   */
  static String typed(ChannelRef channel, String command) {
    return channel.channel().startsWith("19:") ? MENTION + " " + command : command;
  }
}
