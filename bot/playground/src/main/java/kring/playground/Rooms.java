package kring.playground;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kring.core.reply.Reply;

/**
 * What the simulated platform holds, the way Slack holds its channels, accounts and message
 * history: rooms, people and each room's timeline. It must survive a restart of Kring.
 */
public interface Rooms {

  /** The most entries a room's timeline keeps; older ones fall off. */
  int TIMELINE_CAP = 500;

  /** Every room, by name. */
  List<Room> rooms();

  /** The room with this id, if there is one. */
  Optional<Room> room(String id);

  /** Creates a room with a new id; the name is already valid. */
  Room createRoom(String name);

  /** Every person, by name. */
  List<Person> people();

  /** The person with this id, if there is one. */
  Optional<Person> person(String id);

  /** Creates a person with a new id; the name is already valid. */
  Person createPerson(String name);

  /** Appends what a person wrote to a room's timeline, visible to everyone in the room. */
  TimelineEntry postByPerson(String roomId, String personId, String text);

  /**
   * Appends a message from Kring, for everyone in the room or, with a recipient, for one person.
   *
   * @param sentAt when Kring sent it, which the entry shows: the moment Kring wrote it to its
   *     outbox, however much later it is delivered
   */
  TimelineEntry postByKring(String roomId, Reply reply, String visibleTo, Instant sentAt);

  /**
   * Removes one of Kring's entries from a room's timeline, as a platform deletes a message.
   *
   * @return whether it was there
   */
  boolean removeByKring(String roomId, long seq);

  /**
   * Shows a newer state of one of Kring's entries where it stands, as a platform updates a message;
   * pages that showed it learn of it from a note appended to the timeline.
   *
   * @return whether it was there
   */
  boolean updateByKring(String roomId, long seq, Reply reply);

  /** The entries after {@code afterSeq} that the given person sees, oldest first. */
  List<TimelineEntry> timeline(String roomId, String viewerId, long afterSeq);
}
