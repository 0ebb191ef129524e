package kring.storage;

import java.util.List;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;

/**
 * The one registry of Redis keys. Every key Kring writes is built here, under one prefix, and each
 * pattern is listed in PRIVACY.md with its purpose and retention.
 */
public final class RedisKeys {

  private final String prefix;

  /**
   * @param prefix put before every key, {@code kring:} in production; tests use their own prefix so
   *     they can share a Redis
   */
  public RedisKeys(String prefix) {
    if (prefix == null || !prefix.matches("[a-z0-9-]{1,40}:")) {
      throw new IllegalArgumentException(
          "A key prefix is lower-case letters, digits, dashes and ':'");
    }
    this.prefix = prefix;
  }

  public static RedisKeys standard() {
    return new RedisKeys("kring:");
  }

  public String prefix() {
    return prefix;
  }

  // ---- One case: every key carries the case's hash tag, so that one script can commit them all.

  /** The hash tag of one case's keys: all of them live in one Redis Cluster slot. */
  String caseTag(CaseCode code) {
    return prefix + "{" + code.value() + "}:";
  }

  /** Hash: the case document (fields {@code schema}, {@code revision}, {@code doc}). */
  public String caseDoc(CaseCode code) {
    return caseTag(code) + "case";
  }

  /** Sorted set: the ids of a case's planned prompts (put-off ones too) by due time (epoch ms). */
  public String dueOfCase(CaseCode code) {
    return caseTag(code) + "due";
  }

  /**
   * Hash: a case's planned, put-off and claimed prompts by id, each as {@link PromptRecords} stores
   * it (when it is due, and until when if not the kind's usual window; older ones as JSON).
   */
  public String duePrompts(CaseCode code) {
    return caseTag(code) + "prompts";
  }

  /**
   * Set: the ids of one case's prompts put off to a later moment (outside working hours, or past a
   * person's daily or weekly share of prompts); planning again leaves them be.
   */
  public String dueLater(CaseCode code) {
    return caseTag(code) + "later";
  }

  /**
   * Sorted set: the ids of one case's prompts a node claimed and has not finished, by when its
   * lease runs out (epoch ms); after that any node claims them again.
   */
  public String dueClaimed(CaseCode code) {
    return caseTag(code) + "claimed";
  }

  /**
   * Sorted set: the ids of one case's prompts already handed out, so that they are never planned
   * again, by until when that matters (the end of the prompt's window, epoch ms).
   */
  public String dueSent(CaseCode code) {
    return caseTag(code) + "sent";
  }

  /**
   * Hash: how many of a case's prompts were sent alone, combined, put off or dropped, by kind
   * (fields {@code <kind>:<fate>}); counts only, nobody named.
   */
  public String dueCounts(CaseCode code) {
    return caseTag(code) + "counts";
  }

  /**
   * List: what the platforms call what Kring posted for a case (platform, kind and opaque ids,
   * never the text), one entry per conversation with its ids the newest last ({@link
   * PostedRecords}), capped; moved to {@link #retract} when the case is erased.
   */
  public String posted(CaseCode code) {
    return caseTag(code) + "posted";
  }

  /**
   * String: set when the case's erasure starts and kept for good, so that nothing is recorded for
   * the case any more and its code is never used again; holds nothing else.
   */
  public String caseErased(CaseCode code) {
    return caseTag(code) + "erased";
  }

  /**
   * List: the messages a case's turns committed and that are not yet in the outbox (each as the
   * outbox stores it, body included); handed to the outbox right after the commit.
   */
  public String caseOutbox(CaseCode code) {
    return caseTag(code) + "outbox";
  }

  /**
   * Sorted set: digests of the platform deliveries (a Slack event, a Teams activity) whose turns
   * this case committed, by when, kept as long as a platform may deliver the same thing again; a
   * turn of a delivery already in it is not committed twice. Digests only: nothing that names a
   * person.
   */
  public String caseDeliveries(CaseCode code) {
    return caseTag(code) + "delivered";
  }

  /**
   * Hash: for each thing a case's messages stand for (a join request, an agreement version, a
   * person's check-in) and each conversation it was posted in, the newest state shown, whether a
   * node is showing one now, and what the platform calls the post (opaque ids, never the text).
   */
  public String places(CaseCode code) {
    return caseTag(code) + "places";
  }

  /**
   * Hash, expiring: per represented person of a case, their private link (the SHA-256 hashes of its
   * token and short code, until when it works, the kinds of information it asks consent for) and
   * their answers until their representative shares them.
   */
  public String family(CaseCode code) {
    return caseTag(code) + "family";
  }

  /**
   * String, expiring: which case and represented person a family link belongs to, by the SHA-256
   * hash of its token or short code (never the token itself).
   */
  public String familyLink(String hash) {
    return prefix + "{family}:" + hash;
  }

  /**
   * String, expiring: how many wrong family links one client brought within the current window, by
   * a short digest of the client's address (never the address itself).
   */
  public String familyWrong(String digest) {
    return prefix + "{family}:wrong:" + digest;
  }

  /** Every key of one case that holds its data, for erasure (not its erasure mark). */
  public List<String> caseKeys(CaseCode code) {
    return List.of(
        caseDoc(code),
        dueOfCase(code),
        duePrompts(code),
        dueLater(code),
        dueClaimed(code),
        dueSent(code),
        dueCounts(code),
        posted(code),
        places(code),
        caseOutbox(code),
        caseDeliveries(code),
        family(code));
  }

  // ---- Channels: one key each, never written in a script with another.

  /**
   * String: the code of the case bound to a channel; expiring while a turn's read claims it for the
   * case it is starting or moving there, until its commit keeps it.
   */
  public String channelCase(ChannelRef channel) {
    return prefix + "channel:" + channel.key();
  }

  // ---- One person: every key carries the person's hash tag.

  /** The glob that matches every person's keys; {@link #personOf} reads whose a key is. */
  String anyPerson() {
    return prefix + "{p:*";
  }

  /** The person whose key this is, if it is one of a person's keys. */
  Optional<UserRef> personOf(String key) {
    String start = prefix + "{p:";
    int end = key.indexOf("}:", start.length());
    if (!key.startsWith(start) || end < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(UserRef.parse(key.substring(start.length(), end)));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  private String personTag(UserRef person) {
    return prefix + "{p:" + person.key() + "}:";
  }

  /**
   * Set: codes of the cases a person takes part in or asked to join; an index for their overview,
   * rebuilt from the case documents (a stale entry is dropped when read).
   */
  public String personCases(UserRef person) {
    return personTag(person) + "cases";
  }

  /**
   * Hash: a person's share of prompts (the day of their last prompt message, its week and how many
   * that week); expires after nine days.
   */
  public String promptShare(UserRef person) {
    return personTag(person) + "share";
  }

  /** Hash: a person's preferences (language, the working hours they set for all their cases). */
  public String person(UserRef person) {
    return personTag(person) + "prefs";
  }

  /** String: JSON of a Teams person (their Teams id, name and personal chat, if installed). */
  public String teamsPerson(UserRef person) {
    return personTag(person) + "teams";
  }

  /**
   * String, expiring: a mark of a platform delivery that a person's turn handled ({@link
   * kring.core.store.Sighting}): the mark's scope and the digest of the platform's id, never the
   * id; in the person's slot, so that the turn's read decides it with their language. Forgotten by
   * itself within hours; not among {@link #personKeys}.
   */
  public String deliveryMark(UserRef person, String scope, String hash) {
    return personTag(person) + "once:" + scope + ":" + hash;
  }

  /** Every key of one person, for erasure. */
  public List<String> personKeys(UserRef person) {
    return List.of(person(person), promptShare(person), teamsPerson(person), personCases(person));
  }

  // ---- The outbox: one hash tag for all its keys, so that its scripts stay in one slot.

  private String outbox() {
    return prefix + "{outbox}:";
  }

  /** Hash: one outbox message (body, recipient, kind, attempts, state). */
  public String outboxMessage(String id) {
    return outboxMessagePrefix() + id;
  }

  /**
   * The part of every {@link #outboxMessage} key before the id, for the claim script that reads the
   * messages whose ids it finds (all in the outbox's slot).
   */
  public String outboxMessagePrefix() {
    return outbox() + "msg:";
  }

  /** Sorted set: outbox message ids by due time (epoch ms). */
  public String outboxDue() {
    return outbox() + "due";
  }

  /**
   * Sorted set: the ids of answers to a person's own action, by when they were first due (epoch
   * ms); the claim takes those due before any other message. An id stays until its message is
   * forgotten.
   */
  public String outboxFirst() {
    return outbox() + "first";
  }

  /** Sorted set: outbox message ids being delivered, by lease expiry (epoch ms). */
  public String outboxInflight() {
    return outbox() + "inflight";
  }

  /**
   * String with expiry: a conversation that just got a message and must wait its pace; the value is
   * the epoch millisecond until which it waits.
   */
  public String outboxPace(String conversation) {
    return outboxPacePrefix() + conversation;
  }

  /** The part of every {@link #outboxPace} key before the conversation, for the claim script. */
  public String outboxPacePrefix() {
    return outbox() + "pace:";
  }

  /** List: dead letters (JSON, no body), newest first, capped. */
  public String outboxDead() {
    return outbox() + "dead";
  }

  /**
   * Sorted set: the ids of prompts already written to the outbox, by when (epoch ms), so that a
   * prompt claimed again after its node died is never sent twice; kept two days.
   */
  public String outboxPrompted() {
    return outbox() + "prompted";
  }

  /**
   * Sorted set: the ids of messages taken into the outbox from cases, by when (epoch ms), so that a
   * message handed in again after its node died is not sent twice; kept two days.
   */
  public String outboxHandedIn() {
    return outbox() + "handed";
  }

  // ---- What wakes the pollers: derived from the cases, repaired from them.

  /**
   * Sorted set: case codes by when something of theirs is next due (a planned prompt, or a claim
   * whose lease runs out), epoch ms; tells pollers which cases to look at, and is rebuilt from the
   * cases' own keys when it lost an entry.
   */
  public String wakeDue() {
    return prefix + "{wake}:due";
  }

  /**
   * Sorted set: case codes whose turns committed messages not yet handed to the outbox, by when
   * (epoch ms); the outbox pollers hand in those of a node that died right after committing.
   */
  public String wakeOutbox() {
    return prefix + "{wake}:outbox";
  }

  // ---- Retention and erasure: one hash tag, so that moving a case between them is atomic.

  private String retention() {
    return prefix + "{retention}:";
  }

  /** Set: the codes of erased cases, ids only, so that erasures are repeated after a restore. */
  public String erased() {
    return retention() + "erased";
  }

  /**
   * Set: the people Kring forgot in a case, as the case code, a digest of the person's account and
   * when, so that a forgetting is repeated after a restore; never the account itself.
   */
  public String forgotten() {
    return retention() + "forgotten";
  }

  /** Sorted set: cases whose erasure was asked for, by when it is due (epoch ms). */
  public String erasureDue() {
    return retention() + "erasure";
  }

  /** Sorted set: closed cases by when they were closed (epoch ms); retention counts from there. */
  public String retentionClosed() {
    return retention() + "closed";
  }

  /** Sorted set: open cases by when their people last acted in them (epoch ms). */
  public String retentionActive() {
    return retention() + "active";
  }

  /** Sorted set: quiet open cases whose coordinator was asked to close them, by when (epoch ms). */
  public String retentionAsked() {
    return retention() + "asked";
  }

  /**
   * Sorted set: what Kring is to delete on the platforms because its case was erased, by when it is
   * next tried (epoch ms); each member is the attempts made so far and the posted item's JSON, with
   * nothing that names the case.
   */
  public String retract() {
    return prefix + "retract";
  }

  /**
   * String with expiry: an incoming platform event already handled (retries are dropped), by a hash
   * of the platform's id for it, never the id itself.
   */
  public String once(String scope, String hash) {
    return prefix + "once:" + scope + ":" + hash;
  }

  /**
   * String: the layout of Kring's keys in this Redis, written when an upgrade of an older layout is
   * complete.
   */
  public String layout() {
    return prefix + "layout";
  }

  // ---- Slack.

  /**
   * String: why Kring stopped sending to a Slack workspace (its token was refused or the app was
   * uninstalled); deleted when the workspace installs Kring again.
   */
  public String slackBroken(String team) {
    return prefix + "slack:broken:" + team;
  }

  /**
   * String: a Slack workspace's bot installation from the OAuth install (JSON, holds the bot
   * token); deleted when the workspace uninstalls Kring or revokes its tokens.
   */
  public String slackBot(String team) {
    return prefix + "slack:bot:" + team;
  }

  /** String with expiry: an OAuth state Kring issued for a Slack install, valid ten minutes. */
  public String slackOAuthState(String state) {
    return prefix + "slack:oauth-state:" + state;
  }

  // ---- Teams.

  /** String: JSON address (service URL, conversation id, bot id) of a Teams channel or chat. */
  public String teamsChannel(ChannelRef channel) {
    return prefix + "teams:channel:" + channel.key();
  }

  /**
   * Set: the keys of the channels of one team Kring was spoken to in; the team is named by its
   * tenant ({@code space}) and its General channel's id ({@code channel}).
   */
  public String teamsTeam(String space, String channel) {
    return prefix + "teams:team:" + space + ":" + channel;
  }

  /** String with expiry: private content waiting for one Teams person to open it in a dialog. */
  public String teamsWaiting(String id) {
    return prefix + "teams:waiting:" + id;
  }

  /**
   * Hash with expiry: one person's post in one Teams channel on one day that says private content
   * waits for them (its activity id, who is posting it now) and the ids of what waits; the id is a
   * digest of the person, the channel and the day.
   */
  public String teamsNotice(String id) {
    return prefix + "teams:notice:" + id;
  }

  // ---- The playground: one hash tag, so that its scripts stay in one slot.

  private String playground() {
    return prefix + "{playground}:";
  }

  /** Hash: the playground's rooms (id to name). Playground only. */
  public String playgroundRooms() {
    return playground() + "rooms";
  }

  /** Hash: the playground's people (id to name). Playground only. */
  public String playgroundPeople() {
    return playground() + "people";
  }

  /** List: a playground room's timeline, as the simulated platform shows it. Playground only. */
  public String playgroundTimeline(String roomId) {
    return playground() + "timeline:" + roomId;
  }

  /** String: the playground's message sequence counter. Playground only. */
  public String playgroundSequence() {
    return playground() + "seq";
  }

  /**
   * Hash: the playground's simulated time, shared by every node: how far it is ahead of Redis's own
   * clock (ms) and the id of the step that last moved it. Playground only.
   */
  public String playgroundClock() {
    return playground() + "clock";
  }

  /**
   * Sorted set, expiring: who may act on the playground's clock now, by until when (epoch ms): the
   * time machine while it moves the clock, or else the nodes' background polls. Playground only.
   */
  public String playgroundLease() {
    return playground() + "lease";
  }
}
