package kring.teams;

/**
 * What Kring knows of a person on Teams to reach them: how to mention them, and their personal chat
 * with Kring when the app is installed for them.
 *
 * @param teamsId their id in Bot Framework activities ({@code 29:...}), used in mentions
 * @param name their display name, used in mentions
 * @param personalChat the personal chat with Kring, or null
 */
record TeamsPerson(String teamsId, String name, Address personalChat) {

  TeamsPerson withPersonalChat(Address chat) {
    return new TeamsPerson(teamsId, name, chat);
  }
}
