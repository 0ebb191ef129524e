/** What Kring will prompt whom, and when: planned from each case, kept in one due list. */
package kring.scheduler.planning;
