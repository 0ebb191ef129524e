package kring.core.conversation;

/**
 * A feature of Kring: it declares the commands people type for it, the actions of its buttons and
 * its forms, each with its handler. {@link KringConversation} collects every feature once, when it
 * is built, and routes each command, button and form to the feature that declared it.
 */
@FunctionalInterface
public interface Feature {

  /** Declares this feature's commands, buttons and forms. */
  void declare(Entries entries);
}
