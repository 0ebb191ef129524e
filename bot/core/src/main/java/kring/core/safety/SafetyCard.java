package kring.core.safety;

import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.reply.Reply;

/**
 * The card Kring shows one person privately when what they wrote suggests acute danger: chat is not
 * a reporting channel, the numbers to call, and their own organisation's procedure. It never
 * repeats what they wrote.
 */
public final class SafetyCard {

  private SafetyCard() {}

  /** The card in one language. */
  public static Reply in(Language language) {
    return Reply.builder()
        .heading(Texts.get(language, "safety.title"))
        .warning(Texts.get(language, "safety.not-a-channel"))
        .field(
            Texts.get(language, "safety.emergency"), Texts.get(language, "safety.emergency.call"))
        .field(Texts.get(language, "safety.abuse"), Texts.get(language, "safety.abuse.call"))
        .field(Texts.get(language, "safety.young"), Texts.get(language, "safety.young.call"))
        .field(Texts.get(language, "safety.suicide"), Texts.get(language, "safety.suicide.call"))
        .text(Texts.get(language, "safety.procedure"))
        .note(Texts.get(language, "safety.private"))
        .build();
  }
}
