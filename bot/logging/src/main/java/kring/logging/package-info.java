/** What may reach Kring's log: a guard in front of every appender that keeps private data out. */
package kring.logging;
