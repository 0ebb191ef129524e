/**
 * Microsoft Teams through the Bot Framework: the {@code /api/messages} endpoint, Adaptive Cards,
 * dialogs and proactive messages. Every Bot Framework type stays in this package.
 */
package kring.teams;
