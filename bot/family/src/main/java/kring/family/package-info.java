/**
 * The private page of a represented pupil or parent: server-rendered HTML under Kring's own
 * address, usable without JavaScript, with its own plain-language texts in Dutch, English and
 * French.
 */
package kring.family;
