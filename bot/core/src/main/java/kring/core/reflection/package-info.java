/**
 * Reflection rounds: the partners' private, anonymous look at how their collaboration goes, the
 * question bank, the rules that keep small teams anonymous, and the summary with its trend.
 */
package kring.core.reflection;
