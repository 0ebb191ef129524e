/** Erasing a case, forgetting a person in it, and keeping a quiet case open. */
package kring.core.conversation.privacy;
