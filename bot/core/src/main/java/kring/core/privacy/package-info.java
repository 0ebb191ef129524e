/** Forgetting: erasing a case, forgetting one person, and the clock of retention. */
package kring.core.privacy;
