/** The clock: Quartz jobs that wake the outbox (and, later, claim due prompts). */
package kring.scheduler.clock;
