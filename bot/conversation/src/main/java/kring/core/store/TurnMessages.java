package kring.core.store;

import java.util.List;
import java.util.Map;
import kring.core.i18n.Language;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;

/**
 * What a turn that changed no case stores: the languages people chose in it, then the messages it
 * sends, which may already speak them.
 *
 * @param messages what the turn sends, in order
 * @param languages the language each person chose in the turn
 */
public record TurnMessages(List<OutboundMessage> messages, Map<UserRef, Language> languages) {

  public TurnMessages {
    messages = List.copyOf(messages);
    languages = Map.copyOf(languages);
  }
}
