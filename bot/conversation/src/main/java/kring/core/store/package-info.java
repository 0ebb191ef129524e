/**
 * One turn, one commit: what a turn did to its case — the case itself, the messages it sends, its
 * planned prompts, the due prompts it finished — stored all at once or not at all.
 */
package kring.core.store;
