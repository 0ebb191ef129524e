/** The versioned start-of-case agreement: shared goal, role split, coordination, rhythm. */
package kring.core.agreement;
