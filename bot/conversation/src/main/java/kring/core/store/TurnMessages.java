package kring.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.i18n.Language;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.scheduler.planning.DuePrompt;

/**
 * What a turn that changed no case stores: the languages people chose in it, the prompt a person
 * put off in it, then the messages it sends, which may already speak of either.
 *
 * @param messages what the turn sends, in order
 * @param languages the language each person chose in the turn
 * @param putOff the prompt a person put off in the turn, as it is to come again (see {@link
 *     kring.scheduler.planning.DuePrompts#later}); the messages are only stored once it stands
 */
public record TurnMessages(
    List<OutboundMessage> messages, Map<UserRef, Language> languages, Optional<DuePrompt> putOff) {

  public TurnMessages {
    messages = List.copyOf(messages);
    languages = Map.copyOf(languages);
  }

  /** What a turn that put nothing off stores. */
  public TurnMessages(List<OutboundMessage> messages, Map<UserRef, Language> languages) {
    this(messages, languages, Optional.empty());
  }
}
