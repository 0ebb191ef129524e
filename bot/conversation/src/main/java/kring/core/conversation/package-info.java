/**
 * The platform-neutral conversation and what its features share. Each feature lives in its own
 * package and declares its commands (in Dutch and English), buttons and forms to the registry
 * ({@link kring.core.conversation.Feature}, {@link kring.core.conversation.Entries}); {@link
 * kring.core.conversation.KringConversation} builds the features once, with what they need, and
 * routes each command, button and form to the one that declared it. Shared here: the turn, the
 * button and form ids that messages of several features carry, common cards and form reading, and
 * the scheduled prompts.
 */
package kring.core.conversation;
