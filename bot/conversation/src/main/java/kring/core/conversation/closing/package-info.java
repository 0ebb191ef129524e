/** Closing a case: at once, after a final evaluation, or when it went quiet. */
package kring.core.conversation.closing;
