/**
 * The case's calendar: working hours, a free day, school holidays, the rhythm of check-ins and
 * rounds, and what Kring has planned.
 */
package kring.core.conversation.calendar;
