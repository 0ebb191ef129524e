package kring.core.conversation;

import java.util.Map;
import java.util.function.Supplier;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.store.Sighting;

/**
 * The one entry point for everything people do with Kring, on every platform: typed commands,
 * button presses and form submissions. Messages are written to the outbox before this returns; the
 * {@link Outcome} says only what the adapter must answer inside the request.
 */
public interface Conversation {

  /** Kring was added to a channel (or a playground room was created with Kring in it). */
  Outcome added(Speaker by, ChannelRef channel);

  /** A person typed something addressed to Kring (slash command, mention, message). */
  Outcome say(Speaker speaker, ChannelRef channel, String text);

  /** A person pressed one of Kring's buttons. */
  Outcome press(Speaker speaker, ChannelRef channel, String action, String value);

  /** A person submitted one of Kring's forms. */
  Outcome submit(Speaker speaker, ChannelRef channel, String formId, Map<String, String> values);

  /**
   * A person joined a channel. If it holds a case they are not part of, Kring tells them privately
   * what it is and how to ask to join; the case card comes only after they are accepted.
   */
  void memberJoined(Speaker person, ChannelRef channel);

  /** A person left a channel; a partner's leaving is recorded in the case's audit trail. */
  void memberLeft(UserRef person, ChannelRef channel);

  /**
   * Kring lost a channel: removed from it, the channel archived or deleted, the app uninstalled.
   *
   * @param reason a short platform word such as {@code channel_archive}, recorded in the audit
   */
  void channelLost(ChannelRef channel, String reason);

  /**
   * A channel Kring lost is back (unarchived): a case that paused because it lost the channel runs
   * again and says so there. A channel without a case hears nothing.
   *
   * @param by who brought it back, or Kring itself when the platform does not say
   */
  void channelBack(Speaker by, ChannelRef channel);

  /**
   * The adapter could not open a form the core asked for inside the request (a mention carries no
   * way to open a dialog): Kring offers it privately, with a button that opens it.
   */
  void offerForm(Speaker speaker, ChannelRef channel, Form form);

  /**
   * Runs {@code work}, calls of this conversation on this thread, as the handling of one platform
   * delivery (a Slack event, a Teams activity): a case commits a turn of it at most once, so that
   * the platform's next try after a node died, or a redelivery, changes nothing where the first one
   * was stored.
   *
   * @param digest the delivery's digest ({@link kring.core.store.ShortDigest#of})
   */
  default <T> T delivery(String digest, Supplier<T> work) {
    return work.get();
  }

  /**
   * Runs {@code work}, calls of this conversation on this thread, as the handling of one platform
   * delivery that must have one effect however often the platform sends it (a replayed request, the
   * platform's next try of an event): the first turn's read decides whether the platform sent it
   * before, in the same round trip to the store; when it did, every turn of the work does nothing
   * ({@link Outcome#NOTHING}). For work whose calls all begin with a turn ({@link #say}, {@link
   * #press}, {@link #offerForm}).
   */
  <T> T firstSight(Sighting sighting, Supplier<T> work);

  /**
   * Tells Kring how commands are typed in the channels of one platform, so that what it says there
   * (its welcome, its help) shows them that way; until then they are shown as they are.
   */
  default void commandsTyped(Platform platform, CommandTyping typing) {}

  /** A person's own overview: their cases and what is waiting for them, in their language. */
  Reply overview(UserRef person);

  /**
   * The language Kring speaks to a person in a channel: the one they chose, else the language of
   * the channel's case, else Dutch. A platform's own page (the playground's) uses it for its
   * labels.
   */
  default Language languageOf(UserRef person, ChannelRef channel) {
    return Language.NL;
  }
}
