package kring.core.conversation.privacy;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.Proposals.requireThisCase;

import java.time.Duration;
import java.util.List;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.Cases;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.Proposals;
import kring.core.conversation.Turn;
import kring.core.partners.Action;
import kring.core.privacy.Erasure;
import kring.core.reply.Reply;

/**
 * Erasing a case before its retention ends (the coordinator or backup proposes, one other partner
 * confirms), a person asking Kring to forget them, and the coordinator's answer when Kring asks
 * whether a quiet case can close.
 */
public final class PrivacyFlow implements Feature {

  /**
   * How long after two partners agreed the case is erased: long enough for the channel to be told
   * (the platform's address of the channel goes with the case), short enough to be "now".
   */
  public static final Duration ERASE_DELAY = Duration.ofMinutes(5);

  private final Cases cases;
  private final Erasure erasure;
  private final Cards cards;

  public PrivacyFlow(Cases cases, Erasure erasure, Cards cards) {
    this.cards = cards;
    this.cases = cases;
    this.erasure = erasure;
  }

  /** Erasing a case, forgetting a person, and keeping a quiet case. */
  @Override
  public void declare(Entries entries) {
    entries
        .command("ERASE", List.of("wis", "wissen"), List.of("erase"), step((t, a) -> propose(t)))
        .command(
            "FORGET_ME",
            List.of("vergeet mij", "vergeet me"),
            List.of("forget me"),
            step((t, a) -> forgetMe(t)))
        .button(Actions.ERASE, step(this::confirm))
        .button(Actions.FORGET_ME, step(this::forgetConfirmed))
        .button(Actions.QUIET_KEEP, step(this::keepOpen));
  }

  /** {@code wis} / {@code erase}: the proposal, posted in the channel with a button to confirm. */
  void propose(Turn turn) {
    Case c = turn.requireCase();
    if (c.lifecycle().erasureConfirmed()) {
      turn.answer("erase.already");
      return;
    }
    c.requireAllowed(turn.user(), Action.ERASE_CASE, RefusalReason.ERASE_ONLY_COORDINATOR);
    Case proposed = turn.change(now -> now.proposeErasure(turn.user(), turn.now()));
    String code = proposed.code().value();
    turn.announce(
        Reply.builder()
            .warning(turn.tc("erase.proposed", Proposals.who(proposed, turn.user()), code))
            .primary(turn.tc("button.erase"), Actions.ERASE, code)
            .build());
    turn.answer("erase.proposal-posted");
  }

  /** A second partner pressed the proposal's button: the case closes and is erased shortly. */
  void confirm(Turn turn, String value) {
    requireThisCase(turn, value);
    Case after = turn.change(c -> c.confirmErasure(turn.user(), turn.now()));
    if (!turn.wrote()) {
      turn.answer("erase.already");
      return;
    }
    turn.eraseAt(turn.now().plus(ERASE_DELAY));
    turn.announce(Reply.text(turn.tc("erase.confirmed", after.code().value())));
  }

  /** {@code vergeet mij} / {@code forget me}: what it means, with a button to confirm it. */
  void forgetMe(Turn turn) {
    Case c = turn.requireCase();
    if (!c.team().names(turn.user())) {
      throw new Refusal(RefusalReason.NOT_A_PARTNER);
    }
    turn.answer(
        Reply.builder()
            .text(turn.t("forget.ask", c.code().value()))
            .primary(turn.t("button.forget-me"), Actions.FORGET_ME, c.code().value())
            .build());
  }

  /** The person confirmed: they leave the case and what Kring kept about them there goes. */
  void forgetConfirmed(Turn turn, String value) {
    requireThisCase(turn, value);
    Case before = turn.requireCase();
    if (!before.team().names(turn.user())) {
      throw new Refusal(RefusalReason.NOT_A_PARTNER);
    }
    Case after = turn.change(c -> c.forget(turn.user(), turn.now()));
    turn.afterCommit(
        () -> {
          boolean inNoOtherCase = cases.findNaming(turn.user()).isEmpty();
          erasure.forget(after.code(), turn.user(), turn.now(), inNoOtherCase);
        });
    // No private answer: the person's own address on the platform may just have been forgotten.
    turn.announce(Reply.text(turn.tc("forget.announce")));
    Cards.coordinatorNotice(cards, before, after).ifPresent(n -> turn.announce(Reply.text(n)));
  }

  /** The coordinator keeps a quiet case open; acting on it is activity, so Kring asks no more. */
  void keepOpen(Turn turn, String value) {
    requireThisCase(turn, value);
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.CLOSE_CASE, RefusalReason.ONLY_COORDINATOR_KEEPS_OPEN);
    turn.change(now -> now.note(turn.now(), turn.user(), AuditEvent.KEPT_OPEN));
    turn.answer("retention.kept", c.code().value());
  }
}
