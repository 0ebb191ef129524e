package kring.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kring.core.identity.Platform;
import kring.core.outbox.Posted;
import kring.json.KringJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of what Kring posted for a case, the entries of its list. The items of one
 * conversation share one entry: its head (the platform, the kind, the origin and the conversation,
 * which is empty for a file) and then their ids in the order they were posted, all separated by
 * spaces: {@code SLACK MESSAGE T04KR1NG7QZ C0123ABCDEF 1788249600.000009 1789459200.000049}. An
 * item with a space in one of its ids is an entry of its own, as its JSON, as every item was
 * before; both are read. The script that keeps them ({@code retract-record.lua}) writes the same
 * form and folds the older entries into it.
 */
final class PostedRecords {

  private static final JsonMapper JSON = KringJson.mapper();

  private PostedRecords() {}

  /** The head of an item's conversation, or empty when the item does not fit in one. */
  static Optional<String> head(Posted posted) {
    String conversation = posted.conversation() == null ? "" : posted.conversation();
    if (!word(posted.origin())
        || !word(posted.id())
        || !(conversation.isEmpty() || word(conversation))) {
      return Optional.empty();
    }
    return Optional.of(
        posted.platform().name()
            + " "
            + posted.kind().name()
            + " "
            + posted.origin()
            + " "
            + conversation);
  }

  /** An item as an entry of its own. */
  static String json(Posted posted) {
    return JSON.writeValueAsString(posted);
  }

  /**
   * The items one entry holds, each as its JSON (the form the deletion queue takes); an entry that
   * is neither form holds none that can be read.
   */
  static List<String> items(String entry) {
    if (entry.startsWith("{")) {
      return List.of(entry);
    }
    String[] words = entry.split(" ", -1);
    if (words.length < 5) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    try {
      Platform platform = Platform.valueOf(words[0]);
      Posted.Kind kind = Posted.Kind.valueOf(words[1]);
      String conversation = words[3].isEmpty() ? null : words[3];
      for (int i = 4; i < words.length; i++) {
        items.add(json(new Posted(platform, kind, words[2], conversation, words[i])));
      }
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    return items;
  }

  /** What can stand between the spaces of an entry. */
  private static boolean word(String value) {
    return value != null && !value.isEmpty() && value.indexOf(' ') < 0;
  }
}
