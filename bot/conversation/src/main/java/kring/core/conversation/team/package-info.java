/**
 * The team: asking to join, introducing oneself, the coordinator's answer, leaving, removing a
 * partner, the handover note, the team check, and representing someone without an account.
 */
package kring.core.conversation.team;
