package kring.core.conversation;

import java.time.Duration;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.Cases;
import kring.core.cases.Refusal;
import kring.core.partners.Action;
import kring.core.privacy.Erasure;
import kring.core.reply.Reply;

/**
 * Erasing a case before its retention ends (the coordinator or backup proposes, one other partner
 * confirms), a person asking Kring to forget them, and the coordinator's answer when Kring asks
 * whether a quiet case can close.
 */
final class PrivacyFlow {

  /**
   * How long after two partners agreed the case is erased: long enough for the channel to be told
   * (the platform's address of the channel goes with the case), short enough to be "now".
   */
  static final Duration ERASE_DELAY = Duration.ofMinutes(5);

  private final Cases cases;
  private final Erasure erasure;
  private final Cards cards;

  PrivacyFlow(Cases cases, Erasure erasure, Cards cards) {
    this.cards = cards;
    this.cases = cases;
    this.erasure = erasure;
  }

  /** {@code wis} / {@code erase}: the proposal, posted in the channel with a button to confirm. */
  void propose(Turn turn) {
    Case c = turn.requireCase();
    if (c.lifecycle().erasureConfirmed()) {
      turn.answer("erase.already");
      return;
    }
    c.requireAllowed(turn.user(), Action.ERASE_CASE, "refusal.erase.only-coordinator");
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
      throw new Refusal("refusal.not-a-partner");
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
      throw new Refusal("refusal.not-a-partner");
    }
    Case after = turn.change(c -> c.forget(turn.user(), turn.now()));
    turn.afterCommit(
        () -> {
          boolean inNoOtherCase = cases.findNaming(turn.user()).isEmpty();
          erasure.forget(after.code(), turn.user(), turn.now(), inNoOtherCase);
        });
    // No private answer: the person's own address on the platform may just have been forgotten.
    turn.announce(Reply.text(turn.tc("forget.announce")));
    TeamFlow.coordinatorNotice(cards, before, after).ifPresent(n -> turn.announce(Reply.text(n)));
  }

  /** The coordinator keeps a quiet case open; acting on it is activity, so Kring asks no more. */
  void keepOpen(Turn turn, String value) {
    requireThisCase(turn, value);
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.CLOSE_CASE, "refusal.only-coordinator-keeps-open");
    turn.change(now -> now.note(turn.now(), turn.user(), AuditEvent.KEPT_OPEN));
    turn.answer("retention.kept", c.code().value());
  }

  /** A button whose value is just the case code, which it enters. */
  static void requireThisCase(Turn turn, String value) {
    if (!Proposals.argument(turn, value).isEmpty()) {
      throw new Refusal("refusal.bad-button");
    }
  }
}
