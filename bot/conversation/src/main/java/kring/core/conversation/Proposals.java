package kring.core.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.reply.Reply;

/**
 * Changes to how a case runs that the coordinator or backup makes and a partner may only propose
 * (pause and resume, the case's hours, holidays and rhythm). A partner's command posts the proposal
 * in the channel with a button; when the coordinator or backup presses it, the change is made as if
 * they had typed it.
 */
public final class Proposals {

  private Proposals() {}

  /**
   * One such change.
   *
   * @param topic names its texts, each filled with the name of who acted and then {@code args}:
   *     {@code <topic>.proposed}, {@code button.<topic>}, {@code <topic>.already}, {@code
   *     <topic>.done}
   * @param action the action of the proposal's button
   * @param argument what the button carries after the case code, parsed again when it is pressed
   *     (as typed after the command word), or empty
   * @param args the values the texts show
   * @param done whether the case already is as the change would make it
   * @param refusal the answer to a partner who presses the button, or to an informed-only person
   * @param change the change, through a {@link Case} method that checks the actor's role
   */
  public record Proposal(
      String topic,
      String action,
      String argument,
      List<Object> args,
      Predicate<Case> done,
      RefusalReason refusal,
      UnaryOperator<Case> change) {}

  /**
   * Makes the change for the coordinator or backup, posts it as a proposal for a partner who typed
   * it, and tells whoever asked for what already holds that nothing needs to change.
   *
   * @param pressed whether this comes from a proposal's button rather than a typed command
   */
  public static void decide(Turn turn, boolean pressed, Proposal proposal) {
    Case c = turn.requireCase();
    Permission permission = c.permission(turn.user(), Action.CHANGE_CADENCE);
    if (permission == Permission.DENIED || (permission == Permission.PROPOSE && pressed)) {
      throw new Refusal(
          c.partner(turn.user()).isPresent() ? proposal.refusal() : RefusalReason.NOT_A_PARTNER);
    }
    if (proposal.done().test(c)) {
      turn.answer(proposal.topic() + ".already", texts(who(c, turn.user()), proposal));
      return;
    }
    if (permission == Permission.PROPOSE) {
      Object[] args = texts(who(c, turn.user()), proposal);
      String value =
          proposal.argument().isEmpty()
              ? c.code().value()
              : c.code().value() + " " + proposal.argument();
      turn.announce(
          Reply.builder()
              .text(turn.tc(proposal.topic() + ".proposed", args))
              .note(turn.tc("join.who-decides"))
              .primary(turn.tc("button." + proposal.topic(), args), proposal.action(), value)
              .build());
      turn.answer("proposal.posted");
      return;
    }
    Case after = turn.change(proposal.change());
    if (!turn.wrote()) {
      turn.answer(proposal.topic() + ".already", texts(who(after, turn.user()), proposal));
      return;
    }
    turn.announce(
        Reply.text(turn.tc(proposal.topic() + ".done", texts(who(after, turn.user()), proposal))));
  }

  /**
   * What a pressed button carries after its case code, once the turn is bound to that case (see
   * {@link Turn#enterCase}); a button of another case does nothing here.
   */
  public static String argument(Turn turn, String value) {
    int space = value.indexOf(' ');
    turn.enterCase(space < 0 ? value : value.substring(0, space));
    return space < 0 ? "" : value.substring(space + 1);
  }

  /** A button whose value is just this case's code. */
  public static void requireThisCase(Turn turn, String value) {
    if (!argument(turn, value).isEmpty()) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
  }

  /** How the partners know this person in the case. */
  public static String who(Case c, UserRef user) {
    return c.partner(user).map(Partner::displayName).orElse("?");
  }

  private static Object[] texts(String who, Proposal proposal) {
    List<Object> all = new ArrayList<>();
    all.add(who);
    all.addAll(proposal.args());
    return all.toArray();
  }
}
