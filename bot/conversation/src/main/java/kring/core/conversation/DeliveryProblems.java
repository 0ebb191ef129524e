package kring.core.conversation;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import kring.core.cases.Case;
import kring.core.cases.Cases;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.People;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.OutboxRelay;
import kring.core.outbox.Recipient;
import kring.core.partners.Partner;
import kring.core.reply.Reply;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;
import kring.core.store.Plan;

/**
 * Tells a case's coordinator, privately, that a message from Kring could not be delivered, so that
 * nobody silently misses an answer or a reminder. The notice names no content.
 */
public final class DeliveryProblems implements Consumer<DeadLetter>, OutboxRelay.GoneListener {

  private final Commits commits;

  private static final Logger LOG = Logger.getLogger(DeliveryProblems.class.getName());

  private final Cases cases;
  private final People people;
  private final Outbox outbox;
  private final Clock clock;

  /**
   * @param store commits what a platform's word changes in a case (a partner unreachable, a channel
   *     gone)
   */
  public DeliveryProblems(Cases cases, People people, Outbox outbox, Clock clock, CaseStore store) {
    this.commits = new Commits(cases, store, c -> Plan.KEEP);
    this.cases = cases;
    this.people = people;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public void accept(DeadLetter letter) {
    LOG.warning(
        () ->
            "Message "
                + letter.id()
                + " ("
                + letter.kind()
                + ") undeliverable: "
                + letter.reason());
    if (letter.caseCode() == null) {
      return;
    }
    Case c = cases.find(letter.caseCode()).orElse(null);
    if (c == null || c.coordinator().isEmpty()) {
      return;
    }
    Partner coordinator = c.coordinator().get();
    Language lang = people.language(coordinator.user()).orElse(c.language());
    String where =
        letter.to().isPrivate()
            ? c.partner(letter.to().person())
                .map(Partner::displayName)
                .orElse(Texts.get(lang, "delivery.someone"))
            : Texts.get(lang, "delivery.the-channel");
    Reply notice =
        Reply.builder()
            .warning(Texts.get(lang, "delivery.failed", c.code().value(), where))
            .note(Texts.get(lang, "delivery.what-to-do"))
            .build();
    outbox.enqueue(
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Recipient.privately(c.channel(), coordinator.user()),
            notice,
            MessageKind.DELIVERY_PROBLEM,
            c.code(),
            clock.instant()));
  }

  @Override
  public void gone(OutboundMessage message, Delivery.Gone what) {
    if (what == Delivery.Gone.PERSON && message.to().isPrivate() && message.caseCode() != null) {
      cases
          .find(message.caseCode())
          .filter(c -> c.partner(message.to().person()).isPresent())
          .ifPresent(
              c ->
                  commits.change(
                      c.code(),
                      now ->
                          new Change(
                              now.unreachable(message.to().person(), clock.instant()), List.of())));
      return;
    }
    if (what != Delivery.Gone.CHANNEL || message.to().isPrivate() || message.caseCode() == null) {
      return;
    }
    // Prompts check the pause when they come due, so the plan needs no change here.
    cases
        .find(message.caseCode())
        .filter(c -> c.channel().equals(message.to().channel()))
        .ifPresent(
            c ->
                commits.change(
                    c.code(),
                    now ->
                        new Change(
                            now.pauseBecauseChannelLost("undeliverable", clock.instant()),
                            List.of())));
  }
}
