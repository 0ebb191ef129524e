/**
 * The consent register of a case: which consent (or other ground) for sharing information exists,
 * from whom, for which kinds of information, towards whom and until when. Kring keeps the record,
 * never the evidence, which stays in the partner's own file.
 */
package kring.core.consent;
