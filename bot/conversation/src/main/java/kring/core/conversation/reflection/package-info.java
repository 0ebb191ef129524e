/**
 * Reflection rounds: starting one, each partner's private answers, talking by name in a small team,
 * the summary, and the changes the coordinator agrees on afterwards.
 */
package kring.core.conversation.reflection;
