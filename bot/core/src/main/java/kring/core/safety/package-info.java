/**
 * Safety: acute danger is not handled in chat, so words that suggest it make Kring show, privately,
 * where to get help; nothing of the text is kept.
 */
package kring.core.safety;
