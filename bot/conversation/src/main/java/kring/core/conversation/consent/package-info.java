/** Consent records: recording one in a form, listing them, and withdrawing one. */
package kring.core.conversation.consent;
