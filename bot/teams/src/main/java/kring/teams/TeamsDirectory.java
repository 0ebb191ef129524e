package kring.teams;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.store.ShortDigest;
import kring.json.KringJson;
import kring.storage.RedisOnce;
import kring.storage.RedisTeamsMemory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kring's Teams memory in Redis: the address of every conversation it was spoken to in, the people
 * it met, and private content waiting to be opened.
 */
public final class TeamsDirectory {

  /** How long private content waits to be opened before it is forgotten. */
  static final Duration WAITING = Duration.ofDays(7);

  /**
   * How long one delivery may take to post a person's waiting notice of the day before another
   * delivery (on any node) may post it instead: longer than a post may take.
   */
  static final Duration POSTING = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where a notice keeps what waits: one field per item, its value the order it came in. */
  private static final String ITEM = "w:";

  private final RedisTeamsMemory stored;
  private final JsonMapper json = KringJson.mapper();

  public TeamsDirectory(RedisTeamsMemory stored) {
    this.stored = stored;
  }

  void remember(ChannelRef channel, Address address) {
    stored.address(channel, json.writeValueAsString(address));
  }

  Optional<Address> address(ChannelRef channel) {
    return read(stored.address(channel), Address.class);
  }

  void forget(ChannelRef channel) {
    stored.forgetAddress(channel);
  }

  /** The channels of a team Kring was spoken to in. */
  List<ChannelRef> channelsOf(String tenant, String teamId) {
    List<ChannelRef> channels = new ArrayList<>();
    for (String key : stored.channelsOf(tenant, teamId)) {
      try {
        channels.add(ChannelRef.parse(key));
      } catch (IllegalArgumentException e) {
        // Not a channel key: nothing to reach.
      }
    }
    return channels;
  }

  /** Records the person's Teams id and name, keeping a personal chat already known. */
  void met(UserRef person, String teamsId, String name) {
    met(person, teamsId, name, person(person));
  }

  /** The same, where what is stored of the person was just read ({@code known}). */
  private void met(UserRef person, String teamsId, String name, Optional<TeamsPerson> known) {
    Address chat = known.map(TeamsPerson::personalChat).orElse(null);
    keep(person, new TeamsPerson(teamsId, name, chat), known);
  }

  void personalChat(UserRef person, String teamsId, String name, Address chat) {
    keep(person, new TeamsPerson(teamsId, name, chat), person(person));
  }

  /** Writes what Kring knows of a person, where it is not what was read. */
  private void keep(UserRef person, TeamsPerson now, Optional<TeamsPerson> known) {
    if (!now.equals(known.orElse(null))) {
      stored.person(person, json.writeValueAsString(now));
    }
  }

  /**
   * Reads what Kring knows of a conversation and of a person who spoke to it there, and records the
   * conversation in its team, if any (so that the team's membership events reach it), in one round
   * trip with {@code claim}; {@link #spokenTo} then records what changed.
   *
   * @param teamId the conversation's team, or {@code null} for none
   * @param claim a claim of the activity against redelivery, or {@code null} for none
   */
  RedisTeamsMemory.Read read(
      ChannelRef channel, UserRef person, String teamId, RedisOnce.Claim claim) {
    return stored.read(channel, person, channel.space(), teamId, claim);
  }

  /**
   * Records where Kring posts into a conversation (a person spoke to it there), and the person's
   * Teams id and name, with their personal chat when this is it, where that is not what {@link
   * #read} found: no round trip where nothing changed.
   *
   * @param personalChat whether the conversation is the person's personal chat with Kring
   */
  void spokenTo(
      RedisTeamsMemory.Read read,
      ChannelRef channel,
      Address address,
      UserRef person,
      String teamsId,
      String name,
      boolean personalChat) {
    if (!address.equals(read(read.address(), Address.class).orElse(null))) {
      remember(channel, address);
    }
    Optional<TeamsPerson> known = read(read.person(), TeamsPerson.class);
    if (personalChat) {
      keep(person, new TeamsPerson(teamsId, name, address), known);
    } else {
      met(person, teamsId, name, known);
    }
  }

  Optional<TeamsPerson> person(UserRef person) {
    return read(stored.person(person), TeamsPerson.class);
  }

  /** Parks private content under a new random id, which is returned for its button. */
  String park(Waiting waiting) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    park(id, waiting);
    return id;
  }

  /** Parks private content under the id its button carries (32 hexadecimal digits). */
  void park(String id, Waiting waiting) {
    stored.park(id, json.writeValueAsString(waiting), WAITING);
  }

  /** Private content for this person, forgotten as it is handed out; anyone else gets nothing. */
  Optional<Waiting> open(String id, UserRef opener) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    Optional<Waiting> waiting = read(stored.parked(id), Waiting.class);
    if (waiting.isEmpty() || !waiting.get().person().equals(opener.key())) {
      return Optional.empty();
    }
    return stored.unpark(id) ? waiting : Optional.empty();
  }

  /** What to do with the post of a person's waiting notice of the day. */
  enum Step {
    POST,
    UPDATE,
    WAIT
  }

  /**
   * A person's waiting notice of the day in one channel, once an item was added to it.
   *
   * @param id what its button carries
   * @param step what the delivery that added the item is to do with its post
   * @param activity the activity id of its post, when it was posted
   * @param count how many items wait under it
   */
  record Notice(String id, Step step, String activity, int count) {}

  /** One item of a notice and its content, when that is still kept. */
  record Item(String id, Waiting waiting) {}

  /**
   * Adds an item (parked already) to a person's waiting notice of the day in a channel.
   *
   * @param day the day it is for the school, as {@code yyyy-mm-dd}
   * @param delivery the id of the outbox message that brings it: the one that may post the notice
   */
  Notice notice(
      UserRef person, ChannelRef channel, String day, String item, String delivery, long now) {
    String id = ShortDigest.of("notice|" + person.key() + "|" + channel.key() + "|" + day);
    RedisTeamsMemory.Added added =
        stored.addToNotice(id, person, channel, item, delivery, now, POSTING, WAITING);
    return new Notice(id, Step.valueOf(added.step().name()), added.activity(), added.count());
  }

  /** Records the activity id of a notice's post, so that later items update it in place. */
  void noticePosted(String id, String activity) {
    stored.noticePosted(id, activity);
  }

  /**
   * What waits for this person under a notice, newest first; empty when there is no such notice or
   * it is someone else's. Items whose content is gone (opened forms, expired) are dropped from it.
   */
  Optional<List<Item>> waitingUnder(String id, UserRef opener) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    Map<String, String> notice = stored.notice(id);
    if (!opener.key().equals(notice.get("person"))) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> fields =
        notice.entrySet().stream()
            .filter(e -> e.getKey().startsWith(ITEM))
            .sorted(
                Comparator.comparing((Map.Entry<String, String> e) -> order(e.getValue()))
                    .reversed())
            .toList();
    List<Item> items = new ArrayList<>();
    for (Map.Entry<String, String> field : fields) {
      String item = field.getKey().substring(ITEM.length());
      Optional<Waiting> waiting =
          item.matches("[0-9a-f]{32}")
              ? read(stored.parked(item), Waiting.class)
              : Optional.empty();
      if (waiting.isPresent() && waiting.get().person().equals(opener.key())) {
        items.add(new Item(item, waiting.get()));
      } else {
        stored.dropFromNotice(id, field.getKey());
      }
    }
    return Optional.of(items);
  }

  private static long order(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private <T> Optional<T> read(Optional<String> stored, Class<T> type) {
    return stored.map(text -> json.readValue(text, type));
  }
}
