package kring.core.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.reply.Reply;

/**
 * A message waiting in the outbox.
 *
 * @param id unique id, also what a platform sender may use to recognise a repeat
 * @param to where it goes
 * @param reply what it says
 * @param kind why it is sent, which sets its delivery policy
 * @param caseCode the case it belongs to, or null
 * @param createdAt when it was written
 * @param alsoFor the other cases it speaks of, when it combines several (a reminder about two
 *     cases): it belongs to each, and is deleted when any of them is erased
 * @param place what it stands for, when a later message updates it in place; null for a message
 *     that is only ever posted
 */
public record OutboundMessage(
    String id,
    Recipient to,
    Reply reply,
    MessageKind kind,
    CaseCode caseCode,
    Instant createdAt,
    List<CaseCode> alsoFor,
    Place place) {

  public OutboundMessage {
    if (id == null || id.isBlank() || to == null || reply == null || kind == null) {
      throw new IllegalArgumentException("A message needs an id, a recipient, words and a kind");
    }
    if (place != null && (caseCode == null || !placeable(kind, to))) {
      throw new IllegalArgumentException(
          "Only a case's post in its channel or a private message that is not an answer has a place");
    }
    alsoFor =
        alsoFor == null || caseCode == null
            ? List.of()
            : alsoFor.stream().filter(c -> !c.equals(caseCode)).distinct().toList();
  }

  /** A message about one or more cases, only ever posted. */
  public OutboundMessage(
      String id,
      Recipient to,
      Reply reply,
      MessageKind kind,
      CaseCode caseCode,
      Instant createdAt,
      List<CaseCode> alsoFor) {
    this(id, to, reply, kind, caseCode, createdAt, alsoFor, null);
  }

  /**
   * Whether a message of this kind to this recipient can stand for a place: an answer to a person's
   * own action is shown to them alone for a while on some platforms (an ephemeral message on
   * Slack), which nothing can update later.
   */
  public static boolean placeable(MessageKind kind, Recipient to) {
    return !(kind == MessageKind.ANSWER && to.isPrivate());
  }

  /** The same message, standing for {@code place}. */
  public OutboundMessage at(Place place) {
    return new OutboundMessage(id, to, reply, kind, caseCode, createdAt, alsoFor, place);
  }

  /** A message about one case, or none. */
  public OutboundMessage(
      String id,
      Recipient to,
      Reply reply,
      MessageKind kind,
      CaseCode caseCode,
      Instant createdAt) {
    this(id, to, reply, kind, caseCode, createdAt, List.of());
  }

  /** Every case the message belongs to: its own first, then those it also speaks of. */
  public List<CaseCode> cases() {
    if (caseCode == null) {
      return List.of();
    }
    List<CaseCode> all = new ArrayList<>();
    all.add(caseCode);
    all.addAll(alsoFor);
    return all;
  }

  /**
   * Ids for messages written together, such as everything one turn says: each sorts after the one
   * before it, so that an outbox, which hands out messages due at the same moment by id, hands them
   * out in the order they were written ("everyone answered" before the summary).
   */
  public static Supplier<String> idsInOrder() {
    String together = UUID.randomUUID().toString();
    AtomicInteger next = new AtomicInteger();
    return () -> together + "-" + String.format(Locale.ROOT, "%06d", next.getAndIncrement());
  }

  /**
   * A post in a case's channel, for everyone there, that Kring makes on its own (not as an answer
   * to someone): a new id, kind {@link MessageKind#ANNOUNCEMENT}.
   */
  public static OutboundMessage inChannel(
      ChannelRef channel, Reply reply, CaseCode caseCode, Instant at) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Recipient.channel(channel),
        reply,
        MessageKind.ANNOUNCEMENT,
        caseCode,
        at);
  }

  public DeliveryPolicy policy() {
    return kind.policy();
  }
}
