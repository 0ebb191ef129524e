/** The Flemish school calendar, working hours and quiet hours: when a prompt may be sent. */
package kring.scheduler.calendar;
