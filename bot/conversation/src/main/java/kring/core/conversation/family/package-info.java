/**
 * The pupil's and the parents' own voice: a private link their representative hands them, the
 * page's questions and consent, and sharing their view with the partners.
 */
package kring.core.conversation.family;
