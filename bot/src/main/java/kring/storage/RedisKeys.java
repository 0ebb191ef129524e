package kring.storage;

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

  /** Hash: the case document (fields {@code schema}, {@code revision}, {@code doc}). */
  public String caseDoc(CaseCode code) {
    return prefix + "case:" + code.value();
  }

  /** String: the code of the case bound to a channel. */
  public String channelCase(ChannelRef channel) {
    return prefix + "channel:" + channel.key();
  }

  /**
   * Set: codes of the cases a person takes part in or asked to join; an index for their overview,
   * rebuilt from the case documents (a stale entry is dropped when read).
   */
  public String personCases(UserRef person) {
    return prefix + "person-cases:" + person.key();
  }

  /**
   * String with expiry: an incoming platform event already handled (retries are dropped), by a hash
   * of the platform's id for it, never the id itself.
   */
  public String once(String scope, String hash) {
    return prefix + "once:" + scope + ":" + hash;
  }

  /**
   * Hash: a person's share of prompts (the day of their last prompt message, its week and how many
   * that week); expires after nine days.
   */
  public String promptShare(UserRef person) {
    return prefix + "person-prompts:" + person.key();
  }

  /** Hash: a person's preferences (language, the working hours they set for all their cases). */
  public String person(UserRef person) {
    return prefix + "person:" + person.key();
  }

  /** Hash: one outbox message (body, recipient, kind, attempts, state). */
  public String outboxMessage(String id) {
    return outboxMessagePrefix() + id;
  }

  /** The part of every {@link #outboxMessage} key before the id, for scripts that hold ids. */
  public String outboxMessagePrefix() {
    return prefix + "outbox:msg:";
  }

  /** Sorted set: outbox message ids by due time (epoch ms). */
  public String outboxDue() {
    return prefix + "outbox:due";
  }

  /** Sorted set: outbox message ids being delivered, by lease expiry (epoch ms). */
  public String outboxInflight() {
    return prefix + "outbox:inflight";
  }

  /**
   * String with expiry: a conversation that just got a message and must wait its pace; the value is
   * the epoch millisecond until which it waits.
   */
  public String outboxPace(String conversation) {
    return outboxPacePrefix() + conversation;
  }

  /** The part of every {@link #outboxPace} key before the conversation, for scripts. */
  public String outboxPacePrefix() {
    return prefix + "outbox:pace:";
  }

  /** List: dead letters (JSON, no body), newest first, capped. */
  public String outboxDead() {
    return prefix + "outbox:dead";
  }

  /** Sorted set: every planned prompt's id by due time (epoch ms); the one list of what is due. */
  public String due() {
    return prefix + "due";
  }

  /** Hash: planned prompts by id (JSON: case, kind, person, step, due, valid until). */
  public String duePrompts() {
    return prefix + "due:prompts";
  }

  /** Set: the ids of the prompts planned for one case. */
  public String dueOfCase(CaseCode code) {
    return dueOfCasePrefix() + code.value();
  }

  /**
   * Set: the ids of one case's prompts already handed out, so that they are never planned again.
   */
  public String dueSent(CaseCode code) {
    return dueSentPrefix() + code.value();
  }

  /**
   * Set: the ids of one case's prompts put off to a later moment (outside working hours, or past a
   * person's daily or weekly share of prompts); planning again leaves them be.
   */
  public String dueLater(CaseCode code) {
    return dueLaterPrefix() + code.value();
  }

  /** The start of {@link #dueLater} keys, for the claim script that derives them from ids. */
  public String dueLaterPrefix() {
    return prefix + "due:later:";
  }

  /** The start of {@link #dueOfCase} keys, for the claim script that derives them from ids. */
  public String dueOfCasePrefix() {
    return prefix + "due:case:";
  }

  /** The start of {@link #dueSent} keys, for the claim script that derives them from prompt ids. */
  public String dueSentPrefix() {
    return prefix + "due:sent:";
  }

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

  /** Hash: the playground's rooms (id to name). Playground only. */
  public String playgroundRooms() {
    return prefix + "playground:rooms";
  }

  /** Hash: the playground's people (id to name). Playground only. */
  public String playgroundPeople() {
    return prefix + "playground:people";
  }

  /** List: a playground room's timeline, as the simulated platform shows it. Playground only. */
  public String playgroundTimeline(String roomId) {
    return prefix + "playground:timeline:" + roomId;
  }

  /** String: the playground's message sequence counter. Playground only. */
  public String playgroundSequence() {
    return prefix + "playground:seq";
  }

  /** String: JSON address (service URL, conversation id, bot id) of a Teams channel or chat. */
  public String teamsChannel(ChannelRef channel) {
    return prefix + "teams:channel:" + channel.key();
  }

  /** String: JSON of a Teams person (their Teams id, name and personal chat, if installed). */
  public String teamsPerson(UserRef person) {
    return prefix + "teams:person:" + person.key();
  }

  /** String with expiry: private content waiting for one Teams person to open it in a dialog. */
  public String teamsWaiting(String id) {
    return prefix + "teams:waiting:" + id;
  }

  /**
   * List: what the platforms call what Kring posted for a case (JSON of platform, kind and opaque
   * ids, never the text), the newest last, capped; moved to {@link #retract} when the case is
   * erased.
   */
  public String posted(CaseCode code) {
    return prefix + "posted:" + code.value();
  }

  /**
   * Sorted set: what Kring is to delete on the platforms because its case was erased, by when it is
   * next tried (epoch ms); each member is the attempts made so far and the posted item's JSON, with
   * nothing that names the case.
   */
  public String retract() {
    return prefix + "retract";
  }

  /** Set: the codes of erased cases, ids only, so that erasures are repeated after a restore. */
  public String erased() {
    return prefix + "erased";
  }

  /** Sorted set: cases whose erasure was asked for, by when it is due (epoch ms). */
  public String erasureDue() {
    return prefix + "erasure:due";
  }

  /** Sorted set: closed cases by when they were closed (epoch ms); retention counts from there. */
  public String retentionClosed() {
    return prefix + "retention:closed";
  }

  /** Sorted set: open cases by when their people last acted in them (epoch ms). */
  public String retentionActive() {
    return prefix + "retention:active";
  }

  /** Sorted set: quiet open cases whose coordinator was asked to close them, by when (epoch ms). */
  public String retentionAsked() {
    return prefix + "retention:asked";
  }
}
